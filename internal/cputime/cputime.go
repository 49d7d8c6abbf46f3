// Package cputime reads the CPU time used by the process or by the calling
// OS thread. Benchmarks report it next to wall time because the machine
// they run on is shared: wall time measures the other processes too.
package cputime

import "time"

// Process returns the user + system CPU time of the whole process (every
// thread: the goroutines, the Go runtime, the garbage collector), or 0
// when it cannot be read.
func Process() time.Duration { return process() }

// Thread returns the user + system CPU time of the calling OS thread, or 0
// when it cannot be read. Lock the goroutine to its thread
// (runtime.LockOSThread) between two readings.
func Thread() time.Duration { return thread() }
