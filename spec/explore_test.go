package spec

import (
	"sync"
	"testing"
)

// TestMutants: each seeded bug of tla/mutants/*.cfg is caught by the
// invariant TLC reports for it.
func TestMutants(t *testing.T) {
	want := map[string]string{
		BugB1:           "CounterBalance",
		BugB3:           "ExactlyOnePlace",
		BugB4:           "ExactlyOnePlace",
		BugSllBatch:     "CountsMatchLists",
		BugAdoptNoDrain: "ExactlyOnePlace",
		// on the batched ci model (RemoteBatch 2)
		BugBatchLinksHead:  "ExactlyOnePlace",
		BugBatchWrongSlab:  "CountsMatchLists",
		BugExitNoFlush:     "ExactlyOnePlace",
		BugBatchCountLimit: "CountsMatchLists",
	}
	for _, bug := range Bugs {
		t.Run(bug, func(t *testing.T) {
			r := Explore(MutantConfig(bug), ExploreOptions{})
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

// ciRun is one exploration of the ci model, with invariants checked, shared
// by the tests that need its states (each full exploration costs seconds).
type ciRun struct {
	states []State // in BFS order
	depth  []int   // depth[i] is the BFS depth of states[i]
	keys   map[string]int
	r      ExploreResult
}

var (
	ciOnce  sync.Once
	ciCache ciRun
)

func ciModel() *ciRun {
	ciOnce.Do(func() {
		c := &ciCache
		c.keys = map[string]int{}
		c.r = Explore(CIConfig(), ExploreOptions{Visit: func(st State, d int) bool {
			c.keys[st.Key()] = d
			c.states = append(c.states, st)
			c.depth = append(c.depth, d)
			return true
		}})
	})
	return &ciCache
}
