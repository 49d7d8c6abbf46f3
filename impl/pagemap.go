package impl

import (
	"sync/atomic"
	"unsafe"
)

// pagemap maps every superslab-aligned chunk of the 48-bit address space to
// what this allocator placed there: 0 for nothing, the chunk's base with
// tagSmall set for a superslab, or the base of a large mapping with
// tagLarge set (on every chunk the large mapping covers). Free consults it before touching memory,
// so a pointer that did not come from this allocator is reported instead
// of faulting.
//
// It is a two-level radix table. The top level lives on the Go heap (it
// holds only addresses, as uintptr); leaves are mmapped on first use.
// Writers hold Allocator.mu; readers (any goroutine, lock-free) use atomic
// loads.
type pagemap struct {
	shift  uint // log2 of the chunk size (the superslab alignment)
	l2bits uint
	top    []uintptr // leaf addresses; atomic access
}

const addrBits = 48

const (
	tagLarge = 1
	tagSmall = 2
)

func (m *pagemap) init(shift uint) {
	bits := addrBits - shift
	m.shift = shift
	m.l2bits = (bits + 1) / 2
	m.top = make([]uintptr, 1<<(bits-m.l2bits))
}

// get returns the entry for the chunk holding address p.
func (m *pagemap) get(p uintptr) uintptr {
	k := p >> m.shift
	i := k >> m.l2bits
	if i >= uintptr(len(m.top)) {
		return 0
	}
	leaf := atomic.LoadUintptr(&m.top[i])
	if leaf == 0 {
		return 0
	}
	return atomic.LoadUintptr((*uintptr)(unsafe.Add(ptr(leaf), (k&(1<<m.l2bits-1))*8)))
}

// set records v for the chunk holding p. Caller holds Allocator.mu.
func (m *pagemap) set(p, v uintptr) error {
	k := p >> m.shift
	i := k >> m.l2bits
	leaf := atomic.LoadUintptr(&m.top[i])
	if leaf == 0 {
		var err error
		leaf, err = sysMmap(8 << m.l2bits)
		if err != nil {
			return err
		}
		atomic.StoreUintptr(&m.top[i], leaf)
	}
	atomic.StoreUintptr((*uintptr)(unsafe.Add(ptr(leaf), (k&(1<<m.l2bits-1))*8)), v)
	return nil
}

// free unmaps the leaves. Caller holds Allocator.mu; nothing may run.
func (m *pagemap) free() {
	for i := range m.top {
		if leaf := m.top[i]; leaf != 0 {
			_ = sysMunmap(leaf, 8<<m.l2bits)
			m.top[i] = 0
		}
	}
}
