package impl

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error the allocator returns is an *Error whose
// Unwrap gives one of these, so callers test with errors.Is.
var (
	ErrBadSize       = errors.New("bad size")
	ErrForeign       = errors.New("pointer not allocated by this allocator (or already freed)")
	ErrNotBlockStart = errors.New("pointer is not the start of a block")
	ErrNotAllocated  = errors.New("block is not allocated")
	ErrDoubleFree    = errors.New("double free")
	ErrHeapClosed    = errors.New("heap is closed")
	ErrClosed        = errors.New("allocator is closed")
	ErrInUse         = errors.New("allocator still in use")
	ErrCorrupt       = errors.New("allocator state corrupted")
	ErrOutOfMemory   = errors.New("out of memory")
	ErrConcurrentUse = errors.New("heap used by two goroutines at once")
)

// SlabID names a slab: the index of its superslab in the allocator (in
// mapping order, stable until the allocator closes) and its slot in the
// superslab.
type SlabID struct {
	Super int
	Slot  int
}

func (id SlabID) String() string { return fmt.Sprintf("%d/%d", id.Super, id.Slot) }

// Error describes a misuse of the allocator or a detected corruption. It
// names the operation, the address and, when known, the size class, the
// slab and the block index (1-based, as in the TLA+ spec).
type Error struct {
	Op     string  // "Alloc", "Free", "Close", "refill", ...
	Err    error   // one of the sentinel errors above
	Addr   uintptr // the address involved, or 0
	Class  int     // the size class, or -1
	Size   int     // the class's block size (or the requested size), or 0
	Slab   *SlabID // the slab, or nil
	Index  int     // block index in the slab, 1-based; 0 when unknown
	Detail string  // what exactly was found
}

func (e *Error) Error() string {
	s := "veralloc: " + e.Op + ": " + e.Err.Error()
	if e.Addr != 0 {
		s += fmt.Sprintf(" at %#x", e.Addr)
	}
	if e.Class >= 0 {
		s += fmt.Sprintf(" (class %d, size %d", e.Class, e.Size)
		if e.Slab != nil {
			s += ", slab " + e.Slab.String()
		}
		if e.Index > 0 {
			s += fmt.Sprintf(", block %d", e.Index)
		}
		s += ")"
	} else if e.Slab != nil {
		s += " (slab " + e.Slab.String() + ")"
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the sentinel error.
func (e *Error) Unwrap() error { return e.Err }
