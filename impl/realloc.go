package impl

import "unsafe"

// Realloc and the usable size of a block: the part of a block past the
// requested length that belongs to it anyway (the class's block size, or a
// large mapping's page-rounded tail).

// Realloc resizes the block b (as Alloc or Realloc returned it, possibly
// resliced shorter) to n bytes. When n fits in the block's usable size it
// returns the same block, resliced: len n and cap the usable size (the
// class's block size for a small block, e.g. 112 for a 100-byte request;
// the mapping's bytes for a large one), so appends up to cap stay in the
// block. Otherwise it allocates a block for n bytes through h, copies
// len(b) bytes, frees b and returns the new block, again with cap its
// usable size. Realloc of a nil or empty-and-unallocated slice is Alloc.
// On error b is untouched and still owned by the caller. Bytes past len(b)
// are unspecified, as with Alloc.
func (h *Heap) Realloc(b []byte, n int) ([]byte, error) {
	if n < 0 {
		return nil, &Error{Op: "Realloc", Err: ErrBadSize, Class: -1, Detail: "negative size " + itoa(n)}
	}
	p := addrOf(b)
	if p == 0 {
		nb, err := h.Alloc(n)
		if err != nil {
			return nil, err
		}
		return mkslicecap(addrOf(nb), n, h.usableFor(n)), nil
	}
	size, err := h.Usable(b)
	if err != nil {
		return nil, err
	}
	if n <= size {
		return mkslicecap(p, n, size), nil
	}
	nb, err := h.Alloc(n)
	if err != nil {
		return nil, err
	}
	copy(nb, mkslice(p, min(len(b), size)))
	if err := h.Free(b); err != nil {
		_ = h.Free(nb)
		return nil, err
	}
	return mkslicecap(addrOf(nb), n, h.usableFor(n)), nil
}

// Usable returns the usable size of the live block b starts at: its class's
// block size, or for a large block the mapped bytes after its header. It
// fails, as Free would, when b does not start a live block of this
// allocator.
func (h *Heap) Usable(b []byte) (int, error) {
	p := addrOf(b)
	if h.closed {
		return 0, h.errClosed("Usable")
	}
	if p == 0 {
		return 0, &Error{Op: "Usable", Err: ErrForeign, Class: -1, Detail: "nil slice"}
	}
	ssb := p &^ h.ssMask
	e := h.pmGet(ssb)
	switch {
	case e == ssb|tagSmall:
		s := slabAt(ssb, (p-ssb)>>(h.slabShift&63))
		idx, ok := s.blockIndex(p)
		if !ok {
			err := h.badFree(s, p)
			if e, ok := err.(*Error); ok {
				e.Op = "Usable"
			}
			return 0, err
		}
		if word(p+8) == p^h.secret {
			return 0, h.errBlock("Usable", ErrNotAllocated, s, p, idx, "the block is free")
		}
		return int(s.stride), nil
	case e&tagLarge != 0:
		base := e &^ tagLarge
		if p != base+largeHeader {
			return 0, &Error{Op: "Usable", Err: ErrNotBlockStart, Addr: p, Class: -1,
				Detail: "inside a large block at " + hex(base+largeHeader)}
		}
		h.a.mu.Lock()
		size, ok := h.a.large[base]
		h.a.mu.Unlock()
		if !ok {
			return 0, &Error{Op: "Usable", Err: ErrForeign, Addr: p, Class: -1}
		}
		return int(size - largeHeader), nil
	}
	return 0, &Error{Op: "Usable", Err: ErrForeign, Addr: p, Class: -1}
}

// usableFor is the usable size of the block Alloc(n) returns.
func (h *Heap) usableFor(n int) int {
	if n <= h.maxSmall {
		return classSize[sizeToClass[(uint(n)+15)>>4&1023]]
	}
	return int((uintptr(n)+largeHeader+pageSize-1)&^(pageSize-1)) - largeHeader
}

// mkslicecap returns the []byte of length n and capacity c at p.
func mkslicecap(p uintptr, n, c int) (b []byte) {
	*(*sliceHeader)(unsafe.Pointer(&b)) = sliceHeader{p, n, c}
	return b
}
