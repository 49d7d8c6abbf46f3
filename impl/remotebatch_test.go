package impl

import "testing"

// batched is small with local batches of up to n remote frees and 4
// blocks a slab.
func batched(t *testing.T, n int) *Allocator {
	return small(t, func(o *Options) { o.SlabBlocks = 4; o.RemoteBatch = n })
}

// casCount counts the remote pushes' CAS attempts while it is installed.
func casCount(t *testing.T) *int {
	n := new(int)
	testHookCAS = func(*slab) { *n++ }
	t.Cleanup(func() { testHookCAS = nil })
	return n
}

// TestFreeToBatchThenOneCas: remote frees collect in the freeing heap's
// local batch (FreeToBatch: the slab's remote stack does not change); the
// one that fills it pushes the whole chain with one CAS (FreeRemoteBatch +
// FreeRemoteBatchCas), tail linked to the old head, count raised by the
// batch's size.
func TestFreeToBatchThenOneCas(t *testing.T) {
	a := batched(t, 3)
	h1, h2 := a.NewHeap(), a.NewHeap()
	var bs [][]byte
	for i := 0; i < 4; i++ {
		bs = append(bs, mustAlloc(t, h1, 16))
	}
	id := ref(t, a, bs[0]).Slab
	cas := casCount(t)
	mustFree(t, h2, bs[0])
	mustFree(t, h2, bs[1])
	snap := a.Inspect(0)
	s, hs := slabOf(snap, id), heapOf(snap, h2.ID())
	if len(s.Remote) != 0 || len(hs.Batch) != 2 || hs.Batch[0].Index != 2 || hs.Batch[1].Index != 1 ||
		hs.BatchSlab == nil || *hs.BatchSlab != id || *cas != 0 {
		t.Fatalf("after 2 batched frees: slab %+v, heap %+v, %d CAS", s, hs, *cas)
	}
	mustAccount(t, a, bs[2], bs[3])
	mustFree(t, h2, bs[2]) // the third fills the batch: one push
	snap = a.Inspect(0)
	s, hs = slabOf(snap, id), heapOf(snap, h2.ID())
	if len(hs.Batch) != 0 || len(s.Remote) != 3 || s.Remote[0] != 3 || s.Remote[2] != 1 || *cas != 1 {
		t.Fatalf("after the batch filled: slab %+v, heap %+v, %d CAS", s, hs, *cas)
	}
	if got := a.Stats().Classes[0].RemotePushes; got != 3 {
		t.Fatalf("RemotePushes %d, want 3 (blocks pushed)", got)
	}
	// The owner's refill drains all three.
	mustFree(t, h1, bs[3])
	for _, b := range [][]byte{mustAlloc(t, h1, 16), mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)} {
		mustFree(t, h1, b)
	}
	closeAll(t, a, h1, h2)
}

// TestBatchFlushPoints: a partial batch is pushed when the heap frees
// remotely into another slab, when it refills the class, and at Close.
func TestBatchFlushPoints(t *testing.T) {
	a := batched(t, 8)
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	x1, x2 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
	y1 := mustAlloc(t, h3, 16)
	sx, sy := ref(t, a, x1).Slab, ref(t, a, y1).Slab

	// Another slab: the batch for sx is pushed before y1 starts one for sy.
	mustFree(t, h2, x1)
	mustFree(t, h2, y1)
	snap := a.Inspect(0)
	if hs := heapOf(snap, h2.ID()); len(slabOf(snap, sx).Remote) != 1 || len(hs.Batch) != 1 || *hs.BatchSlab != sy {
		t.Fatalf("free to another slab: slab x %+v, heap %+v", slabOf(snap, sx), hs)
	}

	// Refill: h2's first Alloc of the class refills, pushing its batch.
	z := mustAlloc(t, h2, 16)
	snap = a.Inspect(0)
	if hs := heapOf(snap, h2.ID()); len(hs.Batch) != 0 || len(slabOf(snap, sy).Remote) != 1 {
		t.Fatalf("refill: slab y %+v, heap %+v", slabOf(snap, sy), hs)
	}

	// Close: the batch holding x2 is pushed, nothing is left behind.
	mustFree(t, h2, x2)
	if hs := heapOf(a.Inspect(0), h2.ID()); len(hs.Batch) != 1 {
		t.Fatalf("x2 not batched: %+v", hs)
	}
	mustFree(t, h2, z)
	h2.Close()
	if s := slabOf(a.Inspect(0), sx); len(s.Remote) != 2 {
		t.Fatalf("Close did not push the batch: %+v", s)
	}
	mustAccount(t, a)
	closeAll(t, a, h1, h3)
}

// TestBatchCasRetry: a batch's CAS that fails (the head moved after the
// read) re-reads the head, relinks the tail, and succeeds on the retry;
// no block is lost.
func TestBatchCasRetry(t *testing.T) {
	a := batched(t, 2)
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	b1, b2, b3 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
	id := ref(t, a, b1).Slab
	mustFree(t, h2, b1)
	// Before h2's CAS, h3 pushes b3 (its own batch of one, flushed by Close).
	ran := 0
	testHookCAS = func(s *slab) {
		if ran++; ran == 1 {
			testHookCAS = nil
			mustFree(t, h3, b3)
			h3.Close()
		}
	}
	t.Cleanup(func() { testHookCAS = nil })
	mustFree(t, h2, b2) // fills h2's batch: read, (h3 pushes), CAS fails, retry
	s := slabOf(a.Inspect(0), id)
	if ran != 1 || len(s.Remote) != 3 || s.Remote[0] != 2 || s.Remote[1] != 1 || s.Remote[2] != 3 {
		t.Fatalf("after the retried push: %+v (hook ran %d times)", s, ran)
	}
	mustAccount(t, a)
	closeAll(t, a, h1, h2)
}

// TestBatchIntoOrphanReclaims: blocks batched for a slab whose heap has
// closed reach it at the push, and the orphan whose last blocks came back
// is reclaimed (returned to its superslab).
func TestBatchIntoOrphanReclaims(t *testing.T) {
	a := batched(t, 4)
	h1, h2 := a.NewHeap(), a.NewHeap()
	b1, b2 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
	h1.Close()
	mustFree(t, h2, b1)
	mustFree(t, h2, b2)
	mustAccount(t, a)
	h2.Close() // pushes the batch: the orphan's last blocks
	closeAll(t, a)
}
