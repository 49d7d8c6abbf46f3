package impl

import "sync/atomic"

// chain is a refill batch being built, not yet spliced (the spec's Chain[h]).
type chain struct {
	head, tail uintptr
	count      int32
}

// Refill of class c: DrainRemote, PopFreelist, LinearCarve, SpliceToSll, in
// this order, on the current slab. In checked mode the slab, its lists, its
// counters and the heap's cache list are validated afterwards.
//
// spec: Allocator!Refill
func (h *Heap) refill(c int) error {
	hc := &h.cls[c]
	s := hc.cur
	// A refill pushes the class's local batch first (RefillMayStart).
	if h.rb[c].count != 0 {
		if err := h.flushBatch(&h.rb[c]); err != nil {
			return err
		}
	}
	if err := h.drainRemote(s); err != nil {
		return err
	}
	ch, err := h.popFreelist(s)
	if err != nil {
		return err
	}
	h.linearCarve(s, &ch)
	h.spliceToSll(hc, s, ch)
	h.refills[c].Add(1)
	if h.checks {
		if err := h.a.checkSlab("refill", s); err != nil {
			return err
		}
		if err := h.checkSll(c); err != nil {
			return err
		}
	}
	return nil
}

// DrainRemote: take s's whole remote stack with one atomic exchange and
// prepend it to the freelist; Used and TotalActive drop by the number of
// blocks taken.
//
// spec: Allocator!DrainRemote
func (h *Heap) drainRemote(s *slab) error {
	c := int(atomic.LoadInt32(&s.class))
	traceBegin(h, c)
	x, took := drainTake(s) // s.takeRemote(), or the seeded B4 (faults_on.go)
	if !took {
		traceAction(h, actDrainRemote, c, s, 0, 0, traceSync{remote: syncRead, r: x})
		return nil
	}
	n, err := h.a.prependTaken(s, x, "DrainRemote")
	if err != nil {
		return err
	}
	if n > 0 {
		h.a.ev[c].drained.Add(int64(n))
	}
	traceAction(h, actDrainRemote, c, s, s.remoteHead(x), int(n), traceSync{remote: syncWrite, r: x, w: remoteTaken(x)})
	return nil
}

// prependTaken moves a taken remote stack (packed head x) onto the front of
// s's freelist and lowers the counters by its length. The list is walked
// to find its tail (when the freelist is not empty) and always in checked
// mode, where every block is validated; a length that disagrees with the
// count packed in the head is reported as corruption.
func (a *Allocator) prependTaken(s *slab, x uint64, op string) (int32, error) {
	head := s.remoteHead(x)
	n := remoteLen(x)
	if head == 0 {
		return 0, nil
	}
	if s.freelist != 0 || a.checks {
		tail := head
		var got int32 = 1
		for {
			if a.checks {
				if err := a.checkListBlock(op, s, tail, "remote stack"); err != nil {
					return 0, err
				}
			}
			nx, ok := a.nextLink(s, tail)
			if !ok {
				// The taken stack is abandoned, never followed.
				return 0, a.badLink(op, atomic.LoadUint32(&s.owner), s, tail, "remote stack")
			}
			if nx == 0 {
				break
			}
			if got >= n || got > s.capacity {
				return 0, a.corrupt(op, s, "remote stack longer than its count "+itoa(int(n)))
			}
			tail = nx
			got++
		}
		if got != n {
			return 0, a.corrupt(op, s, "remote stack has "+itoa(int(got))+" blocks, its count says "+itoa(int(n)))
		}
		setLink(a.linkKey, tail, s.freelist)
	}
	s.freelist = head
	a.addActive(s, -n)
	if s.tenured != 0 {
		a.untenureList(s, head, n)
	}
	return n, nil
}

// PopFreelist: cut k = min(Batch, len(freelist)) blocks off the front of
// the freelist into the chain; Used and TotalActive rise by k. The
// freelist's length is Carved - Used (CounterBalance), so it is not walked
// beyond the k blocks cut.
//
// Each link is validated before it is followed (link.go); a forged one
// abandons the freelist (ErrCorrupt).
//
// spec: Allocator!PopFreelist
func (h *Heap) popFreelist(s *slab) (chain, error) {
	c := int(atomic.LoadInt32(&s.class))
	traceBegin(h, c)
	k := atomic.LoadInt32(&s.carved) - atomic.LoadInt32(&s.used)
	if b := h.a.classes[c&127].batch; k > b {
		k = b
	}
	if k <= 0 || s.freelist == 0 {
		traceAction(h, actPopFreelist, c, s, 0, 0, traceSync{})
		return chain{}, nil
	}
	head := s.freelist
	tail := head
	for i := int32(1); i < k; i++ {
		nx, ok := h.a.nextLink(s, tail)
		if !ok {
			return chain{}, h.freelistBadLink(s, tail)
		}
		if nx == 0 { // shorter than Carved - Used says (checked mode reports it)
			k = i
			break
		}
		tail = nx
	}
	rest, ok := h.a.nextLink(s, tail)
	if !ok {
		return chain{}, h.freelistBadLink(s, tail)
	}
	s.freelist = rest
	setLink(h.linkKey, tail, 0)
	h.a.addActive(s, k)
	traceAction(h, actPopFreelist, c, s, head, int(k), traceSync{})
	return chain{head: head, tail: tail, count: k}, nil
}

// freelistBadLink reports block p of s's freelist holding a forged link and
// abandons the freelist: its blocks are counted as used from now on (Used
// rises to Carved, so CounterBalance still holds) and never handed out.
func (h *Heap) freelistBadLink(s *slab, p uintptr) error {
	err := h.a.badLink("refill", h.origID, s, p, "freelist")
	s.freelist = 0
	h.a.addActive(s, atomic.LoadInt32(&s.carved)-atomic.LoadInt32(&s.used))
	return err
}

// LinearCarve: cut k = min(Batch - chain.count, Cap - Carved) fresh blocks
// at the cursor, link them in order and append them to the chain; Carved,
// Used and TotalActive rise by k. Each block's second word gets the
// free-block tag (double-free detection).
//
// spec: Allocator!LinearCarve
func (h *Heap) linearCarve(s *slab, ch *chain) {
	c := int(atomic.LoadInt32(&s.class))
	traceBegin(h, c)
	k := h.a.classes[c&127].batch - ch.count
	if r := s.capacity - atomic.LoadInt32(&s.carved); r < k {
		k = r
	}
	if k <= 0 {
		traceAction(h, actLinearCarve, c, s, 0, 0, traceSync{})
		return
	}
	first := s.base + uintptr(atomic.LoadInt32(&s.carved))*s.stride
	p := first
	for i := int32(1); i < k; i++ {
		nx := p + s.stride
		setLink(h.linkKey, p, nx)
		setWord(p+8, p^h.secret)
		if h.checks {
			poisonFree(s, p)
		}
		p = nx
	}
	setLink(h.linkKey, p, 0)
	setWord(p+8, p^h.secret)
	if h.checks {
		poisonFree(s, p)
	}
	if ch.count == 0 {
		ch.head = first
	} else {
		setLink(h.linkKey, ch.tail, first)
	}
	ch.tail = p
	ch.count += k
	atomic.StoreInt32(&s.carved, atomic.LoadInt32(&s.carved)+k)
	h.a.addActive(s, k)
	traceAction(h, actLinearCarve, c, s, first, int(k), traceSync{})
}

// SpliceToSll: link the chain in front of the cache list and raise SllCount
// by the number of blocks the chain holds. No slab counter moves here.
//
// spec: Allocator!SpliceToSll
func (h *Heap) spliceToSll(hc *heapClass, s *slab, ch chain) {
	c := int(atomic.LoadInt32(&s.class))
	traceBegin(h, c)
	if ch.count == 0 {
		traceAction(h, actSpliceToSll, c, s, 0, 0, traceSync{})
		return
	}
	if faultB3 {
		setLink(h.linkKey, ch.tail, 0) // seeded bug B3: the rest of the Sll is dropped
	} else {
		setLink(h.linkKey, ch.tail, hc.sll)
	}
	hc.sll = ch.head
	if faultSllBatch {
		hc.count += h.a.classes[c&127].batch // seeded bug SllBatch
	} else {
		hc.count += ch.count
	}
	if faultB1 {
		// Seeded bug B1: the batch is counted a second time.
		atomic.AddInt64(&ssAt(s.ss).totalActive, int64(ch.count))
	}
	traceAction(h, actSpliceToSll, c, s, ch.head, int(ch.count), traceSync{})
}

// getSlab gives the heap a current slab for class c: an orphan worth
// adopting if there is one, else a fresh slab.
func (h *Heap) getSlab(c int) error {
	ol := &h.a.orphans[c]
	if ol.n.Load() > 0 {
		if s := h.a.pickOrphan(c); s != nil && h.adopt(c, s) {
			return nil
		}
	}
	return h.acquireSlab(c)
}

// Adopt: take orphan s of class c as the current slab and drain its remote
// stack (one atomic exchange) onto its freelist, so that no free pushed
// while it had no owner is lost. It returns false if s is no longer an
// orphan.
//
// spec: Allocator!Adopt
func (h *Heap) adopt(c int, s *slab) bool {
	traceBegin(h, c)
	ol := &h.a.orphans[c]
	ol.mu.Lock()
	// s must still be on this class's registry: a caller that found it
	// earlier (a pusher, Trim) may be late, and by now s may have been
	// adopted, returned to the pool, or even orphaned again in another
	// class (then it is on another registry, guarded by another mutex).
	if atomic.LoadUint32(&s.orphaned) != ol.tag {
		ol.mu.Unlock()
		return false
	}
	ol.remove(s)
	atomic.StoreUint32(&s.owner, h.id)
	e := s.nextEpoch()
	ol.mu.Unlock()
	h.cls[c].setCur(s)
	x := s.takeRemote()
	n := int32(0)
	if faultAdoptNoDrain {
		// Seeded bug AdoptNoDrain: the taken blocks vanish.
	} else if !remoteEmpty(x) {
		var err error
		if n, err = h.a.prependTaken(s, x, "Adopt"); err != nil {
			h.a.recordCorruption(err)
		}
	}
	h.a.noteAdopter(s, h.id)
	h.a.ev[c].adopted.Add(1)
	if n > 0 {
		h.a.ev[c].drained.Add(int64(n))
	}
	traceAction(h, actAdopt, c, s, s.remoteHead(x), int(n), traceSync{remote: syncWrite, r: x, w: remoteTaken(x), epoch: e})
	return true
}

// AcquireSlab: take a fresh slab (Carved = 0, no owner) from the free pool
// as the current slab of class c.
//
// spec: Allocator!AcquireSlab
func (h *Heap) acquireSlab(c int) error {
	a := h.a
	traceBegin(h, c)
	a.mu.Lock()
	s, err := a.takeSlab()
	if err == nil {
		// The geometry is set under a.mu: Stats reads it under a.mu while
		// heaps run.
		ci := &a.classes[c]
		s.base = s.ss + uintptr(s.slot)*a.slabSize
		s.stride = uintptr(ci.size)
		s.inv, s.shift = ci.inv, ci.shift
		s.capacity = ci.capacity
		if a.checks {
			a.sizeTable(s)
		}
	}
	a.mu.Unlock()
	if err != nil {
		return &Error{Op: "Alloc", Err: ErrOutOfMemory, Class: c, Size: classSize[c], Detail: err.Error()}
	}
	atomic.StoreInt32(&s.class, int32(c))
	s.freelist = 0
	atomic.StoreInt32(&s.used, 0)
	atomic.StoreInt32(&s.carved, 0)
	// No block of s is out, so no push races with this store: the stack
	// is emptied and its version moves on (remote.go).
	x := atomic.LoadUint64(&s.remote)
	atomic.StoreUint64(&s.remote, remoteTaken(x))
	if a.checks {
		clearBitmap(s, a.bitmapBytes)
	}
	atomic.StoreUint32(&s.owner, h.id)
	e := s.nextEpoch()
	s.lastOwner, *s.chain(), s.tenured = h.id, nil, 0
	h.cls[c].setCur(s)
	a.ev[c].acquired.Add(1)
	traceAction(h, actAcquireSlab, c, s, 0, 0, traceSync{remote: syncWrite, r: x, w: remoteTaken(x), epoch: e, fresh: true})
	return nil
}

// RetireSlab: with an empty cache list, give up the current slab of class
// c when it is fully free (Used = 0: it returns to its superslab's free
// pool, uncarved) or exhausted (no freelist, fully carved: it is orphaned;
// frees into it become remote pushes until a heap adopts it).
//
// spec: Allocator!RetireSlab
func (h *Heap) retireSlab(c int) {
	traceBegin(h, c)
	hc := &h.cls[c]
	s := hc.cur
	hc.setCur(nil)
	a := h.a
	// The event is written before s is published to the pool or the
	// orphan registry: from then on another heap may take it.
	e := s.nextEpoch()
	if atomic.LoadInt32(&s.used) == 0 {
		s.freelist = 0
		atomic.StoreInt32(&s.carved, 0)
		traceAction(h, actRetireSlab, c, s, 0, 0, traceSync{epoch: e})
		atomic.StoreUint32(&s.owner, 0)
		atomic.StoreInt32(&s.class, -1)
		a.mu.Lock()
		a.putSlab(s)
		a.mu.Unlock()
		a.ev[c].returned.Add(1)
		return
	}
	traceAction(h, actRetireSlab, c, s, 0, 1, traceSync{epoch: e})
	h.orphan(c, s)
	h.maybeReclaim(c, s)
}
