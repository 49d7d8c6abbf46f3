package spec

import "testing"

// TestExploreCI: the ci model has the figures TLC 2.18 reports for
// tla/MCAllocator.cfg (-workers 1): 26282 distinct states, depth 31, no
// invariant violated.
func TestExploreCI(t *testing.T) {
	r := Explore(CIConfig(), ExploreOptions{})
	if r.Violation != nil {
		t.Fatalf("ci model: %v\ntrace:\n%s", r.Violation, FormatTrace(r.Trace))
	}
	t.Logf("ci model: %d generated, %d distinct, depth %d", r.Generated, r.Distinct, r.Depth)
	if r.Distinct != 26282 || r.Depth != 31 {
		t.Errorf("ci model: %d distinct states, depth %d; TLC reports 26282, depth 31", r.Distinct, r.Depth)
	}
}

// TestMutants: each seeded bug of tla/mutants/*.cfg is caught by the
// invariant TLC reports for it.
func TestMutants(t *testing.T) {
	want := map[string]string{
		BugB1:           "CounterBalance",
		BugB3:           "ExactlyOnePlace",
		BugB4:           "ExactlyOnePlace",
		BugSllBatch:     "CountsMatchLists",
		BugAdoptNoDrain: "ExactlyOnePlace",
	}
	for _, bug := range Bugs {
		t.Run(bug, func(t *testing.T) {
			r := Explore(CIConfig().WithBug(bug), ExploreOptions{})
			ie, ok := r.Violation.(*InvariantError)
			if !ok {
				t.Fatalf("Bug %q: no invariant violated (%d distinct states)", bug, r.Distinct)
			}
			t.Logf("Bug %q: %v after %d distinct states, trace of %d states", bug, ie, r.Distinct, len(r.Trace))
			if ie.Name != want[bug] {
				t.Errorf("Bug %q violates %s, want %s\n%s", bug, ie.Name, want[bug], FormatTrace(r.Trace))
			}
		})
	}
}
