package check

import (
	"testing"
)

func coverageOf(r *Result, name string) (ActionCoverage, bool) {
	for _, c := range r.Coverage {
		if c.Name == name {
			return c, true
		}
	}
	return ActionCoverage{}, false
}

// TestCoverageNeverEnabled: with Low = 0 the guard of Refill never holds.
// Every sub-action of Next is listed, Refill with zero counts, and
// NeverEnabled names it (and only it).
func TestCoverageNeverEnabled(t *testing.T) {
	m := loadModel(t, "testdata/perf/Refill.tla", "testdata/perf/Refill.cfg")
	r := Check(m, Options{Workers: 1, CheckDeadlock: true})
	if r.Verdict != Success || r.Distinct != 4 {
		t.Fatalf("verdict %v, %d distinct, want success with 4 states (err %v)", r.Verdict, r.Distinct, r.Err)
	}
	take, ok := coverageOf(r, "Take")
	if !ok || take.Enabled != 3 || take.Generated != 3 || take.Distinct != 3 {
		t.Errorf("Take: %+v, want enabled 3, generated 3, distinct 3", take)
	}
	refill, ok := coverageOf(r, "Refill")
	if !ok || refill.Enabled != 0 || refill.Generated != 0 {
		t.Errorf("Refill: %+v (listed %v), want listed with zero counts", refill, ok)
	}
	idle, ok := coverageOf(r, "Idle")
	if !ok || idle.Enabled != 1 || idle.Generated != 1 || idle.Distinct != 0 {
		t.Errorf("Idle: %+v, want enabled 1, generated 1, distinct 0", idle)
	}
	never := NeverEnabled(r.Coverage)
	if len(never) != 1 || never[0].Name != "Refill" {
		t.Errorf("NeverEnabled = %+v, want only Refill", never)
	}
}

// TestCoverageAllEnabled: with Low = 2 Refill fires; no warning.
func TestCoverageAllEnabled(t *testing.T) {
	m := loadModel(t, "testdata/perf/Refill.tla", "testdata/perf/RefillOK.cfg")
	r := Check(m, Options{Workers: 2, CheckDeadlock: true})
	if r.Verdict != Success {
		t.Fatalf("verdict %v (err %v)", r.Verdict, r.Err)
	}
	if never := NeverEnabled(r.Coverage); len(never) != 0 {
		t.Errorf("NeverEnabled = %+v, want none", never)
	}
	refill, _ := coverageOf(r, "Refill")
	if refill.Enabled == 0 || refill.Distinct == 0 {
		t.Errorf("Refill: %+v, want enabled and finding states", refill)
	}
	var gen int64
	for _, c := range r.Coverage {
		gen += c.Generated
	}
	if gen != r.Generated-r.InitGenerated {
		t.Errorf("coverage counts %d successors, the search %d", gen, r.Generated-r.InitGenerated)
	}
}
