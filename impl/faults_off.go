//go:build !faults

package impl

import (
	"errors"
	"sync/atomic"
)

// Without the faults build tag every seeded bug is a false constant, so the
// faulty code paths are compiled out.
const (
	faultB1           = false
	faultB2           = false
	faultB3           = false
	faultB4           = false
	faultAdoptNoDrain = false
	faultSllBatch     = false
	faultUseAfterFree = false
)

// loadRemote is FreeRemote's read of s's remote head.
func loadRemote(s *slab) uint64 { return atomic.LoadUint64(&s.remote) }

// EnableFault switches on the seeded bug called name. It fails unless the
// package was built with -tags faults.
func EnableFault(name string) error {
	return errors.New("veralloc: fault " + name + " unavailable: build with -tags faults")
}

// DisableFaults switches every seeded bug off.
func DisableFaults() {}

// Faults lists the seeded bugs that are switched on.
func Faults() []string { return nil }

// drainTake is the drain's take of s's remote stack (faults_on.go holds
// the seeded B4 variant).
func drainTake(s *slab) (uint64, bool) { return s.drainTakeRemote() }
