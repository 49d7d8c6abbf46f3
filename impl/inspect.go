package impl

import (
	"fmt"
	"sort"
	"sync/atomic"
)

// Introspection for the verification packages (spec/, linearize/): the
// real state of one size class in the vocabulary of tla/Allocator.tla.
// These functions read lists without synchronisation: call them only while
// no heap operation runs (between operations, or after joining all
// goroutines). Blocks are named as in the spec, <<slab, index>> with index
// 1..Cap; addresses are also given.

// BlockRef names a block: its slab and its 1-based index in the slab.
type BlockRef struct {
	Slab  SlabID
	Index int
}

func (b BlockRef) String() string { return fmt.Sprintf("<<%v, %d>>", b.Slab, b.Index) }

// Snapshot is the state of one size class.
type Snapshot struct {
	Class    int
	Size     int // block size (stride)
	Capacity int // blocks per slab (Cap)
	// Slabs of this class: owned by a heap or orphaned (fresh slabs in the
	// free pool have Carved = 0 and Owner = Nil and are not listed).
	Slabs []SlabState
	// Every superslab with its TotalActive.
	Superslabs []SuperslabState
	// Every open heap (the internal reclaimer owns nothing between
	// operations and is not listed).
	Heaps []HeapState
}

// SlabState is one slab of the class.
type SlabState struct {
	ID       SlabID
	Base     uintptr // address of block 1
	Stride   int
	Capacity int
	Carved   int
	Used     int
	Owner    uint32 // heap id; 0 is Nil
	Orphaned bool   // on the orphan registry (Owner = Nil, Carved > 0)
	Freelist []int  // block indices, head first
	Remote   []int  // block indices, head first
}

// SuperslabState is one superslab.
type SuperslabState struct {
	Index       int
	Base        uintptr
	TotalActive int64
	// UsedOtherClasses is Σ Used of its slabs of other classes, so that
	// TotalActive - UsedOtherClasses = Σ Used of its slabs of this class.
	UsedOtherClasses int64
}

// HeapState is one heap's cache of the class.
type HeapState struct {
	ID       uint32
	Sll      []BlockRef // head first
	SllCount int
	Current  *SlabID // nil is Nil
}

// Inspect returns the state of class c. The lists are walked with a bound
// (Capacity + 1 entries per slab list, the sum of capacities for an Sll),
// so a cyclic list shows as one entry too long. Quiescent use only.
func (a *Allocator) Inspect(c int) Snapshot {
	snap := Snapshot{Class: c}
	if c < 0 || c >= a.nclasses {
		return snap
	}
	snap.Size = a.classes[c].size
	snap.Capacity = int(a.classes[c].capacity)
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, base := range a.supers {
		ss := ssAt(base)
		sst := SuperslabState{Index: int(ss.index), Base: base, TotalActive: atomic.LoadInt64(&ss.totalActive)}
		for i := a.firstSlot; i < a.slots; i++ {
			s := ss.slab(a, i)
			if ss.freeMask&(1<<uint(i)) != 0 {
				continue
			}
			if int(atomic.LoadInt32(&s.class)) != c {
				sst.UsedOtherClasses += int64(atomic.LoadInt32(&s.used))
				continue
			}
			st := SlabState{ID: s.id(a), Base: s.base, Stride: int(s.stride), Capacity: int(s.capacity),
				Carved: int(atomic.LoadInt32(&s.carved)), Used: int(atomic.LoadInt32(&s.used)), Owner: atomic.LoadUint32(&s.owner), Orphaned: atomic.LoadUint32(&s.orphaned) != 0}
			st.Freelist = a.walkIndices(s, s.freelist)
			st.Remote = a.walkIndices(s, s.remoteHead(atomic.LoadUint64(&s.remote)))
			snap.Slabs = append(snap.Slabs, st)
		}
		snap.Superslabs = append(snap.Superslabs, sst)
	}
	ids := make([]int, 0, len(a.heaps))
	for id := range a.heaps {
		ids = append(ids, int(id))
	}
	sort.Ints(ids)
	limit := 1
	for _, s := range snap.Slabs {
		limit += s.Capacity
	}
	for _, id := range ids {
		h := a.heaps[uint32(id)]
		hc := &h.cls[c]
		hs := HeapState{ID: h.origID, SllCount: int(hc.count)}
		if hc.cur != nil {
			sid := hc.cur.id(a)
			hs.Current = &sid
		}
		for p, n := hc.sll, 0; p != 0 && n < limit; p, n = getLink(a.linkKey, p), n+1 {
			ref, err := a.locateLocked(p)
			if err != nil {
				hs.Sll = append(hs.Sll, BlockRef{Index: -1})
				break // not a block: its link is not followed
			}
			hs.Sll = append(hs.Sll, ref)
		}
		snap.Heaps = append(snap.Heaps, hs)
	}
	return snap
}

// walkIndices walks a list of slab s from head, returning 1-based block
// indices (0 for an address that is not a block of s), at most
// Capacity + 1 entries.
func (a *Allocator) walkIndices(s *slab, head uintptr) []int {
	var out []int
	for p := head; p != 0 && len(out) <= int(s.capacity); p = getLink(a.linkKey, p) {
		if p < s.base || (p-s.base)%s.stride != 0 || (p-s.base)/s.stride >= uintptr(s.capacity) {
			out = append(out, 0)
			break
		}
		out = append(out, int((p-s.base)/s.stride)+1)
	}
	return out
}

// Locate maps a block (as Alloc returned it) to its slab and 1-based
// index. Quiescent use is not required, but the answer is only meaningful
// for a block that is not being freed concurrently.
func (a *Allocator) Locate(b []byte) (BlockRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.locateLocked(addrOf(b))
}

// LocateAddr is Locate for an address.
func (a *Allocator) LocateAddr(p uintptr) (BlockRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.locateLocked(p)
}

func (a *Allocator) locateLocked(p uintptr) (BlockRef, error) {
	base := p &^ (a.ssAlign - 1)
	if a.pm.get(base) != base|tagSmall {
		return BlockRef{}, &Error{Op: "Locate", Err: ErrForeign, Addr: p, Class: -1}
	}
	ss := ssAt(base)
	slot := int((p - base) >> a.slabShift)
	s := ss.slab(a, slot)
	id := SlabID{Super: int(ss.index), Slot: slot}
	if slot < a.firstSlot || atomic.LoadInt32(&s.class) < 0 || p < s.base || (p-s.base)%s.stride != 0 ||
		(p-s.base)/s.stride >= uintptr(s.capacity) {
		return BlockRef{}, &Error{Op: "Locate", Err: ErrNotBlockStart, Addr: p, Class: -1, Slab: &id}
	}
	return BlockRef{Slab: id, Index: int((p-s.base)/s.stride) + 1}, nil
}

// SlabBase returns the address of block 1 of slab id, or 0. Quiescent use.
func (a *Allocator) SlabBase(id SlabID) uintptr {
	a.mu.Lock()
	defer a.mu.Unlock()
	if id.Super < 0 || id.Super >= len(a.supers) || id.Slot < a.firstSlot || id.Slot >= a.slots {
		return 0
	}
	return ssAt(a.supers[id.Super]).slab(a, id.Slot).base
}
