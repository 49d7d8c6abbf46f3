package bench

import "github.com/veralloc/veralloc/impl"

// veralloc is the allocator of this project with default options. Each
// bench heap is one *impl.Heap; a Free through a heap that did not allocate
// the block is a remote free.
type veralloc struct{ a *impl.Allocator }

func init() {
	registerAllocator("veralloc", func() (Allocator, error) {
		a, err := impl.New(impl.Options{})
		if err != nil {
			return nil, err
		}
		return veralloc{a}, nil
	})
}

// NewHeap returns the *impl.Heap itself, which slotOps recognises and calls
// directly (as a Go program would); the other workloads call it through the
// Heap interface, with no wrapper in between.
func (v veralloc) NewHeap() Heap { return v.a.NewHeap() }
func (v veralloc) Close() error  { return v.a.Close() }

// veraIface (registered as "vera-iface") is veralloc with every call going
// through the Heap interface, as the other Go allocators' calls do: its
// heaps are not *impl.Heap, so slotOps takes the interface loop. It is kept
// as a cell so the table shows what calling veralloc directly gains.
type veraIface struct{ veralloc }

// ifaceHeap hides the *impl.Heap from slotOps's type switch.
type ifaceHeap struct{ *impl.Heap }

func init() {
	registerAllocator("vera-iface", func() (Allocator, error) {
		a, err := impl.New(impl.Options{})
		if err != nil {
			return nil, err
		}
		return veraIface{veralloc{a}}, nil
	})
}

func (v veraIface) NewHeap() Heap { return ifaceHeap{v.a.NewHeap()} }
