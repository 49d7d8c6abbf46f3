package impl

import (
	"testing"
)

// Each test drives the protocol one action at a time with the model's
// constants (Cap 3, Batch 2, SllMax 2) and compares the real state, read
// with Inspect, with what tla/Allocator.tla says the action does.

func TestAcquireRefillAlloc(t *testing.T) {
	a := small(t, nil)
	h := a.NewHeap()
	b1 := mustAlloc(t, h, 16) // AcquireSlab, Refill (carve 2), Alloc
	r1 := ref(t, a, b1)
	if r1.Index != 1 {
		t.Fatalf("first block %v, want index 1", r1)
	}
	snap := a.Inspect(0)
	s := slabOf(snap, r1.Slab)
	hs := heapOf(snap, h.ID())
	if s.Owner != h.ID() || s.Carved != 2 || s.Used != 2 || len(s.Freelist) != 0 {
		t.Fatalf("after first alloc: slab %+v", s)
	}
	if hs.Current == nil || *hs.Current != r1.Slab || hs.SllCount != 1 || len(hs.Sll) != 1 || hs.Sll[0].Index != 2 {
		t.Fatalf("after first alloc: heap %+v", hs)
	}
	b2 := mustAlloc(t, h, 16) // Alloc pops <<s,2>>
	if ref(t, a, b2).Index != 2 {
		t.Fatal("second block not index 2")
	}
	b3 := mustAlloc(t, h, 16) // Refill carves the last block
	if r := ref(t, a, b3); r.Index != 3 || r.Slab != r1.Slab {
		t.Fatalf("third block %v", r)
	}
	s = slabOf(a.Inspect(0), r1.Slab)
	if s.Carved != 3 || s.Used != 3 {
		t.Fatalf("slab after 3 allocs %+v", s)
	}
	// Exhausted: the next Alloc retires (orphans) it and acquires another.
	b4 := mustAlloc(t, h, 16)
	r4 := ref(t, a, b4)
	if r4.Slab == r1.Slab {
		t.Fatal("fourth block from the exhausted slab")
	}
	snap = a.Inspect(0)
	s = slabOf(snap, r1.Slab)
	if s.Owner != 0 || !s.Orphaned || s.Used != 3 {
		t.Fatalf("retired slab %+v, want orphaned with Used 3", s)
	}
	mustAccount(t, a, b1, b2, b3, b4)
	for _, b := range [][]byte{b1, b2, b3, b4} {
		mustFree(t, h, b)
	}
	// The orphan's last block came back by remote pushes: it was
	// reclaimed (returned to its superslab).
	if s := slabOf(a.Inspect(0), r1.Slab); s != nil {
		t.Fatalf("orphan not reclaimed: %+v", s)
	}
	mustAccount(t, a)
	closeAll(t, a, h)
}

func TestFreeLocalSllThenFreelist(t *testing.T) {
	a := small(t, func(o *Options) { o.SllMax = 1 })
	h := a.NewHeap()
	b1 := mustAlloc(t, h, 16)
	b2 := mustAlloc(t, h, 16)
	id := ref(t, a, b1).Slab
	mustFree(t, h, b1) // SllCount 0 < SllMax 1: onto the Sll
	snap := a.Inspect(0)
	if hs := heapOf(snap, h.ID()); hs.SllCount != 1 || hs.Sll[0] != ref(t, a, b1) {
		t.Fatalf("after FreeLocal to Sll: %+v", hs)
	}
	if s := slabOf(snap, id); s.Used != 2 {
		t.Fatalf("Used moved on an Sll push: %+v", s)
	}
	mustFree(t, h, b2) // Sll full: onto the freelist, Used and TotalActive -1
	snap = a.Inspect(0)
	s := slabOf(snap, id)
	if s.Used != 1 || len(s.Freelist) != 1 || s.Freelist[0] != 2 {
		t.Fatalf("after FreeLocal to freelist: %+v", s)
	}
	if snap.Superslabs[id.Super].TotalActive-snap.Superslabs[id.Super].UsedOtherClasses != 1 {
		t.Fatalf("TotalActive %+v", snap.Superslabs[id.Super])
	}
	mustAccount(t, a)
	closeAll(t, a, h)
}

func TestFreeRemoteAndDrain(t *testing.T) {
	a := small(t, func(o *Options) { o.SlabBlocks = 4 })
	h1, h2 := a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	b2 := mustAlloc(t, h1, 16)
	id := ref(t, a, b1).Slab
	mustFree(t, h2, b1) // remote: FreeRemote + FreeRemoteCas
	mustFree(t, h2, b2)
	snap := a.Inspect(0)
	s := slabOf(snap, id)
	if len(s.Remote) != 2 || s.Remote[0] != 2 || s.Remote[1] != 1 || s.Used != 2 {
		t.Fatalf("after 2 remote frees: %+v", s)
	}
	mustAccount(t, a)
	// h1's next Alloc refills: DrainRemote moves both (Used -2), PopFreelist
	// takes Batch 2 back (Used +2).
	b3 := mustAlloc(t, h1, 16)
	s = slabOf(a.Inspect(0), id)
	if len(s.Remote) != 0 || s.Carved != 2 || s.Used != 2 {
		t.Fatalf("after drain: %+v", s)
	}
	if ref(t, a, b3).Slab != id {
		t.Fatal("refill did not reuse drained blocks")
	}
	st := a.Stats().Classes[0]
	if st.RemotePushes != 2 || st.RemoteDrained != 2 {
		t.Fatalf("stats %+v", st)
	}
	mustFree(t, h1, b3)
	closeAll(t, a, h1, h2)
}

func TestFreeRemoteCasRetry(t *testing.T) {
	a := small(t, func(o *Options) { o.SlabBlocks = 4 })
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	b2 := mustAlloc(t, h1, 16)
	p1, p2 := addrOf(b1), addrOf(b2)
	s := slabFor(a, p1)
	pd2 := h2.freeRemote(s, p2) // h2 reads the head (empty)
	pd3 := h3.freeRemote(s, p1) // h3 reads the same head
	if !h3.freeRemoteCas(s, &pd3) {
		t.Fatal("first CAS failed")
	}
	if h2.freeRemoteCas(s, &pd2) {
		t.Fatal("stale CAS succeeded")
	}
	if s.remoteHead(pd2.seen) != p1 || getLink(a.linkKey, p2) != p1 {
		t.Fatal("failed CAS did not re-read and relink")
	}
	if !h2.freeRemoteCas(s, &pd2) {
		t.Fatal("retry failed")
	}
	setWord(p1+8, p1^a.secret)
	setWord(p2+8, p2^a.secret)
	clearBit(s, p1)
	clearBit(s, p2)
	snap := a.Inspect(0)
	if r := slabOf(snap, s.id(a)).Remote; len(r) != 2 || r[0] != 2 || r[1] != 1 {
		t.Fatalf("remote %v", r)
	}
	mustAccount(t, a)
	closeAll(t, a, h1, h2, h3)
}

func TestHeapExitAndAdopt(t *testing.T) {
	a := small(t, nil)
	h1, h2 := a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	id := ref(t, a, b1).Slab
	// h1's Sll holds block 2. HeapExit flushes it (Used -1) and orphans.
	h1.Close()
	snap := a.Inspect(0)
	s := slabOf(snap, id)
	if s.Owner != 0 || !s.Orphaned || s.Used != 1 || len(s.Freelist) != 1 {
		t.Fatalf("after HeapExit: %+v", s)
	}
	if heapOf(snap, h1.ID()) != nil {
		t.Fatal("closed heap still listed")
	}
	// h2 has no slab of class 0; it adopts the orphan (it has a free block
	// and uncarved room), draining its (empty) remote stack.
	b2 := mustAlloc(t, h2, 16)
	if r := ref(t, a, b2); r.Slab != id {
		t.Fatalf("h2 did not adopt: got %v", r)
	}
	s = slabOf(a.Inspect(0), id)
	if s.Owner != h2.ID() || s.Orphaned {
		t.Fatalf("after Adopt: %+v", s)
	}
	if a.Stats().Classes[0].Adopted != 1 {
		t.Fatal("adoption not counted")
	}
	mustFree(t, h2, b1) // local now: h2 owns the slab
	mustFree(t, h2, b2)
	mustAccount(t, a)
	closeAll(t, a, h2)
}

func TestAdoptDrainsRemote(t *testing.T) {
	a := small(t, nil)
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	b2 := mustAlloc(t, h1, 16)
	b3 := mustAlloc(t, h1, 16)
	id := ref(t, a, b1).Slab
	h1.Close()          // orphan, Used 3, exhausted
	mustFree(t, h2, b1) // remote push into the orphan
	s := slabOf(a.Inspect(0), id)
	if len(s.Remote) != 1 || s.Used != 3 {
		t.Fatalf("orphan %+v", s)
	}
	b4 := mustAlloc(t, h3, 16) // adopts: drain gives block 1 back
	if r := ref(t, a, b4); r.Slab != id || r.Index != 1 {
		t.Fatalf("adopter got %v", r)
	}
	mustAccount(t, a, b2, b3, b4)
	for _, b := range [][]byte{b2, b3, b4} {
		mustFree(t, h2, b)
	}
	closeAll(t, a, h2, h3)
}

func TestRetireSlabUsedZeroViaReclaim(t *testing.T) {
	a := small(t, nil)
	h1, h2 := a.NewHeap(), a.NewHeap()
	var bs [][]byte
	for i := 0; i < 3; i++ {
		bs = append(bs, mustAlloc(t, h1, 100))
	}
	c := a.ClassOf(100)
	id := ref(t, a, bs[0]).Slab
	h1.Close()
	mustFree(t, h2, bs[0])
	mustFree(t, h2, bs[1])
	if s := slabOf(a.Inspect(c), id); s == nil || len(s.Remote) != 2 {
		t.Fatalf("orphan %+v", s)
	}
	mustFree(t, h2, bs[2]) // the last block: Adopt (drain) + RetireSlab (Used = 0)
	if s := slabOf(a.Inspect(c), id); s != nil {
		t.Fatalf("fully free orphan not returned: %+v", s)
	}
	st := a.Stats().Classes[c]
	if st.Returned != 1 || st.Adopted != 1 {
		t.Fatalf("stats %+v", st)
	}
	closeAll(t, a, h2)
}

func TestSpliceOntoNonEmptySll(t *testing.T) {
	a := small(t, func(o *Options) { o.LowWater = 1; o.SlabBlocks = 8; o.SllMax = 8 })
	h := a.NewHeap()
	b1 := mustAlloc(t, h, 16) // carve 2, pop one: Sll = [2]
	b2 := mustAlloc(t, h, 16) // SllCount 1 <= LowWater: refill carves 3,4 and splices onto [2]
	snap := a.Inspect(0)
	hs := heapOf(snap, h.ID())
	if ref(t, a, b2).Index != 3 {
		t.Fatalf("second block %v", ref(t, a, b2))
	}
	if hs.SllCount != 2 || hs.Sll[0].Index != 4 || hs.Sll[1].Index != 2 {
		t.Fatalf("Sll after splice onto non-empty list: %+v", hs)
	}
	mustFree(t, h, b1)
	mustFree(t, h, b2)
	mustAccount(t, a)
	closeAll(t, a, h)
}

// TestBlockQuot: for every class, blockQuot of an offset is offset/size for
// every multiple of the size, and above any capacity (65535) for every
// other offset in a 512 KiB slab and for offsets below the base (which wrap).
func TestBlockQuot(t *testing.T) {
	const maxCap = 65535
	for c := 0; c < numClasses; c++ {
		sz := uint64(classSize[c])
		inv, shift := divConsts(sz)
		for off := uint64(0); off < 512<<10; off++ {
			got := blockQuot(uintptr(off), inv, shift)
			if off%sz == 0 && got != off/sz {
				t.Fatalf("class %d size %d: %d/%d = %d, blockQuot gives %d", c, sz, off, sz, off/sz, got)
			}
			if off%sz != 0 && got <= maxCap {
				t.Fatalf("class %d size %d: offset %d is no multiple, but blockQuot gives %d", c, sz, off, got)
			}
		}
		for x := uint64(1); x <= 1<<16; x++ {
			if got := blockQuot(uintptr(-x), inv, shift); got <= maxCap {
				t.Fatalf("class %d size %d: offset -%d (below the base) gives %d", c, sz, x, got)
			}
		}
	}
}

// slabFor returns the slab record of address p.
func slabFor(a *Allocator, p uintptr) *slab {
	base := p &^ (a.ssAlign - 1)
	return ssAt(base).slab(a, int((p-base)>>a.slabShift))
}

func clearBit(s *slab, p uintptr) {
	w, m := s.bit((p - s.base) / s.stride)
	*w &^= m
}

// PopFreelist takes what the freelist has (fewer than Batch), LinearCarve
// tops the chain up to Batch, SpliceToSll keeps the chain's order.
func TestPopFreelistThenCarve(t *testing.T) {
	a := small(t, func(o *Options) { o.SlabBlocks = 4; o.SllMax = -1 })
	h := a.NewHeap()
	a1 := mustAlloc(t, h, 16) // carve 1,2; Sll [2]
	a2 := mustAlloc(t, h, 16) // pop 2
	id := ref(t, a, a1).Slab
	mustFree(t, h, a1) // SllMax 0: onto the freelist, Used 1
	s := slabOf(a.Inspect(0), id)
	if s.Used != 1 || len(s.Freelist) != 1 || s.Freelist[0] != 1 {
		t.Fatalf("after FreeLocal: %+v", s)
	}
	a3 := mustAlloc(t, h, 16) // pop 1 from the freelist, carve 3: chain [1, 3]
	if ref(t, a, a3).Index != 1 {
		t.Fatalf("refill did not pop the freelist first: %v", ref(t, a, a3))
	}
	snap := a.Inspect(0)
	s = slabOf(snap, id)
	hs := heapOf(snap, h.ID())
	if s.Carved != 3 || s.Used != 3 || len(s.Freelist) != 0 {
		t.Fatalf("after PopFreelist+LinearCarve: %+v", s)
	}
	if hs.SllCount != 1 || len(hs.Sll) != 1 || hs.Sll[0].Index != 3 {
		t.Fatalf("Sll after the splice: %+v", hs)
	}
	mustAccount(t, a, a2, a3)
	mustFree(t, h, a2)
	mustFree(t, h, a3)
	closeAll(t, a, h)
}
