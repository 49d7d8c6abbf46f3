package impl

import (
	"fmt"
	"testing"
)

// small mirrors the TLA+ model's constants: 3 blocks per slab, batch 2,
// SllMax 2, 2 slabs per superslab, no local batches of remote frees
// (RemoteBatch 0: each remote free is pushed at once), checked mode.
func small(t testing.TB, mod func(*Options)) *Allocator {
	t.Helper()
	o := Options{SlabSize: 4096, SlabBlocks: 3, Batch: 2, SllMax: 2, SlabsPerSuperslab: 2, RemoteBatch: -1, Checks: true}
	if mod != nil {
		mod(&o)
	}
	a, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustAlloc(t testing.TB, h *Heap, n int) []byte {
	t.Helper()
	b, err := h.Alloc(n)
	if err != nil {
		t.Fatalf("Alloc(%d): %v", n, err)
	}
	return b
}

func mustFree(t testing.TB, h *Heap, b []byte) {
	t.Helper()
	if err := h.Free(b); err != nil {
		t.Fatalf("Free: %v", err)
	}
}

func ref(t testing.TB, a *Allocator, b []byte) BlockRef {
	t.Helper()
	r, err := a.Locate(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func slabOf(snap Snapshot, id SlabID) *SlabState {
	for i := range snap.Slabs {
		if snap.Slabs[i].ID == id {
			return &snap.Slabs[i]
		}
	}
	return nil
}

func heapOf(snap Snapshot, id uint32) *HeapState {
	for i := range snap.Heaps {
		if snap.Heaps[i].ID == id {
			return &snap.Heaps[i]
		}
	}
	return nil
}

// account checks ExactlyOnePlace over every class by walking the real
// lists: each carved block is on exactly one of its slab's freelist, its
// remote stack, one heap's Sll or local batch, or in live (the blocks the test holds);
// no uncarved block is anywhere. It also runs Check.
func account(a *Allocator, live [][]byte) error { return accountN(a, live, a.NumClasses()) }

// accountN is account for classes 0..n-1 only.
func accountN(a *Allocator, live [][]byte, n int) error {
	if err := a.checkClasses(n); err != nil {
		return err
	}
	type key struct {
		id  SlabID
		idx int
	}
	liveBy := map[int][]BlockRef{}
	for _, b := range live {
		if len(b) > a.maxSmall {
			continue
		}
		r, err := a.Locate(b)
		if err != nil {
			return err
		}
		c := a.ClassOf(cap(b))
		if cap(b) == 0 {
			c = 0
		}
		liveBy[c] = append(liveBy[c], r)
	}
	for c := 0; c < n; c++ {
		snap := a.Inspect(c)
		places := map[key]int{}
		for _, s := range snap.Slabs {
			for _, i := range s.Freelist {
				places[key{s.ID, i}]++
			}
			for _, i := range s.Remote {
				places[key{s.ID, i}]++
			}
		}
		for _, h := range snap.Heaps {
			for _, b := range h.Sll {
				places[key{b.Slab, b.Index}]++
			}
			for _, b := range h.Batch {
				places[key{b.Slab, b.Index}]++
			}
		}
		for _, r := range liveBy[c] {
			places[key{r.Slab, r.Index}]++
		}
		for _, s := range snap.Slabs {
			for i := 1; i <= s.Capacity; i++ {
				want := 0
				if i <= s.Carved {
					want = 1
				}
				if got := places[key{s.ID, i}]; got != want {
					return fmt.Errorf("ExactlyOnePlace: class %d block <<%v, %d>> (Carved %d) is in %d places, want %d", c, s.ID, i, s.Carved, got, want)
				}
				delete(places, key{s.ID, i})
			}
		}
		for k, n := range places {
			return fmt.Errorf("ExactlyOnePlace: class %d block <<%v, %d>> in %d places but its slab is not in use", c, k.id, k.idx, n)
		}
	}
	return nil
}

// mustAccount fails t when account(a, live) reports an error.
func mustAccount(t testing.TB, a *Allocator, live ...[]byte) {
	t.Helper()
	if err := account(a, live); err != nil {
		t.Fatal(err)
	}
}

// closeAll closes heaps, then fails t unless every counter is back at zero
// and every slab back in the free pool (allZero) and a closes cleanly.
func closeAll(t testing.TB, a *Allocator, heaps ...*Heap) {
	t.Helper()
	for _, h := range heaps {
		h.Close()
	}
	if err := allZero(a); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// allZero reports whether every counter is back at zero and every slab
// is back in the free pool.
func allZero(a *Allocator) error {
	st := a.Stats()
	for _, ss := range st.Supers {
		if ss.TotalActive != 0 {
			return fmt.Errorf("superslab %d TotalActive %d", ss.Index, ss.TotalActive)
		}
		for _, s := range ss.Slabs {
			if s.Class != -1 {
				return fmt.Errorf("superslab %d slot %d still in use: %+v", ss.Index, s.Slot, s)
			}
		}
	}
	if st.LargeLive != 0 {
		return fmt.Errorf("%d large blocks live", st.LargeLive)
	}
	return nil
}
