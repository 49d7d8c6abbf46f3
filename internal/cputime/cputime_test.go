package cputime

import (
	"runtime"
	"testing"
	"time"
)

// Both clocks move forward while the calling thread spins.
func TestClocksAdvance(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p0, t0 := Process(), Thread()
	if p0 <= 0 || t0 <= 0 {
		t.Fatalf("Process %v, Thread %v: want both > 0", p0, t0)
	}
	for end := time.Now().Add(30 * time.Millisecond); time.Now().Before(end); {
	}
	if p, th := Process(), Thread(); p <= p0 || th <= t0 || th-t0 > p-p0+time.Millisecond {
		t.Fatalf("Process %v -> %v, Thread %v -> %v: want both to advance, the thread by no more than the process", p0, p, t0, th)
	}
}
