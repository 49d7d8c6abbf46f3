//go:build !trace

package impl

import (
	"errors"
	"io"
)

// Without the trace build tag the trace hooks are empty functions that the
// compiler inlines away, so the default build pays nothing for tracing.
// trace_on.go (build tag trace) holds the tracer.

// traceBegin marks the start of a spec action (see trace_on.go).
func traceBegin(a *Allocator) {}

// traceEnd ends a spec action that emits no event (an early exit).
func traceEnd(a *Allocator) {}

// traceAction is the hook every spec action calls after its step, with the
// heap, the slab and the block it touched and the number of blocks moved.
// With -tags trace it writes one NDJSON event per action (trace_on.go).
func traceAction(a *Allocator, act action, h uint32, s *slab, blk uintptr, n int) {}

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
