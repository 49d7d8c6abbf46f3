package impl

import (
	"fmt"
	"math/bits"
	"os"
)

// Options configures an Allocator. The zero value selects the defaults,
// which are tuned for speed. The sizing knobs exist so that tests can build
// an allocator with the constants of a TLA+ model (tla/MCAllocator.cfg):
// e.g. SlabSize 4096, SlabBlocks 3, Batch 2, SllMax 2, SlabsPerSuperslab 2.
type Options struct {
	// Checks turns on checked mode: exact double-free detection (a bit per
	// block), and full validation of the current slab, its lists and its
	// counters at every refill and drain (stride alignment, list membership,
	// acyclicity, capacity, CounterBalance). Violations are returned as
	// *Error values of kind ErrCorrupt. Setting the environment variable
	// VERALLOC_CHECKS=1 turns it on for every allocator in the process.
	Checks bool

	// SlabSize is the size in bytes of one slab: a power of two from 4 KiB
	// to 512 KiB. Default 256 KiB (sh6bench, whose live blocks outgrow a
	// 64 KiB slab of the large classes, freed half its blocks into retired
	// slabs, remotely, at 64 KiB and none at 256 KiB: bench/README.md).
	SlabSize int

	// SlabBlocks caps the number of blocks per slab (the spec's Cap). 0
	// means as many as fit: SlabSize / block size. At most 65535.
	SlabBlocks int

	// SlabsPerSuperslab is the number of slabs in one superslab (1..63,
	// plus the slot(s) holding the records: at most 64 slots in all).
	// Default 63 (with the record slot, a 16 MiB superslab at the default
	// slab size: the current slabs of all the classes a heap uses tend to
	// share one superslab, so Free rarely needs the radix table).
	SlabsPerSuperslab int

	// Batch is the number of blocks one refill asks for (the spec's Batch).
	// Default 64. A class's refill asks for fewer when BatchBytes caps it.
	Batch int

	// BatchBytes caps the bytes of blocks one refill of a class asks for:
	// the class's Batch (the spec's constant for that class) is
	// min(Batch, max(4, BatchBytes / block size)), so a refill of 1024-byte
	// blocks carves (and touches) 16 KiB with BatchBytes 16 KiB, not 64 KiB.
	// 0 selects the default, 64 KiB: 64 blocks up to 1024 bytes, 32 of 2048,
	// 8 of 8192 (16 KiB cut random_mixed's RSS growth at peak from 402 to 304
	// kB but xfree's throughput by about 12%, whose producer refills all the
	// time: bench/results/2026-12-04.md); negative: no cap, every class asks
	// for Batch.
	BatchBytes int

	// SllMax bounds the per-class cache list: a local free goes to the
	// cache list while it holds fewer than SllMax blocks, else to the slab's
	// freelist (the spec's SllMax). 0 selects the default, 65535 (no slab
	// holds more blocks: every local free goes to the cache list, owner-only
	// words, where a freelist push also updates two counters that other
	// heaps read); a negative value means a cache list that takes no frees
	// (SllMax = 0).
	SllMax int

	// LowWater makes a refill start when an allocation finds the cache list
	// holding LowWater blocks or fewer (0: only when it is empty). The spec
	// lets a refill start whenever SllCount < Batch; tests set LowWater > 0
	// so that a refill splices onto a non-empty cache list. Must be less
	// than Batch; a class whose Batch BatchBytes lowers uses
	// min(LowWater, its Batch - 1).
	LowWater int

	// RemoteBatch is the number of remote frees a heap collects per size
	// class, in a local batch for one slab, before it pushes them onto the
	// slab's remote stack as one chain with one CAS (the spec's
	// RemoteBatch). A batch is also pushed when a remote free goes to
	// another slab, when the heap refills that class, and at Close. 0
	// selects the default, 32; a negative value pushes every remote free on
	// its own (RemoteBatch = 0 in the spec).
	RemoteBatch int

	// RetainEmpty is how many fully free superslabs keep their memory
	// committed (for reuse without page faults); more are decommitted with
	// madvise(MADV_DONTNEED) so the resident set shrinks after a burst.
	// Default 1; negative means 0. The retained ones are decommitted too
	// when the last open heap closes, and by Allocator.Trim.
	RetainEmpty int
}

// resolved returns o with defaults filled in, or an error naming the first
// field out of range.
func (o Options) resolved() (Options, error) {
	if os.Getenv("VERALLOC_CHECKS") == "1" {
		o.Checks = true
	}
	if o.SlabSize == 0 {
		o.SlabSize = 256 << 10
	}
	if o.SlabsPerSuperslab == 0 {
		o.SlabsPerSuperslab = 63
	}
	if o.Batch == 0 {
		o.Batch = 64
	}
	if o.BatchBytes == 0 {
		o.BatchBytes = 64 << 10
	}
	if o.SllMax == 0 {
		o.SllMax = 65535
	} else if o.SllMax < 0 {
		o.SllMax = 0
	}
	if o.RemoteBatch == 0 {
		o.RemoteBatch = 32
	} else if o.RemoteBatch < 0 {
		o.RemoteBatch = 0
	}
	if o.RetainEmpty == 0 {
		o.RetainEmpty = 1
	} else if o.RetainEmpty < 0 {
		o.RetainEmpty = 0
	}
	switch {
	case o.SlabSize < 4096 || o.SlabSize > 512<<10 || bits.OnesCount(uint(o.SlabSize)) != 1:
		return o, fmt.Errorf("veralloc: Options.SlabSize %d: want a power of two in [4096, 524288]", o.SlabSize)
	case o.SlabBlocks < 0 || o.SlabBlocks > 65535:
		return o, fmt.Errorf("veralloc: Options.SlabBlocks %d: want 0..65535", o.SlabBlocks)
	case o.SlabsPerSuperslab < 1 || o.SlabsPerSuperslab > 63:
		return o, fmt.Errorf("veralloc: Options.SlabsPerSuperslab %d: want 1..63", o.SlabsPerSuperslab)
	case o.Batch < 1 || o.Batch > 65535:
		return o, fmt.Errorf("veralloc: Options.Batch %d: want 1..65535", o.Batch)
	case o.SllMax < 0 || o.SllMax > 1<<30:
		return o, fmt.Errorf("veralloc: Options.SllMax %d: want 0..2^30", o.SllMax)
	case o.RemoteBatch > 65535:
		return o, fmt.Errorf("veralloc: Options.RemoteBatch %d: want at most 65535", o.RemoteBatch)
	case o.LowWater < 0 || o.LowWater >= o.Batch:
		return o, fmt.Errorf("veralloc: Options.LowWater %d: want 0..Batch-1 (Batch = %d)", o.LowWater, o.Batch)
	}
	return o, nil
}
