package bench

import "github.com/veralloc/veralloc/impl"

// veralloc is the allocator of this project with default options. Each
// bench heap is one impl.Heap; a Free through a heap that did not allocate
// the block is a remote free.
type veralloc struct{ a *impl.Allocator }

// veraHeap wraps *impl.Heap; its methods forward directly.
type veraHeap struct{ h *impl.Heap }

func init() {
	registerAllocator("veralloc", func() (Allocator, error) {
		a, err := impl.New(impl.Options{})
		if err != nil {
			return nil, err
		}
		return veralloc{a}, nil
	})
}

func (v veralloc) NewHeap() Heap       { return veraHeap{v.a.NewHeap()} }
func (v veralloc) Close() error        { return v.a.Close() }
func (h veraHeap) Close()              { h.h.Close() }
func (h veraHeap) Free(b []byte) error { return h.h.Free(b) }

func (h veraHeap) Alloc(n int) ([]byte, error) { return h.h.Alloc(n) }
