package bench

import (
	"fmt"
	"sort"
)

// Allocator is one allocator under test. Heaps are handed out one per
// goroutine; an Allocator itself may be shared.
type Allocator interface {
	// NewHeap returns a heap for the calling goroutine.
	NewHeap() Heap
	// Close releases the allocator; every heap must be closed first.
	Close() error
}

// Heap allocates and frees blocks. A Heap is used by one goroutine at a
// time. Free may be given a block that another heap allocated (a remote free).
type Heap interface {
	Alloc(n int) ([]byte, error)
	Free(b []byte) error
	// Close ends the heap; blocks it allocated that are still live stay valid
	// and may be freed through any other heap later.
	Close()
}

// opener creates a fresh Allocator.
type opener func() (Allocator, error)

// allocators maps an allocator name (the -alloc flag) to its constructor.
// Each allocator file registers itself in init.
var allocators = map[string]opener{}

func registerAllocator(name string, open opener) {
	if _, dup := allocators[name]; dup {
		panic("bench: allocator registered twice: " + name)
	}
	allocators[name] = open
}

// AllocatorNames lists the Go allocators this package can run, sorted.
func AllocatorNames() []string {
	names := make([]string, 0, len(allocators))
	for n := range allocators {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Open returns a fresh allocator by name.
func Open(name string) (Allocator, error) {
	open, ok := allocators[name]
	if !ok {
		return nil, fmt.Errorf("unknown allocator %q (have %v)", name, AllocatorNames())
	}
	return open()
}
