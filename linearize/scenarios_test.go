package linearize

import (
	"fmt"
	"testing"
)

// A scenario is a fixed sequence of operations for the lockstep machine:
// the shrunk failing cases rapid found for the seeded bugs (faults_test.go
// shows each one failing with its bug switched on), kept as regression
// tests. Without a bug every scenario must pass.
type scenario struct {
	name  string
	size  int
	ops   []scenarioOp
	batch bool // with local batches of remote frees (lockstepBatchOptions)
}

type scenarioOp struct {
	kind  string // "alloc", "free", "close", "trim", "racing"
	heap  int    // slot, 0-based (h1 is 0)
	block int    // for free: index into the held blocks, in allocation order;
	// for racing: the slot of the heap that frees (GOMAXPROCS 1)
}

var scenarios = []scenario{
	// B1: the first refill double counts TotalActive.
	{"B1", 16, []scenarioOp{{"alloc", 0, 0}}, false},
	// B2: h2 frees a 513-byte block allocated by h1 (not the first of its
	// slab, whose address is page aligned).
	{"B2", 513, []scenarioOp{{"alloc", 2, 0}, {"alloc", 0, 0}, {"free", 1, 1}}, false},
	// B3 and SllBatch: the second Alloc refills (LowWater 1) and splices
	// onto a one-block Sll.
	{"B3", 16, []scenarioOp{{"alloc", 2, 0}, {"alloc", 2, 0}}, false},
	{"SllBatch", 16, []scenarioOp{{"alloc", 2, 0}, {"alloc", 2, 0}}, false},
	// AdoptNoDrain: a remote free into h1's slab, then h1 closes: the
	// orphan is fully free, the reclaim heap adopts it and must drain its
	// remote stack before retiring it.
	{"AdoptNoDrain", 16, []scenarioOp{{"alloc", 0, 0}, {"free", 1, 0}, {"close", 0, 0}}, false},
	// B4: h1 allocates (a refill: its drain) while h3 frees <<s2, 1>> of
	// h1's slab remotely; with one P the push runs at the drain's yield,
	// between its read and its clear.
	{"B4", 16, []scenarioOp{{"alloc", 2, 0}, {"alloc", 0, 0}, {"alloc", 1, 0}, {"free", 0, 0}, {"racing", 0, 2}}, false},
	// The bugs of local batches (RemoteBatch 2). BatchLinksHead: h2 frees
	// two blocks of h1's slab; the second fills the batch, whose push
	// links its head, not its tail, to the remote head.
	{"BatchLinksHead", 16, []scenarioOp{{"alloc", 0, 0}, {"alloc", 0, 0}, {"free", 1, 0}, {"free", 1, 0}}, true},
	// BatchWrongSlab and ExitNoFlush: h2, with a slab of its own, frees a
	// block of h1's slab into its batch and closes: the push goes to h2's
	// slab, or the batch is dropped.
	{"BatchWrongSlab", 16, []scenarioOp{{"alloc", 0, 0}, {"alloc", 1, 0}, {"free", 1, 0}, {"close", 1, 0}}, true},
	{"ExitNoFlush", 16, []scenarioOp{{"alloc", 0, 0}, {"alloc", 1, 0}, {"free", 1, 0}, {"close", 1, 0}}, true},
	// BatchCountLimit: a batch of one block, pushed when h2 closes, raises
	// the remote count by 2; h1's next refill drains it.
	{"BatchCountLimit", 16, []scenarioOp{{"alloc", 0, 0}, {"free", 1, 0}, {"close", 1, 0}, {"alloc", 0, 0}, {"alloc", 0, 0}}, true},
}

// run plays the scenario and returns the first failure.
func (sc scenario) run() error {
	opts := lockstepOptions()
	if sc.batch {
		opts = lockstepBatchOptions()
	}
	m, err := newLockstep(opts, sc.size, machineHeaps, machineSS)
	if err != nil {
		return err
	}
	for n, op := range sc.ops {
		var err error
		switch op.kind {
		case "alloc":
			err = m.alloc(op.heap)
		case "free":
			err = m.free(op.heap, op.block)
		case "close":
			err = m.closeHeap(op.heap, true)
		case "trim":
			err = m.trim()
		case "racing":
			err = m.allocRacingFrees(op.heap, op.block, m.racingCandidates(op.heap), true)
		default:
			err = fmt.Errorf("unknown operation %q", op.kind)
		}
		if err == nil {
			err = m.compare()
		}
		if err != nil {
			return fmt.Errorf("operation %d (%s h%d): %v", n+1, op.kind, op.heap+1, err)
		}
	}
	return m.shutdown()
}

func TestScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			if err := sc.run(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
