//go:build !trace

package impl

import (
	"errors"
	"io"
)

// Without the trace build tag the trace hooks are empty and inlined away:
// the default build pays nothing for tracing (BenchmarkTraceHooksOff in
// trace_bench_test.go measures it).

// traceBegin marks the start of a spec action (see trace_on.go).
func traceBegin(a *Allocator) {}

// traceEnd ends a spec action that emits no event (an early exit).
func traceEnd(a *Allocator) {}

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
