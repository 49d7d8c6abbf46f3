//go:build linux

package bench

import "syscall"

// osYield gives the processor to another thread of the system, like the
// sched_yield that bench/c/harness.c calls at the same point. It is not
// runtime.Gosched: that one goes through the Go scheduler's global run queue
// and lock, which under a spinning producer/consumer pair costs more than the
// work being measured, and it would make the Go and C sides wait differently.
func osYield() { syscall.Syscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }
