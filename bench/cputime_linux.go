//go:build linux

package bench

import "syscall"

// processCPUSeconds is the user+system CPU time of the whole process (every
// thread, the Go runtime's included), or -1 when it cannot be read.
// harness.c reads the same (getrusage RUSAGE_SELF).
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
