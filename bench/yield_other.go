//go:build !linux

package bench

import "runtime"

// osYield yields the processor; without sched_yield, to another goroutine.
func osYield() { runtime.Gosched() }
