package impl

// Requests above the largest size class get a mapping of their own, aligned
// to the superslab alignment, with a 64-byte header before the block. The
// pagemap marks every chunk of the mapping, so Free recognises the block
// and rejects pointers into it. Free unmaps it at once.

const largeHeader = 64

// maxLarge bounds a single request (1 TiB).
const maxLarge = 1 << 40

type largeHdr struct {
	sentinel uint64
	size     uintptr // mapped bytes
	n        uintptr // requested bytes
	heap     uint32  // id of the allocating heap (for leak reports)
}

const largeSentinel = 0x7665726c6c617267

func (a *Allocator) allocLarge(n int, heap uint32) ([]byte, error) {
	if n > maxLarge {
		return nil, &Error{Op: "Alloc", Err: ErrBadSize, Class: -1, Size: n, Detail: "larger than 1 TiB"}
	}
	size := (uintptr(n) + largeHeader + pageSize - 1) &^ (pageSize - 1)
	base, err := mmapAligned(size, a.ssAlign)
	if err != nil {
		return nil, &Error{Op: "Alloc", Err: ErrOutOfMemory, Class: -1, Size: n, Detail: err.Error()}
	}
	hd := (*largeHdr)(ptr(base))
	hd.sentinel, hd.size, hd.n, hd.heap = largeSentinel, size, uintptr(n), heap
	a.mu.Lock()
	if a.closed.Load() {
		a.mu.Unlock()
		_ = sysMunmap(base, size)
		return nil, &Error{Op: "Alloc", Err: ErrClosed, Class: -1}
	}
	for c := base; c < base+size; c += a.ssAlign {
		if err := a.pm.set(c, base|tagLarge); err != nil {
			for d := base; d < c; d += a.ssAlign {
				_ = a.pm.set(d, 0)
			}
			a.mu.Unlock()
			_ = sysMunmap(base, size)
			return nil, &Error{Op: "Alloc", Err: ErrOutOfMemory, Class: -1, Size: n, Detail: err.Error()}
		}
	}
	a.large[base] = size
	a.largeLive += int64(n)
	a.bytesMapped += int64(size)
	a.largeAllocs.Add(1)
	a.mu.Unlock()
	return mkslice(base+largeHeader, n), nil
}

func (a *Allocator) freeLarge(p, base uintptr) error {
	if p != base+largeHeader {
		return &Error{Op: "Free", Err: ErrNotBlockStart, Addr: p, Class: -1,
			Detail: "inside a large block at " + hex(base+largeHeader)}
	}
	a.mu.Lock()
	size, ok := a.large[base]
	if !ok {
		a.mu.Unlock()
		return &Error{Op: "Free", Err: ErrForeign, Addr: p, Class: -1}
	}
	delete(a.large, base)
	for c := base; c < base+size; c += a.ssAlign {
		_ = a.pm.set(c, 0)
	}
	a.largeLive -= int64((*largeHdr)(ptr(base)).n)
	a.bytesMapped -= int64(size)
	a.mu.Unlock()
	a.largeFrees.Add(1)
	_ = sysMunmap(base, size)
	return nil
}
