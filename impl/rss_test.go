package impl

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func rssKiB(t *testing.T) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmRSS:") {
			f := strings.Fields(l)
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestRSSComesBack: after a burst of 160 MiB of small blocks (40 MiB under
// -race) is freed, the
// fully free superslabs are given back to the kernel: Stats shows them
// decommitted and the process's resident set drops.
func TestRSSComesBack(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := a.NewHeap()
	n := 320000
	if raceEnabled {
		n = 80000 // ~40 MiB: still far above the noise, 4x less race-detector work
	}
	bs := make([][]byte, 0, n) // Go heap growth (and race shadow) before "before"
	for i := range n {
		bs = append(bs, nil)
		bs[i] = nil
	}
	bs = bs[:0]
	before := rssKiB(t)
	for i := 0; i < n; i++ {
		b := mustAlloc(t, h, 16+i%1009)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		b[len(b)-1] = 1
		bs = append(bs, b)
	}
	peak := rssKiB(t)
	st := a.Stats()
	mapped := st.BytesMapped
	for _, b := range bs {
		mustFree(t, h, b)
	}
	bs = nil
	h.Close()
	after := rssKiB(t)
	st = a.Stats()
	committed := st.BytesMapped - st.BytesDecommitted
	t.Logf("RSS before %d KiB, peak %d KiB, after %d KiB; mapped %d KiB, still committed %d KiB",
		before, peak, after, mapped>>10, committed>>10)
	if err := allZero(a); err != nil {
		t.Fatal(err)
	}
	// h was the last open heap: no superslab keeps its slab memory (not even
	// the RetainEmpty one); only the header slot of each superslab stays
	// committed (of which only the records touched are resident: a few KiB).
	if committed > int64(st.Superslabs*a.firstSlot)*int64(a.slabSize) {
		t.Fatalf("%d bytes still committed after freeing everything", committed)
	}
	if peak-before < 20<<10 || after > before+(peak-before)/4 {
		t.Fatalf("RSS did not come back: before %d, peak %d, after %d KiB", before, peak, after)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRetainEmptyWhileHeapsAreOpen: while a heap is open, one entirely free
// superslab (RetainEmpty = 1) keeps its memory for reuse; closing the last
// heap gives it back, and so does Trim.
func TestRetainEmptyWhileHeapsAreOpen(t *testing.T) {
	for _, how := range []string{"last heap closes", "Trim"} {
		a, err := New(Options{})
		if err != nil {
			t.Fatal(err)
		}
		keep, h := a.NewHeap(), a.NewHeap()
		var bs [][]byte
		for i := 0; i < 3*int(a.ssSpan)/1024; i++ { // more than two superslabs of 1 KiB blocks
			b := mustAlloc(t, h, 1000)
			b[0], b[len(b)-1] = 1, 1
			bs = append(bs, b)
		}
		for _, b := range bs {
			mustFree(t, h, b)
		}
		h.Close()
		headers := int64(a.Stats().Superslabs*a.firstSlot) * int64(a.slabSize)
		committed := func() int64 { st := a.Stats(); return st.BytesMapped - st.BytesDecommitted - headers }
		if got := committed(); got != int64(a.ssSpan)-int64(a.firstSlot)*int64(a.slabSize) {
			t.Fatalf("%s: with a heap open, %d slab bytes committed; want exactly one retained superslab (%d)", how, got, int64(a.ssSpan)-int64(a.firstSlot)*int64(a.slabSize))
		}
		if how == "Trim" {
			a.Trim()
		} else {
			keep.Close()
		}
		if got := committed(); got != 0 {
			t.Errorf("%s: %d slab bytes still committed, want 0", how, got)
		}
		if how == "Trim" {
			// The allocator still works after a Trim: the decommitted memory comes back zeroed.
			b := mustAlloc(t, keep, 1000)
			b[0] = 1
			mustFree(t, keep, b)
			keep.Close()
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
