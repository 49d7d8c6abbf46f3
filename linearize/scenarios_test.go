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
	name string
	size int
	ops  []scenarioOp
}

type scenarioOp struct {
	kind  string // "alloc", "free", "close", "trim", "racing"
	heap  int    // slot, 0-based (h1 is 0)
	block int    // for free: index into the held blocks, in allocation order;
	// for racing: the slot of the heap that frees (GOMAXPROCS 1)
}

var scenarios = []scenario{
	// B1: the first refill double counts TotalActive.
	{"B1", 16, []scenarioOp{{"alloc", 0, 0}}},
	// B2: h2 frees a 513-byte block allocated by h1 (not the first of its
	// slab, whose address is page aligned).
	{"B2", 513, []scenarioOp{{"alloc", 2, 0}, {"alloc", 0, 0}, {"free", 1, 1}}},
	// B3 and SllBatch: the second Alloc refills (LowWater 1) and splices
	// onto a one-block Sll.
	{"B3", 16, []scenarioOp{{"alloc", 2, 0}, {"alloc", 2, 0}}},
	{"SllBatch", 16, []scenarioOp{{"alloc", 2, 0}, {"alloc", 2, 0}}},
	// AdoptNoDrain: a remote free into h1's slab, then h1 closes: the
	// orphan is fully free, the reclaim heap adopts it and must drain its
	// remote stack before retiring it.
	{"AdoptNoDrain", 16, []scenarioOp{{"alloc", 0, 0}, {"free", 1, 0}, {"close", 0, 0}}},
	// B4: h1 allocates (a refill: its drain) while h3 frees <<s2, 1>> of
	// h1's slab remotely; with one P the push runs at the drain's yield,
	// between its read and its clear.
	{"B4", 16, []scenarioOp{{"alloc", 2, 0}, {"alloc", 0, 0}, {"alloc", 1, 0}, {"free", 0, 0}, {"racing", 0, 2}}},
}

// run plays the scenario and returns the first failure.
func (sc scenario) run() error {
	m, err := newLockstep(lockstepOptions(), sc.size, machineHeaps, machineSS)
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
