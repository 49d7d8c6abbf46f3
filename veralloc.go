//go:build linux

package veralloc

import (
	"fmt"
	"log"
	"runtime"

	"github.com/veralloc/veralloc/impl"
)

// Options configures an Allocator. The zero value selects the defaults,
// which are tuned for speed.
type Options struct {
	// Checks turns on checked mode: exact double-free detection and
	// validation of a slab's lists and counters at every refill and drain;
	// a violation is an error wrapping ErrCorrupt (and Allocator.Err
	// returns the first). It costs about 1.4x to 1.9x CPU time per
	// operation. The environment variable VERALLOC_CHECKS=1 turns it on
	// for every allocator in the process.
	Checks bool

	// SlabSize is the size of one slab in bytes: a power of two from 4 KiB
	// to 512 KiB. Default 256 KiB. Classes whose block does not fit in a
	// slab are served as large blocks.
	SlabSize int

	// Batch is the number of blocks one refill of a heap's cache list
	// takes from its slab. Default 64; a refill takes at most 64 KiB of
	// blocks (at least 4), so classes above 1024 bytes take fewer.
	Batch int

	// SllMax bounds a heap's cache list per class: a free of the heap's
	// own block goes to the list while it holds fewer than SllMax blocks.
	// Default 65535 (every such free); negative means 0.
	SllMax int

	// RemoteBatch is how many frees of blocks owned by other heaps a heap
	// collects per class before it hands them back to their slab with one
	// atomic operation (also when it frees into another slab, refills, or
	// closes). Until then they count as in use in Stats, as blocks on a
	// cache list do. Default 32; negative means every such free is handed
	// back at once.
	RemoteBatch int

	// RetainEmpty is how many entirely free superslabs keep their memory
	// committed for reuse; more are given back with madvise. Default 1;
	// negative means 0.
	RetainEmpty int

	// Report receives the allocator's reports of misuse it cannot return
	// as an error: a Heap dropped without Close. Default: the standard
	// logger (log.Print).
	Report func(msg string)
}

// An Allocator hands out blocks outside the Go heap through its heaps.
// Its methods are safe for concurrent use, except Close, which needs every
// heap closed and every block freed.
type Allocator struct {
	a      *impl.Allocator
	report func(string)
}

// New returns an allocator configured by o.
func New(o Options) (*Allocator, error) {
	a, err := impl.New(impl.Options{Checks: o.Checks, SlabSize: o.SlabSize, Batch: o.Batch,
		SllMax: o.SllMax, RemoteBatch: o.RemoteBatch, RetainEmpty: o.RetainEmpty})
	if err != nil {
		return nil, err
	}
	report := o.Report
	if report == nil {
		report = func(msg string) { log.Print(msg) }
	}
	return &Allocator{a: a, report: report}, nil
}

// NewHeap returns a new heap, for one goroutine at a time. On a closed
// allocator it returns a heap whose operations fail with ErrClosed.
func (a *Allocator) NewHeap() *Heap {
	ih := a.a.NewHeap()
	h := &Heap{h: ih}
	h.cleanup = runtime.AddCleanup(h, heapDropped, droppedHeap{ih, a.report})
	return h
}

// Close returns all memory to the kernel. It fails with an error wrapping
// ErrInUse, and releases nothing, while a heap is open or a block is live;
// the error names the first few live blocks. After Close every operation
// fails with ErrClosed or ErrHeapClosed. An allocator dropped without a
// successful Close keeps its mappings for the life of the process.
func (a *Allocator) Close() error { return a.a.Close() }

// Trim gives memory that is entirely free back to the kernel now, instead
// of when the last heap closes: it drains the remote frees of slabs no heap
// owns and decommits every free superslab.
func (a *Allocator) Trim() { a.a.Trim() }

// Err returns the first corruption the allocator detected (in checked
// mode, or a bad remote stack in any mode), or nil.
func (a *Allocator) Err() error { return a.a.Err() }

// A Heap allocates and frees blocks for one goroutine at a time (see the
// package documentation). Blocks it allocated may be freed through any heap
// of the same allocator, also after it is closed.
type Heap struct {
	h       *impl.Heap
	cleanup runtime.Cleanup // closes h.h if the Heap is dropped; stopped by Close
}

// droppedHeap is what the cleanup of a dropped Heap needs: not the Heap.
type droppedHeap struct {
	h      *impl.Heap
	report func(string)
}

// heapDropped runs when a Heap became unreachable without Close. No
// goroutine can be inside one of its methods (each keeps the Heap alive
// until it returns), so closing the implementation's heap here is the
// HeapExit its owner would have done.
func heapDropped(d droppedHeap) {
	// Close first, then report: whoever acts on the report sees the heap
	// already closed (TestDroppedHeap failed once under load when the
	// report came first and Stats still counted the heap).
	d.h.Close()
	d.report(fmt.Sprintf("veralloc: heap %d was dropped without Close; it has been closed (its cache lists went back to its slabs, which are orphaned for adoption)", d.h.ID()))
}

// Alloc returns a block of n bytes, len and cap n, not zeroed. n = 0
// returns an empty slice that still owns a block and must be freed; n < 0
// fails with ErrBadSize.
func (h *Heap) Alloc(n int) ([]byte, error) {
	b, err := h.h.Alloc(n)
	runtime.KeepAlive(h)
	return b, err
}

// Free gives back a block that Alloc or Realloc returned (through any heap
// of the same allocator). b may be resliced, but must start at the block's
// first byte. Misuse is an error (ErrForeign, ErrNotBlockStart,
// ErrNotAllocated, ErrDoubleFree, ErrHeapClosed), never a crash.
func (h *Heap) Free(b []byte) error {
	err := h.h.Free(b)
	runtime.KeepAlive(h)
	return err
}

// Realloc resizes block b to n bytes. If n fits in the block's usable size
// (its class's block size: Alloc(100) is served by a 112-byte block; for a
// large block, its page-rounded mapping) it returns the same block with len
// n and cap the usable size, so appends up to cap stay in the block.
// Otherwise it allocates a new block, copies len(b) bytes, frees b and
// returns the new block (again with cap its usable size). Realloc(nil, n)
// is Alloc(n) with cap the usable size. On error b is still the caller's.
func (h *Heap) Realloc(b []byte, n int) ([]byte, error) {
	nb, err := h.h.Realloc(b, n)
	runtime.KeepAlive(h)
	return nb, err
}

// Close ends the heap: its cache lists go back to their slabs and its
// slabs are orphaned (other heaps adopt them). Blocks it allocated stay
// valid. Close is idempotent; afterwards Alloc and Free on this heap fail
// with ErrHeapClosed.
func (h *Heap) Close() {
	h.cleanup.Stop()
	h.h.Close()
	runtime.KeepAlive(h)
}
