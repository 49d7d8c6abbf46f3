package impl

import (
	"sync/atomic"
	"unsafe"
)

// Checked mode (Options.Checks or VERALLOC_CHECKS=1). Each slab has a
// bitmap with one bit per block, set while the block is in the user's
// hands; Alloc sets it, Free clears it, so a double free or a block handed
// out twice is caught exactly. At every refill and drain the current slab
// is validated: every block on its freelist and remote stack lies in the
// slab at a multiple of the stride from its base ((p - base) % stride == 0,
// never p % size: slab bases are page aligned, block sizes need not divide
// them), below the carve cursor, not in the user's hands; lists are
// acyclic (never longer than the capacity); Used + len(Freelist) = Carved;
// and TotalActive of the superslab = Σ Used of its slabs (checked under the
// superslab's spin lock, which checked mode takes around every counter
// update). The heap's cache list must hold SllCount blocks of its current
// slab. A violation is returned as an *Error wrapping ErrCorrupt that names
// the slab and what was found, instead of crashing later.

func (s *slab) bit(idx uintptr) (*uint64, uint64) {
	return (*uint64)(ptr(s.bitmap + idx/64*8)), 1 << (idx % 64)
}

func clearBitmap(s *slab, n uintptr) {
	for i := uintptr(0); i < n; i += 8 {
		setWord(s.bitmap+i, 0)
	}
}

// Canaries and poison. In checked mode a free block's bytes from offset 16
// (after its link and tag) to its end hold poisonByte; Alloc verifies them
// before handing the block out, so a write into a freed block (use after
// free) is caught at the next Alloc of that block. An allocated block's
// bytes from its requested size to its end hold canaryByte, and its
// requested size is kept in the slab's size table; Free and every refill
// (for the blocks in use of the current slab) verify them, so an overflow
// past the requested size is reported as "overflow of N bytes past block
// X (requested size R)". A request that fills its class exactly has no
// canary bytes.
const (
	poisonByte = 0xdf
	canaryByte = 0xca
)

// sizeTable gives slab record s a size table large enough for any class:
// one requested size per block, then one allocating heap per block.
// Caller holds a.mu.
func (a *Allocator) sizeTable(s *slab) {
	if t, ok := a.sizeTabs[slabAddr(s)]; ok {
		s.sizes = uintptr(unsafe.Pointer(&t[0]))
		return
	}
	t := make([]uint32, 2*a.bitmapBytes*8)
	a.sizeTabs[slabAddr(s)] = t
	s.sizes = uintptr(unsafe.Pointer(&t[0]))
}

// sizeAt is block idx's entry in s's requested-size table. Entries are
// read and written atomically: the table is Go-heap memory, and a remote
// Free reads an entry that the owner wrote at Alloc, ordered only by the
// remote stack's CAS in mmapped memory, which the race detector cannot see.
func (s *slab) sizeAt(idx uintptr) *uint32 { return (*uint32)(ptr(s.sizes + idx*4)) }

// allocHeapAt is block idx's entry in s's allocating-heap table (the second
// half of the size table, n entries after the first): the id of the heap
// whose Alloc last handed the block out, read by leak reports. Atomic for
// the same reason as sizeAt.
func (s *slab) allocHeapAt(a *Allocator, idx uintptr) *uint32 {
	return (*uint32)(ptr(s.sizes + (a.bitmapBytes*8+idx)*4))
}

// fill writes c into [p+from, p+to).
func fill(p, from, to uintptr, c byte) {
	for i := from; i < to; i++ {
		*(*byte)(ptr(p + i)) = c
	}
}

// lastNot returns the offset after the last byte of [p+from, p+to) that is
// not c, or from when all are c.
func lastNot(p, from, to uintptr, c byte) uintptr {
	for i := to; i > from; i-- {
		if *(*byte)(ptr(p + i - 1)) != c {
			return i
		}
	}
	return from
}

// poisonFree fills a freed (or freshly carved) block's bytes after its
// link and tag with poisonByte.
func poisonFree(s *slab, p uintptr) { fill(p, 16, s.stride, poisonByte) }

// canaryEnd reads block idx's (at p) requested size r and returns the
// offset after the last canary byte that changed (r when none did).
func canaryEnd(s *slab, p, idx uintptr) (r, end uintptr) {
	r = uintptr(atomic.LoadUint32(s.sizeAt(idx)))
	if r > s.stride {
		return r, r
	}
	return r, lastNot(p, r, s.stride, canaryByte)
}

func canaryBad(s *slab, r, end uintptr) bool { return r > s.stride || end > r }

// checkCanary verifies the canary bytes of block idx (at p) of s, in use.
func (a *Allocator) checkCanary(op string, s *slab, p, idx uintptr) error {
	if r, end := canaryEnd(s, p, idx); canaryBad(s, r, end) {
		return a.canaryErr(op, s, p, idx, r, end)
	}
	return nil
}

// canaryErr reports (and records) a changed canary or size.
func (a *Allocator) canaryErr(op string, s *slab, p, idx, r, end uintptr) error {
	var e error
	if r > s.stride {
		e = a.corrupt(op, s, "block "+hex(p)+": its recorded requested size "+itoa(int(r))+" exceeds the block size")
	} else {
		e = a.corrupt(op, s, "overflow of "+itoa(int(end-r))+" bytes past block "+hex(p)+" (requested size "+itoa(int(r))+")")
	}
	e.(*Error).Addr, e.(*Error).Index = p, int(idx)+1
	return e
}

func (h *Heap) checkAlloc(s *slab, p uintptr, n int) error {
	idx, ok := s.blockIndex(p)
	if !ok || p < s.base || idx >= uintptr(s.capacity) {
		return h.a.corrupt("Alloc", s, "cache list held "+hex(p)+", not a carved block of the current slab")
	}
	w, m := s.bit(idx)
	if atomic.OrUint64(w, m)&m != 0 {
		return h.errBlock("Alloc", ErrCorrupt, s, p, idx, "block handed out while already in use")
	}
	if end := lastNot(p, 16, s.stride, poisonByte); end > 16 {
		// The block stays out of use (its bit stays set): it is not handed out.
		return h.errBlock("Alloc", ErrCorrupt, s, p, idx,
			"use after free: the block was written after it was freed (byte "+itoa(int(end-1))+" changed)")
	}
	atomic.StoreUint32(s.sizeAt(idx), uint32(n))
	atomic.StoreUint32(s.allocHeapAt(h.a, idx), h.id)
	fill(p, uintptr(n), s.stride, canaryByte)
	return nil
}

func (h *Heap) checkFree(s *slab, p, idx uintptr) error {
	w, m := s.bit(idx)
	if atomic.LoadUint64(w)&m != 0 {
		if err := h.a.checkCanary("Free", s, p, idx); err != nil {
			return err // not freed: the block stays in use
		}
	}
	if atomic.AndUint64(w, ^m)&m == 0 {
		return h.errBlock("Free", ErrDoubleFree, s, p, idx, "the block is not in use")
	}
	// Poisoned only once out of use: the owner's refill, which checks the
	// canaries of the blocks in use, then sees the bit clear (see checkSlab).
	poisonFree(s, p)
	return nil
}

// checkListBlock validates one block p found on a list of slab s.
func (a *Allocator) checkListBlock(op string, s *slab, p uintptr, list string) error {
	if p < s.base || p >= s.base+uintptr(s.capacity)*s.stride {
		return a.corrupt(op, s, list+" holds "+hex(p)+", outside the slab")
	}
	var idx uintptr
	var ok bool
	if faultB2 {
		idx, ok = s.blockIndex(p)
	} else {
		off := p - s.base
		idx = off / s.stride
		ok = off%s.stride == 0 && idx < uintptr(atomic.LoadInt32(&s.carved))
	}
	if !ok {
		rule := "(p - base) % stride != 0 or beyond Carved"
		if faultB2 {
			rule = "p % size != 0 (seeded bug B2) or beyond Carved"
		}
		return a.corrupt(op, s, list+" holds "+hex(p)+": not a carved block: "+rule)
	}
	if a.checks {
		w, m := s.bit(idx)
		if atomic.LoadUint64(w)&m != 0 {
			return a.corrupt(op, s, list+" holds block "+itoa(int(idx)+1)+" ("+hex(p)+"), which is in the user's hands")
		}
	}
	return nil
}

// checkSlab validates slab s (owned by the calling heap) and the
// TotalActive of its superslab.
func (a *Allocator) checkSlab(op string, s *slab) error {
	n := int32(0)
	for p := s.freelist; p != 0; p = getLink(a.linkKey, p) {
		if n >= s.capacity {
			return a.corrupt(op, s, "freelist cyclic or longer than capacity "+itoa(int(s.capacity)))
		}
		if err := a.checkListBlock(op, s, p, "freelist"); err != nil {
			return err
		}
		n++
	}
	used, carved := atomic.LoadInt32(&s.used), atomic.LoadInt32(&s.carved)
	if used+n != carved {
		return a.corrupt(op, s, "CounterBalance: Used "+itoa(int(used))+" + len(Freelist) "+itoa(int(n))+" != Carved "+itoa(int(carved)))
	}
	if carved > s.capacity || used < 0 {
		return a.corrupt(op, s, "Carved "+itoa(int(carved))+" / Used "+itoa(int(used))+" out of range 0..Cap "+itoa(int(s.capacity)))
	}
	// The canaries of the blocks in the user's hands.
	for idx := uintptr(0); idx < uintptr(carved); idx++ {
		if w, m := s.bit(idx); atomic.LoadUint64(w)&m != 0 {
			// A remote Free may clear the bit and poison the block while
			// we read it: a mismatch counts only if the block is still
			// in use after it was read.
			p := s.base + idx*s.stride
			if r, end := canaryEnd(s, p, idx); canaryBad(s, r, end) && atomic.LoadUint64(w)&m != 0 {
				return a.canaryErr(op, s, p, idx, r, end)
			}
		}
	}
	ss := ssAt(s.ss)
	lockSS(ss)
	var sum int64
	for i := a.firstSlot; i < a.slots; i++ {
		sum += int64(atomic.LoadInt32(&ss.slab(a, i).used))
	}
	ta := atomic.LoadInt64(&ss.totalActive)
	unlockSS(ss)
	if ta != sum {
		return a.corrupt(op, s, "CounterBalance: superslab "+itoa(int(ss.index))+" TotalActive "+itoa(int(ta))+" != Σ Used "+itoa(int(sum)))
	}
	return nil
}

// checkSll validates the heap's cache list of class c.
func (h *Heap) checkSll(c int) error {
	hc := &h.cls[c]
	s := hc.cur
	n := int32(0)
	for p := hc.sll; p != 0; p = getLink(h.linkKey, p) {
		if n > hc.count || n > s.capacity {
			break
		}
		if err := h.a.checkListBlock("refill", s, p, "cache list (Sll)"); err != nil {
			return err
		}
		n++
	}
	if n != hc.count {
		return h.a.corrupt("refill", s, "CountsMatchLists: heap "+itoa(int(h.origID))+" SllCount "+itoa(int(hc.count))+" but its Sll holds "+itoa(int(n))+" block(s) (or more than capacity)")
	}
	return nil
}

// corrupt builds an ErrCorrupt error about slab s and records it.
func (a *Allocator) corrupt(op string, s *slab, detail string) error {
	id := s.id(a)
	e := &Error{Op: op, Err: ErrCorrupt, Class: int(atomic.LoadInt32(&s.class)), Slab: &id, Detail: detail}
	if e.Class >= 0 {
		e.Size = classSize[e.Class]
	}
	a.recordCorruption(e)
	return e
}

// recordCorruption keeps the first corruption found, for Err.
func (a *Allocator) recordCorruption(err error) {
	a.corruption.CompareAndSwap(nil, &errBox{err})
}

type errBox struct{ err error }

// Err returns the first corruption the allocator detected (in checked
// mode, or a bad remote stack in any mode), or nil.
func (a *Allocator) Err() error {
	if b := a.corruption.Load(); b != nil {
		return b.err
	}
	return nil
}

func (h *Heap) errBlock(op string, kind error, s *slab, p, idx uintptr, detail string) error {
	id := s.id(h.a)
	e := &Error{Op: op, Err: kind, Addr: p, Class: int(atomic.LoadInt32(&s.class)), Slab: &id, Detail: detail}
	if e.Class >= 0 {
		e.Size = classSize[e.Class]
		e.Index = int(idx) + 1
	}
	if kind == ErrCorrupt {
		h.a.recordCorruption(e)
	}
	return e
}

// badFree explains why p is not a block that can be freed.
func (h *Heap) badFree(s *slab, p uintptr) error {
	id := s.id(h.a)
	c := atomic.LoadInt32(&s.class)
	e := &Error{Op: "Free", Addr: p, Class: int(c), Slab: &id}
	if c < 0 || int(s.slot) < h.a.firstSlot {
		e.Err, e.Class = ErrNotAllocated, -1
		e.Detail = "the slab holds no blocks"
		return e
	}
	e.Size = classSize[c]
	if p < s.base {
		e.Err = ErrNotBlockStart
		return e
	}
	off := p - s.base
	idx := off / s.stride
	e.Index = int(idx) + 1
	switch {
	case faultB2 && p%s.stride != 0:
		e.Err = ErrNotBlockStart
		e.Detail = "p % size != 0 (seeded bug B2)"
	case off%s.stride != 0:
		e.Err = ErrNotBlockStart
		e.Detail = itoa(int(off%s.stride)) + " bytes into the block"
	default:
		e.Err = ErrNotAllocated
		e.Detail = "beyond the carve cursor (Carved " + itoa(int(atomic.LoadInt32(&s.carved))) + ")"
	}
	return e
}

// freeOther handles a Free whose address is not in a small-block
// superslab: a large block, or a bad pointer.
func (h *Heap) freeOther(p uintptr) error {
	if h.closed {
		return h.errClosed("Free")
	}
	if p == 0 {
		return &Error{Op: "Free", Err: ErrForeign, Class: -1, Detail: "nil slice"}
	}
	e := h.pmGet(p &^ h.ssMask)
	if e&tagLarge != 0 {
		return h.a.freeLarge(p, e&^tagLarge)
	}
	return &Error{Op: "Free", Err: ErrForeign, Addr: p, Class: -1}
}

func hex(p uintptr) string {
	const digits = "0123456789abcdef"
	var b [18]byte
	i := len(b)
	for {
		i--
		b[i] = digits[p&15]
		p >>= 4
		if p == 0 {
			break
		}
	}
	i--
	b[i] = 'x'
	i--
	b[i] = '0'
	return string(b[i:])
}
