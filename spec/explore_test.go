package spec

import "testing"

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
