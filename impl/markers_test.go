package impl

import (
	"regexp"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// TestSpecMarkers: every action of tla/Allocator.tla that the protocol
// runs (all but DrainRead, which exists only to model seeded bug B4) is
// implemented by exactly one function marked "// spec: Allocator!<Action>",
// and every marker names an action defined in the spec.
func TestSpecMarkers(t *testing.T) {
	spec := testutil.ReadFile(t, "../tla/Allocator.tla") // a missing spec fails the test
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Z][A-Za-z]*)\(h[^)]*\) ==`).FindAllStringSubmatch(spec, -1) {
		defined[m[1]] = true
	}
	want := []string{"Alloc", "Refill", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll",
		"AcquireSlab", "RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas",
		"FreeToBatch", "FreeRemoteBatch", "FreeRemoteBatchCas", "HeapExit", "Adopt"}
	found := map[string][]string{}
	for _, m := range testutil.SpecMarkers(t, ".") {
		if m.Module != "Allocator" || !defined[m.Action] {
			t.Errorf("%s:%d: marker names %v, which tla/Allocator.tla does not define", m.File, m.Line, m)
		}
		found[m.Action] = append(found[m.Action], m.File)
	}
	for _, a := range want {
		if !defined[a] {
			t.Errorf("action %s is not defined in tla/Allocator.tla", a)
		}
		if n := len(found[a]); n != 1 {
			t.Errorf("action %s has %d implementing functions, want 1", a, n)
		}
	}
}
