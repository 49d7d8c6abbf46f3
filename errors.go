//go:build linux

package veralloc

import "github.com/veralloc/veralloc/impl"

// Errors. Every error the allocator returns is an *Error wrapping one of
// these; test with errors.Is.
var (
	ErrBadSize       = impl.ErrBadSize       // negative (or absurd) size
	ErrForeign       = impl.ErrForeign       // not allocated by this allocator, or already freed (large blocks)
	ErrNotBlockStart = impl.ErrNotBlockStart // points inside a block
	ErrNotAllocated  = impl.ErrNotAllocated  // a block never handed out, or free
	ErrDoubleFree    = impl.ErrDoubleFree    // the block is already free
	ErrHeapClosed    = impl.ErrHeapClosed    // the heap is closed
	ErrClosed        = impl.ErrClosed        // the allocator is closed
	ErrInUse         = impl.ErrInUse         // Close with open heaps or live blocks
	ErrCorrupt       = impl.ErrCorrupt       // the allocator's lists or counters are corrupted
	ErrOutOfMemory   = impl.ErrOutOfMemory   // the kernel refused a mapping
	ErrHasPointers   = errHasPointers        // a typed allocation of a type holding Go pointers
)

// Error describes a misuse of the allocator or a detected corruption: the
// operation, the address and, when known, the size class, the slab and the
// block index. Its Unwrap returns one of the sentinel errors.
type Error = impl.Error
