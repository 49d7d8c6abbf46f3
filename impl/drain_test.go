package impl

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"
)

// DrainRemote puts the taken remote stack in front of a non-empty
// freelist: the result must be exactly taken ++ freelist (the spec's
// next[last of taken] := Freelist[s]), in both modes.
func TestDrainPrependsTakenToFreelist(t *testing.T) {
	for _, checks := range []bool{false, true} {
		a := small(t, func(o *Options) { o.SlabBlocks = 4; o.SllMax = -1; o.Checks = checks })
		h1, h2 := a.NewHeap(), a.NewHeap()
		var bs [4][]byte
		for i := range bs {
			bs[i] = mustAlloc(t, h1, 16)
		}
		s := slabFor(a, addrOf(bs[0]))
		mustFree(t, h1, bs[3]) // SllMax 0: onto the freelist
		mustFree(t, h2, bs[0]) // remote: the first push, the tail
		mustFree(t, h2, bs[1])
		if err := h1.drainRemote(s); err != nil {
			t.Fatal(err)
		}
		st := slabOf(a.Inspect(int(s.class)), s.id(a))
		want := []int{ref(t, a, bs[1]).Index, ref(t, a, bs[0]).Index, ref(t, a, bs[3]).Index}
		if len(st.Freelist) != 3 || st.Freelist[0] != want[0] || st.Freelist[1] != want[1] || st.Freelist[2] != want[2] || len(st.Remote) != 0 {
			t.Fatalf("checks=%v: after drain freelist %v remote %v, want freelist %v remote []", checks, st.Freelist, st.Remote, want)
		}
		if err := a.Check(); err != nil {
			t.Fatal(err)
		}
		mustFree(t, h1, bs[2])
		h1.Close()
		h2.Close()
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// Checked mode walks the drained stack and reports a packed head whose
// length disagrees with the list.
func TestDrainChecksRemoteCount(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		bad        func(s *slab, x uint64) uint64
	}{
		{"count", "its count says", func(s *slab, x uint64) uint64 { return x + 1<<remoteHeadBits }},
	} {
		a := small(t, func(o *Options) { o.SlabBlocks = 4 })
		h1, h2 := a.NewHeap(), a.NewHeap()
		b1, b2 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
		s := slabFor(a, addrOf(b1))
		mustFree(t, h2, b1)
		mustFree(t, h2, b2)
		atomic.StoreUint64(&s.remote, tc.bad(s, atomic.LoadUint64(&s.remote)))
		_, err := h1.Alloc(16) // Sll empty: refill drains
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Alloc after a bad packed head: %v, want ErrCorrupt %q", tc.name, err, tc.want)
		}
	}
}
