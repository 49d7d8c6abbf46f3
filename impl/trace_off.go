//go:build !trace

package impl

// traceAction is the hook every spec action calls after its step, with the
// heap, the slab and the block it touched and the number of blocks moved.
// In this build it does nothing and is inlined away. A later tracer (build
// tag trace) emits one NDJSON event per action with the changed variables.
func traceAction(a *Allocator, act action, h uint32, s *slab, blk uintptr, n int) {}
