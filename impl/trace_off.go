//go:build !trace

package impl

import (
	"errors"
	"io"
)

// Without the trace build tag the trace hooks are empty functions that the
// compiler inlines away, so the default build pays nothing for tracing.
// trace_on.go (build tag trace) holds the tracer.

// heapTrace is a heap's handle on its trace log: nothing here.
//
//lint:ignore U1000 the trace build's heapTrace is used (trace_on.go)
type heapTrace struct{}

// traceBegin marks the start of a spec action of h on class c (see
// trace_on.go).
func traceBegin(h *Heap, c int) {}

// traceBeginUser is traceBegin for an action that takes a block from the
// user (see trace_on.go).
func traceBeginUser(h *Heap, c int) {}

// traceAction is the hook every spec action calls after its step, with the
// heap, the class, the slab and the block it touched, the number of blocks
// moved and what orders it against other heaps. With -tags trace it writes
// one event to the heap's log (trace_on.go).
func traceAction(h *Heap, act action, c int, s *slab, blk uintptr, n int, v traceSync) {}

// TraceBuild reports whether the package was built with -tags trace.
const TraceBuild = false

// TraceStats counts the events a trace holds.
type TraceStats struct {
	Events    int64            // events written
	PerAction map[string]int64 // events per spec action
}

// StartTrace needs a build with -tags trace; here it always fails.
func (a *Allocator) StartTrace(w io.Writer, class int) error {
	return errors.New("veralloc: tracing unavailable: build with -tags trace")
}

// StopTrace needs a build with -tags trace; here it always fails.
func (a *Allocator) StopTrace() (TraceStats, error) {
	return TraceStats{}, errors.New("veralloc: tracing unavailable: build with -tags trace")
}

// StartTraceBinary needs a build with -tags trace; here it always fails.
func (a *Allocator) StartTraceBinary(w io.Writer, class int) error { return a.StartTrace(w, class) }

// TraceToNDJSON needs a build with -tags trace; here it always fails.
func TraceToNDJSON(bin []byte) ([]byte, error) {
	return nil, errors.New("veralloc: tracing unavailable: build with -tags trace")
}
