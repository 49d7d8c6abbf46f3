package impl

import (
	"sync"
	"sync/atomic"
)

// The orphan registry: per size class, the slabs that no heap owns (Owner =
// Nil) but that still have carved blocks out (Carved > 0). A heap orphans
// its current slab when it closes (HeapExit) or when the slab is exhausted
// (RetireSlab); a heap that needs a slab adopts one from here (Adopt); a
// remote free that brings an orphan's last block back, or Trim, returns it
// to its superslab through the allocator's reclaim heap (reclaimSlab).
// Each class's registry is guarded by its own mutex; a slab is on at most
// one registry at a time, and slab.orphaned says which.

// orphanList is the registry of a class's orphaned slabs (Owner = Nil,
// Carved > 0): a doubly linked list through the slab records.
type orphanList struct {
	mu        sync.Mutex // guards head, tail, the links and slab.orphaned; taken after reclaimMu
	tag       uint32     // class+1: the value of slab.orphaned for slabs on this list
	head      uintptr
	tail      uintptr
	n         atomic.Int32
	reclaimMu sync.Mutex // serialises use of Allocator.reclaim for this class
	_         [28]byte
}

// insert puts s at the front of its class's orphan registry. Caller holds
// ol.mu.
func (ol *orphanList) insert(s *slab) { ol.insertAt(s, true) }

// insertBack puts s at the back of the registry. Caller holds ol.mu.
func (ol *orphanList) insertBack(s *slab) { ol.insertAt(s, false) }

// insertAt puts s at the front of the registry, or at its back. Caller holds
// ol.mu.
func (ol *orphanList) insertAt(s *slab, front bool) {
	atomic.StoreUint32(&s.orphaned, ol.tag)
	near, far := &ol.head, &ol.tail // the end s goes to, the other end
	if !front {
		near, far = far, near
	}
	toward, away := orphLinks(s, front)
	*toward = 0
	*away = *near
	if *near != 0 {
		t, _ := orphLinks((*slab)(ptr(*near)), front)
		*t = slabAddr(s)
	} else {
		*far = slabAddr(s)
	}
	*near = slabAddr(s)
	ol.n.Add(1)
}

// orphLinks returns s's registry link toward the front (or, with front
// false, toward the back) and its link the other way.
func orphLinks(s *slab, front bool) (toward, away *uintptr) {
	if front {
		return &s.orphPrev, &s.orphNext
	}
	return &s.orphNext, &s.orphPrev
}

func (ol *orphanList) remove(s *slab) {
	if s.orphPrev != 0 {
		(*slab)(ptr(s.orphPrev)).orphNext = s.orphNext
	} else {
		ol.head = s.orphNext
	}
	if s.orphNext != 0 {
		(*slab)(ptr(s.orphNext)).orphPrev = s.orphPrev
	} else {
		ol.tail = s.orphPrev
	}
	s.orphNext, s.orphPrev = 0, 0
	atomic.StoreUint32(&s.orphaned, 0)
	ol.n.Add(-1)
}

// orphan clears s's owner and registers it as an orphan of class c.
func (h *Heap) orphan(c int, s *slab) {
	ol := &h.a.orphans[c]
	ol.mu.Lock()
	atomic.StoreUint32(&s.owner, 0)
	ol.insert(s)
	ol.mu.Unlock()
	h.a.ev[c].orphaned.Add(1)
}

// maybeReclaim returns orphan s to its superslab if it is entirely free.
// The reclaim heap never calls it (it is inside reclaimSlab already).
func (h *Heap) maybeReclaim(c int, s *slab) {
	if h.id != reclaimID && s.remoteCount() == atomic.LoadInt32(&s.used) {
		h.a.reclaimSlab(c, s, false)
	}
}

// pickOrphan returns an orphan of class c that has a block to give (free
// blocks on its freelist or remote stack, or uncarved room), looking at a
// few registry entries and moving the useless ones to the back.
func (a *Allocator) pickOrphan(c int) *slab {
	ol := &a.orphans[c]
	ol.mu.Lock()
	defer ol.mu.Unlock()
	for i := 0; i < 8 && ol.head != 0; i++ {
		s := (*slab)(ptr(ol.head))
		if s.freelist != 0 || atomic.LoadInt32(&s.carved) < s.capacity || s.remoteCount() > 0 {
			return s
		}
		if s.orphNext == 0 {
			break
		}
		// Rotate s to the back.
		ol.remove(s)
		ol.insertBack(s)
	}
	return nil
}

// reclaimSlab returns orphan s of class c to its superslab when it is
// entirely free (every carved block on its freelist or remote stack): the
// internal reclaim heap adopts it (draining the remote stack), then retires
// it (Used = 0) or orphans it again (HeapExit) if blocks are still out.
// With force it drains s even when not entirely free. Safe for concurrent
// use.
func (a *Allocator) reclaimSlab(c int, s *slab, force bool) {
	ol := &a.orphans[c]
	ol.reclaimMu.Lock()
	defer ol.reclaimMu.Unlock()
	r := a.reclaim
	for i := 0; i < 4; i++ {
		if !force && s.remoteCount() != atomic.LoadInt32(&s.used) {
			return
		}
		force = false
		if !r.adopt(c, s) {
			return
		}
		if atomic.LoadInt32(&s.used) == 0 {
			r.retireSlab(c)
			return
		}
		r.exitClass(c)
	}
}
