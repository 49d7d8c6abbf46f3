package linearize

import (
	"errors"
	"flag"
	"fmt"
	"testing"
	"time"

	"github.com/veralloc/veralloc/impl"
	"pgregory.net/rapid"
)

// machineHeaps and machineHeld bound the model-based test: 3 heaps (plus
// the reclaim heap), at most 8 blocks in the user's hands.
const (
	machineHeaps = 3
	machineHeld  = 8
	machineSS    = 24 // superslabs in the model's slab universe
)

// machine is the rapid property: random Alloc / Free (through any heap:
// local or remote) / Close-and-reopen / Trim on real heaps and the spec's
// protocol machine in lockstep, compared after every step. It returns the
// number of operations run (for the fault tests' figures).
func machine(rt *rapid.T, opts impl.Options, size int, stats *machineStats) {
	m, err := newLockstep(opts, size, machineHeaps, machineSS)
	if err != nil {
		rt.Fatalf("setup: %v", err)
	}
	m.cover = stats.cover
	ops := 0
	failed := func() {
		if stats.firstFail < 0 {
			stats.firstFail, stats.firstFailAt = stats.ops, time.Since(stats.start)
		}
	}
	fail := func(what string, err error) {
		failed()
		rt.Fatalf("operation %d, %s: %v", ops, what, err)
	}
	count := func() { ops++; stats.ops++ }
	heap := func() int { return rapid.IntRange(0, machineHeaps-1).Draw(rt, "heap") }
	rt.Repeat(map[string]func(*rapid.T){
		"Alloc": func(rt *rapid.T) {
			if len(m.held) >= machineHeld {
				rt.Skip("hands full")
			}
			i := heap()
			count()
			if err := m.alloc(i); err != nil {
				fail(fmt.Sprintf("h%d.Alloc(%d)", i+1, size), err)
			}
		},
		"Free": func(rt *rapid.T) {
			if len(m.held) == 0 {
				rt.Skip("nothing held")
			}
			k := rapid.IntRange(0, len(m.held)-1).Draw(rt, "block")
			i := heap()
			blk := m.held[k].blk
			count()
			if err := m.free(i, k); err != nil {
				fail(fmt.Sprintf("h%d.Free(%v)", i+1, blk), err)
			}
		},
		"AllocRacingFrees": func(rt *rapid.T) {
			i := heap()
			k := rapid.IntRange(0, machineHeaps-2).Draw(rt, "other heap")
			if k >= i {
				k++
			}
			ks := m.racingCandidates(i)
			if len(ks) == 0 {
				rt.Skip("no held block of the heap's slab")
			}
			oneP := rapid.Bool().Draw(rt, "GOMAXPROCS 1")
			count()
			err := m.allocRacingFrees(i, k, ks, oneP)
			if errors.Is(err, errSkip) {
				rt.Skip("the Alloc would change slabs")
			}
			if err != nil {
				fail(fmt.Sprintf("h%d.Alloc racing frees through h%d", i+1, k+1), err)
			}
		},
		"CloseReopen": func(rt *rapid.T) {
			i := heap()
			count()
			if err := m.closeHeap(i, true); err != nil {
				fail(fmt.Sprintf("h%d.Close", i+1), err)
			}
		},
		"Trim": func(rt *rapid.T) {
			count()
			if err := m.trim(); err != nil {
				fail("Trim", err)
			}
		},
		"": func(rt *rapid.T) {
			if err := m.compare(); err != nil {
				failed()
				rt.Fatalf("after operation %d: %v", ops, err)
			}
		},
	})
	if err := m.shutdown(); err != nil {
		failed()
		rt.Fatalf("shutdown: %v", err)
	}
}

// machineStats accumulates over the test cases of one rapid.Check.
type machineStats struct {
	cover       map[string]int // spec steps taken, by action
	ops         int            // operations run
	start       time.Time
	firstFail   int // ops when the first failure was seen, -1 none
	firstFailAt time.Duration
}

func newMachineStats() *machineStats {
	return &machineStats{cover: map[string]int{}, start: time.Now(), firstFail: -1}
}

// TestMachine runs the model-based test for a 16-byte class and for
// class 640 (513-byte requests, whose stride does not divide the slab
// base), without and with the allocator's checked mode, and with local
// batches of remote frees (RemoteBatch 2, as tla/MCAllocatorBatch.cfg).
//
// Under the race detector or -short, rapid runs 25 cases per configuration
// instead of its default 100 (-rapid.checks), and the coverage of every
// spec step is then only logged, not required.
func TestMachine(t *testing.T) {
	full := !raceEnabled && !testing.Short()
	if !full {
		f := flag.Lookup("rapid.checks")
		old := f.Value.String()
		if old == "100" { // not set on the command line
			flag.Set("rapid.checks", "25")
			defer flag.Set("rapid.checks", old)
		}
	}
	type config struct {
		name  string
		size  int
		batch bool // lockstepBatchOptions, not lockstepOptions
		mod   func(*impl.Options)
	}
	checked := func(o *impl.Options) { o.Checks = true }
	configs := []config{
		{"size16", 16, false, nil},
		{"size16-checked", 16, false, checked},
		{"size513", 513, false, nil},
		{"size513-checked", 513, false, checked},
		// The allocator's own refill rule (only when the Sll is empty) and
		// a cache list that takes no local frees (SllMax 0: every local
		// free goes to the slab's freelist).
		{"size16-lowwater0-sllmax0", 16, false, func(o *impl.Options) { o.LowWater = 0; o.SllMax = -1 }},
		// Local batches of remote frees: FreeToBatch, and the push
		// (FreeRemoteBatch, FreeRemoteBatchCas) at each flush point.
		{"size16-batch2", 16, true, nil},
		{"size513-batch2-checked", 513, true, checked},
	}
	for _, c := range configs {
		t.Run(c.name, func(t *testing.T) {
			opts := lockstepOptions()
			if c.batch {
				opts = lockstepBatchOptions()
			}
			if c.mod != nil {
				c.mod(&opts)
			}
			stats := newMachineStats()
			rapid.Check(t, func(rt *rapid.T) { machine(rt, opts, c.size, stats) })
			cover := stats.cover
			// The test must reach every step the implementation has (a
			// splice onto a non-empty Sll needs LowWater > 0).
			want := []string{"Alloc", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll",
				"AcquireSlab", "RetireSlab", "FreeLocal", "HeapExit", "Adopt", "Adopt by the reclaim heap",
				"RetireSlab by the reclaim heap", "HeapExit by the reclaim heap"}
			if c.batch {
				// every flush point of Heap.freeBatched, refill and Close
				want = append(want, "FreeToBatch", "FreeRemoteBatch (limit)", "FreeRemoteBatch (another slab)",
					"FreeRemoteBatch (refill)", "FreeRemoteBatch (HeapExit)", "FreeRemoteBatchCas")
			} else {
				want = append(want, "FreeRemote", "FreeRemoteCas")
			}
			if opts.LowWater > 0 {
				want = append(want, "SpliceToSll onto a non-empty Sll")
			}
			var missing []string
			for _, w := range want {
				if cover[w] == 0 {
					missing = append(missing, w)
				}
			}
			t.Logf("spec steps taken: %v", cover)
			if len(missing) > 0 && full {
				t.Errorf("never reached: %v", missing)
			}
			if c.batch && (cover["FreeRemote"] != 0 || cover["FreeRemoteCas"] != 0) {
				t.Errorf("with local batches the model took single-block pushes: %v", cover)
			}
		})
	}
}
