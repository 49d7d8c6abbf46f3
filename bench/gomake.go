package bench

// gomake is the Go runtime's own allocator: Alloc is make([]byte, n) and Free
// drops nothing but the caller's reference (the workload clears its slot), so
// the garbage collector sees exactly the workload's live set.
type gomake struct{}

type gomakeHeap struct{}

func init() {
	registerAllocator("gomake", func() (Allocator, error) { return gomake{}, nil })
}

func (gomake) NewHeap() Heap         { return gomakeHeap{} }
func (gomake) Close() error          { return nil }
func (gomakeHeap) Close()            {}
func (gomakeHeap) Free([]byte) error { return nil }

func (gomakeHeap) Alloc(n int) ([]byte, error) { return make([]byte, n), nil }
