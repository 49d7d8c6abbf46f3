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
