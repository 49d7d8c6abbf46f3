// Package impl is veralloc's allocator: small blocks (16 B to 8 KiB in 88
// size classes) carved from mmapped superslabs outside the Go heap, so that
// millions of them cost the garbage collector nothing. Larger requests get
// a mapping of their own.
//
// Use one Heap per goroutine (or worker). Alloc and a Free of a block whose
// slab the heap owns touch only the heap: no atomics, no locks, no Go
// allocation. Any goroutine may free any block through its own heap; a
// block of a slab owned by another heap (or by none) goes onto that slab's
// lock-free remote stack, which the owner drains at its next refill.
//
//	a, _ := impl.New(impl.Options{})
//	h := a.NewHeap()
//	b, _ := h.Alloc(100)
//	...
//	_ = h.Free(b)
//	h.Close()
//	_ = a.Close()
//
// The memory is not scanned by the garbage collector: a block must never
// hold the only reference to a Go object. Blocks are not zeroed.
//
// The protocol (batch refill, remote free, drain, splice, heap exit,
// adoption of orphaned slabs) is the one specified in tla/Allocator.tla;
// each spec action is one function here, marked
// "// spec: Allocator!<Action>". Inspect, Locate and Check expose the real
// state in the spec's vocabulary for the verification packages. See
// README.md for the mapping, the checks, the seeded faults and figures.
package impl
