package bench

import (
	"fmt"
	"sync"
	"unsafe"
)

// Size classes of the syncpool allocator: multiples of classGrain up to
// maxClassSize, the largest request any workload makes (16 + 1008). Requests
// above maxClassSize fall back to make and are dropped on Free.
const (
	classGrain   = 16
	maxClassSize = 1024
	numClasses   = maxClassSize / classGrain
)

// sizeClass returns the class index of an n-byte request (n >= 1).
func sizeClass(n int) int { return (n - 1) / classGrain }

// classSize is the block size of class c.
func classSize(c int) int { return (c + 1) * classGrain }

// syncPool keeps one sync.Pool per size class. The pools hold the address of
// a block's first byte as an unsafe.Pointer, which fits an interface word
// without allocating, so Put and Get themselves allocate nothing.
type syncPool struct {
	pools [numClasses]sync.Pool
}

type syncPoolHeap struct{ p *syncPool }

func init() {
	registerAllocator("syncpool", func() (Allocator, error) { return &syncPool{}, nil })
}

func (p *syncPool) NewHeap() Heap { return syncPoolHeap{p} }
func (p *syncPool) Close() error  { return nil }
func (syncPoolHeap) Close()       {}

func (h syncPoolHeap) Alloc(n int) ([]byte, error) {
	if n <= 0 {
		return nil, fmt.Errorf("syncpool: Alloc(%d): size must be positive", n)
	}
	if n > maxClassSize {
		return make([]byte, n), nil
	}
	c := sizeClass(n)
	if v := h.p.pools[c].Get(); v != nil {
		return unsafe.Slice((*byte)(v.(unsafe.Pointer)), classSize(c))[:n], nil
	}
	return make([]byte, n, classSize(c)), nil
}

func (h syncPoolHeap) Free(b []byte) error {
	if cap(b) == 0 {
		return fmt.Errorf("syncpool: Free of an empty block")
	}
	if cap(b) > maxClassSize {
		return nil
	}
	if cap(b)%classGrain != 0 {
		return fmt.Errorf("syncpool: Free of a block with capacity %d, not one this allocator made", cap(b))
	}
	h.p.pools[sizeClass(cap(b))].Put(unsafe.Pointer(unsafe.SliceData(b)))
	return nil
}
