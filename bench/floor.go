package bench

import "fmt"

// floorBlock is the one block size of the floor allocator: the largest
// request any workload makes.
const floorBlock = maxClassSize

// floor (registered as "gofloor") is not an allocator to use but the cheapest correct one there is: a
// LIFO stack of 1024-byte blocks per heap. random_mixed on floor measures
// what the Go harness loop itself costs (generator, slot array, checksum,
// first-byte accesses, the calls; it runs on its concrete type, like
// veralloc), so a table can show how much of a Go allocator's time is the
// harness; harness.c has the same floor
// (PEER=cfloor) for the C side. It runs random_mixed only: with remote frees
// its blocks would pile up on the freeing side.
type floor struct{}

// floorHeap's stack is touched only by the goroutine using the heap.
type floorHeap struct{ free [][]byte }

func init() {
	registerAllocator("gofloor", func() (Allocator, error) { return floor{}, nil })
}

// floorWorkloads are the workloads floor accepts.
var floorWorkloads = map[string]bool{"random_mixed": true}

func (floor) NewHeap() Heap { return &floorHeap{} }
func (floor) Close() error  { return nil }
func (h *floorHeap) Close() { h.free = nil }

func (h *floorHeap) Alloc(n int) ([]byte, error) {
	if n <= 0 || n > floorBlock {
		return nil, fmt.Errorf("floor: Alloc(%d): sizes are 1..%d", n, floorBlock)
	}
	if k := len(h.free); k > 0 {
		b := h.free[k-1]
		h.free = h.free[:k-1]
		return b[:n], nil
	}
	return make([]byte, n, floorBlock), nil
}

func (h *floorHeap) Free(b []byte) error {
	if cap(b) != floorBlock {
		return fmt.Errorf("floor: Free of a %d-byte block, not one of floor's", cap(b))
	}
	h.free = append(h.free, b[:floorBlock])
	return nil
}
