package check

import (
	"path/filepath"
	"testing"
)

// The expected figures below were printed by TLC 2.18 (-workers 1) on the
// same specs and configurations (testdata/).
var models = []struct {
	spec, cfg string
	verdict   Verdict
	name      string
	generated int64
	distinct  int64
	left      int64
	depth     int
	trace     int
}{
	{"Counters", "CountersInv", InvariantViolated, "SumBelow", 23, 14, 7, 4, 4},
	{"Counters", "CountersOK", Success, "", 113, 28, 0, 5, 0},
	{"Stop", "Stop", Deadlock, "", 4, 4, 0, 4, 4},
	{"Tokens", "Tokens", Success, "", 165, 81, 0, 9, 0},
	{"Tokens", "TokensSym", Success, "", 39, 18, 0, 9, 0},
	{"Buffer", "Buffer", Success, "", 15, 12, 0, 9, 0},
	{"Buffer", "BufferLossy", PropertyViolated, "line 8, col 17 to line 8, col 44 of module QueueSpec", 5, 5, 1, 4, 4},
}

func build(t *testing.T, spec, config string) *Model {
	t.Helper()
	m, _, err := Load(filepath.Join("testdata", spec+".tla"), filepath.Join("testdata", config+".cfg"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestAgreesWithTLC(t *testing.T) {
	for _, tc := range models {
		for _, workers := range []int{1, 2} {
			m := build(t, tc.spec, tc.cfg)
			r := Check(m, Options{Workers: workers, CheckDeadlock: tc.cfg == "Stop"})
			if r.Verdict != tc.verdict || r.Name != tc.name {
				t.Errorf("%s (workers %d): verdict %v %q, want %v %q (err %v)", tc.cfg, workers, r.Verdict, r.Name, tc.verdict, tc.name, r.Err)
				continue
			}
			if r.Generated != tc.generated || r.Distinct != tc.distinct || r.Left != tc.left || r.Depth != tc.depth {
				t.Errorf("%s (workers %d): %d generated, %d distinct, %d left, depth %d; TLC: %d, %d, %d, %d",
					tc.cfg, workers, r.Generated, r.Distinct, r.Left, r.Depth, tc.generated, tc.distinct, tc.left, tc.depth)
			}
			if len(r.Trace) != tc.trace {
				t.Errorf("%s (workers %d): trace of %d states, TLC's has %d", tc.cfg, workers, len(r.Trace), tc.trace)
			}
		}
	}
}

// The shortest counterexample: Inc(2) twice then Inc(1) (TLC's trace).
func TestShortestTrace(t *testing.T) {
	m := build(t, "Counters", "CountersInv")
	r := Check(m, Options{Workers: 1})
	want := []string{"", "Inc", "Inc", "Inc"}
	if len(r.Trace) != len(want) {
		t.Fatalf("trace length %d", len(r.Trace))
	}
	for i, st := range r.Trace {
		name := ""
		if st.Label != nil {
			name = st.Label.Name
		}
		if name != want[i] {
			t.Errorf("step %d: action %q, want %q", i+1, name, want[i])
		}
	}
}

// Without the deadlock check, Stop is fine; symmetry must shrink Tokens.
func TestOptionsChangeTheOutcome(t *testing.T) {
	r := Check(build(t, "Stop", "Stop"), Options{Workers: 1, CheckDeadlock: false})
	if r.Verdict != Success {
		t.Errorf("Stop without deadlock check: %v", r.Verdict)
	}
	plain := Check(build(t, "Tokens", "Tokens"), Options{Workers: 1})
	sym := Check(build(t, "Tokens", "TokensSym"), Options{Workers: 1})
	if sym.Distinct >= plain.Distinct {
		t.Errorf("symmetry did not reduce: %d vs %d", sym.Distinct, plain.Distinct)
	}
}
