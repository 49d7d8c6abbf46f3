package impl

import "sync/atomic"

// Free-list links. Every intrusive next word of a free block (on a heap's
// cache list, a slab's freelist or its remote stack) is stored encoded,
// next ^ p ^ key, where p is the address of the block that holds it and key
// a per-allocator secret (Allocator.linkKey), as mimalloc's secure mode and
// snmalloc do. A link is decoded and validated before it is followed: the
// block it names must lie inside the same slab, on a stride boundary from
// the slab's base ((p - base) % stride == 0, never p % size), and below its
// capacity. A write into a freed block (use after free) or an overflow into
// a free neighbour therefore yields a link that fails validation with
// overwhelming probability, and the allocator reports ErrCorrupt naming the
// heap, class, slab, the block that held the link and the bad value, and
// stops using that list, instead of following it into a fault.

// setLink stores next as block p's encoded link.
func setLink(key, p, next uintptr) { setWord(p, next^p^key) }

// getLink decodes block p's link (not validated).
func getLink(key, p uintptr) uintptr { return word(p) ^ p ^ key }

// validBlock reports whether q is the start of a block of s below its
// capacity (the link check; the carve cursor is not consulted).
func (s *slab) validBlock(q uintptr) bool {
	return blockQuot(q-s.base, s.inv, s.shift) < uint64(s.capacity)
}

// nextLink returns the validated link of block p of slab s: 0 for the end
// of the list, or the next block; ok is false when the stored value names
// no block of s.
func (a *Allocator) nextLink(s *slab, p uintptr) (next uintptr, ok bool) {
	next = getLink(a.linkKey, p)
	return next, !linkChecks || next == 0 || s.validBlock(next)
}

// badLink reports block p of slab s (on the list named by list) holding
// the link value raw, which names no block of s. It is recorded as the
// allocator's corruption.
func (a *Allocator) badLink(op string, heap uint32, s *slab, p uintptr, list string) error {
	raw := word(p)
	id := s.id(a)
	e := &Error{Op: op, Err: ErrCorrupt, Addr: p, Class: int(atomic.LoadInt32(&s.class)), Slab: &id,
		Detail: "heap " + itoa(int(heap)) + ": " + list + ": block " + hex(p) + " holds link " + hex(raw) +
			" (decoded " + hex(getLink(a.linkKey, p)) + "), not a block of this slab; the list is abandoned"}
	if e.Class >= 0 {
		e.Size = classSize[e.Class]
		if idx, ok := s.blockIndex(p); ok {
			e.Index = int(idx) + 1
		}
	}
	a.recordCorruption(e)
	return e
}
