//go:build faults

package impl

import (
	"fmt"
	"runtime"
	"sort"
	"sync/atomic"
)

// Seeded bugs: B1, B3, B4, SllBatch and AdoptNoDrain are the Bug values of
// tla/Allocator.tla (its mutants are tla/mutants/*.cfg); B2 exists only in
// the implementation (the spec has no addresses). Switch them only while no
// allocator operation runs.
var (
	// B1: SpliceToSll adds the chain's count to TotalActive a second time.
	faultB1 bool
	// B2: the alignment guard tests p % size instead of (p - slabBase) % stride.
	faultB2 bool
	// B3: SpliceToSll sets the chain tail's next to nil, dropping the Sll.
	faultB3 bool
	// B4: DrainRemote reads the remote head, then clears it (not one
	// atomic exchange); a push in between is lost.
	faultB4 bool
	// AdoptNoDrain: Adopt clears the remote stack without moving its
	// blocks to the freelist.
	faultAdoptNoDrain bool
	// SllBatch: SpliceToSll adds Batch, not the chain's count, to SllCount.
	faultSllBatch bool
	// UseAfterFree: FreeLocal, after pushing a block on the cache list,
	// writes into it as a user holding a stale slice would: its link is
	// overwritten (implementation only; the spec has no block contents).
	faultUseAfterFree bool
	// PlainRemoteHead: FreeRemote reads the remote stack's head with a
	// plain load instead of an atomic one (implementation only: a data
	// race that only the race detector, seeing the slab records, reports;
	// TestFaultPlainRemoteHeadIsARace).
	faultPlainRemoteHead bool
)

// loadRemote is FreeRemote's read of s's remote head: atomic, or plain
// under PlainRemoteHead.
func loadRemote(s *slab) uint64 {
	if faultPlainRemoteHead {
		return s.remote
	}
	return atomic.LoadUint64(&s.remote)
}

var faultVars = map[string]*bool{
	"B1": &faultB1, "B2": &faultB2, "B3": &faultB3, "B4": &faultB4,
	"AdoptNoDrain": &faultAdoptNoDrain, "SllBatch": &faultSllBatch, "UseAfterFree": &faultUseAfterFree,
	"PlainRemoteHead": &faultPlainRemoteHead,
}

// EnableFault switches on the seeded bug called name: B1, B2, B3, B4,
// AdoptNoDrain, SllBatch, UseAfterFree or PlainRemoteHead.
func EnableFault(name string) error {
	v, ok := faultVars[name]
	if !ok {
		return fmt.Errorf("veralloc: unknown fault %q (have B1, B2, B3, B4, AdoptNoDrain, SllBatch, UseAfterFree, PlainRemoteHead)", name)
	}
	*v = true
	return nil
}

// DisableFaults switches every seeded bug off.
func DisableFaults() {
	for _, v := range faultVars {
		*v = false
	}
}

// Faults lists the seeded bugs that are switched on.
func Faults() []string {
	var on []string
	for n, v := range faultVars {
		if *v {
			on = append(on, n)
		}
	}
	sort.Strings(on)
	return on
}

// drainTake is the drain's take of s's remote stack (drainTakeRemote), or
// with B4 on the seeded bug: a load and a later store, between which a
// push is lost (even a push onto a stack read empty). The B4 code knows
// nothing of the tracer: what the trace shows of it is what any drain
// logs, the head word read (here: the load) and the one written
// (docs/trace-validation.md).
func drainTake(s *slab) (x uint64, took bool) {
	if !faultB4 {
		return s.drainTakeRemote()
	}
	x = atomic.LoadUint64(&s.remote)
	runtime.Gosched() // widen the window a push can land in
	atomic.StoreUint64(&s.remote, remoteTaken(x))
	return x, true
}
