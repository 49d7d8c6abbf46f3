package check

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

func simOutcome(r *SimResult) string {
	s := fmt.Sprintf("%v %q states=%d traces=%d len=%d/%d digest=%x behaviour=%d err=%v:", r.Verdict, r.Name, r.States, r.Traces, r.LenSum, r.LenSqSum, r.Digest, r.Behaviour, r.Err)
	for _, st := range r.Trace {
		s += " " + value.String(value.NewTuple(st.State))
	}
	return s
}

// checkBehaviour verifies that tr is a behaviour of m: an initial state,
// then each state a successor of the previous one by the labelled action.
func checkBehaviour(t *testing.T, m *Model, tr []Step) {
	t.Helper()
	init := false
	m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		init = init || value.HashState(s) == value.HashState(tr[0].State)
	})
	if !init {
		t.Fatalf("trace starts in a state that is not initial")
	}
	for i := 1; i < len(tr); i++ {
		found := false
		m.Next.Run(tr[i-1].State, func(s []value.Value, l *eval.Label, _ int) {
			found = found || (value.HashState(s) == value.HashState(tr[i].State) && l == tr[i].Label)
		})
		if !found {
			t.Fatalf("state %d of the trace is not a successor of state %d", i+1, i)
		}
	}
}

// TestSimulateFindsViolation: the DieHard puzzle's invariant big # 4 is
// violated by random behaviours; the trace is a real behaviour ending in a
// violating state.
func TestSimulateFindsViolation(t *testing.T) {
	dir := filepath.Join(corpus, "diehard")
	m := loadModel(t, filepath.Join(dir, "DieHard.tla"), filepath.Join(dir, "DieHard.cfg"))
	r := Simulate(m, SimOptions{Workers: 2, Depth: 100, Seed: 1, Num: 1000})
	if r.Verdict != InvariantViolated || r.Name != "NotFour" {
		t.Fatalf("verdict %v %q, want invariant NotFour (err %v)", r.Verdict, r.Name, r.Err)
	}
	checkBehaviour(t, m, r.Trace)
	if v, _, _ := (&checker{core: core{m}}).checkState(r.Trace[len(r.Trace)-1].State); v != InvariantViolated {
		t.Fatalf("the last state of the trace does not violate the invariant")
	}
	for _, st := range r.Trace[:len(r.Trace)-1] {
		if v, _, _ := (&checker{core: core{m}}).checkState(st.State); v != Success {
			t.Fatalf("the trace goes through an earlier violation")
		}
	}
}

// TestSimulateReproducible: the same seed gives the same behaviours, trace
// and counts, for any number of workers; other seeds give other behaviours.
func TestSimulateReproducible(t *testing.T) {
	dir := filepath.Join(corpus, "treiber")
	run := func(seed int64, workers int) string {
		m := loadModel(t, filepath.Join(dir, "Treiber.tla"), filepath.Join(dir, "Treiber.cfg"))
		return simOutcome(Simulate(m, SimOptions{Workers: workers, Depth: 30, Seed: seed, Num: 300}))
	}
	a := run(42, 1)
	if b := run(42, 1); a != b {
		t.Fatalf("seed 42 twice:\n%s\n%s", a, b)
	}
	if b := run(42, 3); a != b {
		t.Fatalf("seed 42 with 1 and 3 workers:\n%s\n%s", a, b)
	}
	if b := run(43, 1); a == b {
		t.Fatalf("seeds 42 and 43 gave the same run: %s", a)
	}
	// The violation found is also reproducible, trace included.
	dh := filepath.Join(corpus, "diehard")
	v := func(workers int) string {
		m := loadModel(t, filepath.Join(dh, "DieHard.tla"), filepath.Join(dh, "DieHard.cfg"))
		return simOutcome(Simulate(m, SimOptions{Workers: workers, Depth: 50, Seed: 9, Num: 5000}))
	}
	if x, y := v(1), v(2); x != y {
		t.Fatalf("violation with 1 and 2 workers:\n%s\n%s", x, y)
	}
}

// TestSimulateCompletes: a behaviour ends at the first state outside the
// CONSTRAINT (refills < 3), so with it the requested behaviours complete
// without error, shorter than the depth; without it, the same bound as an
// invariant is violated.
func TestSimulateCompletes(t *testing.T) {
	m := loadModel(t, "testdata/perf/Refill.tla", "testdata/perf/RefillOK.cfg")
	r := Simulate(m, SimOptions{Workers: 1, Depth: 20, Seed: 5, Num: 10, CheckDeadlock: true})
	if r.Verdict != Success || r.Traces != 10 || r.LenSum >= 10*20 || r.LenSum < 10*10 {
		t.Fatalf("%s", simOutcome(r))
	}
	// The invariant Bounded (refills < 3) is violated after three refills:
	// deep enough behaviours find it.
	m2 := loadModel(t, "testdata/perf/Refill.tla", "testdata/perf/RefillOK.cfg")
	m2.Invariants = m2.Constraints
	m2.Constraints = nil
	r = Simulate(m2, SimOptions{Workers: 1, Depth: 20, Seed: 5, Num: 10, CheckDeadlock: true})
	if r.Verdict != InvariantViolated || r.Name != "Bounded" {
		t.Fatalf("%s", simOutcome(r))
	}
	checkBehaviour(t, m2, r.Trace)
}
