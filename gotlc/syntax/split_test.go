package syntax

import (
	"strings"
	"testing"
)

// TestSplitNext: Allocator.tla's Next splits into one sub-action per
// action definition, Refill into its steps (with Refill on their Via), and
// each parameter bound by an \E of Next gets that binder's set.
func TestSplitNext(t *testing.T) {
	prog, err := Load("../../tla/Allocator.tla")
	if err != nil {
		t.Fatal(err)
	}
	subs := SplitNext(prog.Root.Def("Next"))
	var names []string
	for _, sa := range subs {
		names = append(names, sa.Def.Name)
		switch sa.Def.Name {
		case "DrainRemote":
			if len(sa.Via) != 1 || sa.Via[0].Name != "Refill" || len(sa.Domains) != 1 || sa.Domains[0] == nil {
				t.Errorf("DrainRemote: via %v, domains %v", sa.Via, sa.Domains)
			}
		case "AcquireSlab":
			if len(sa.Via) != 0 || len(sa.Domains) != 2 || sa.Domains[0] == nil || sa.Domains[1] == nil {
				t.Errorf("AcquireSlab: via %v, domains %v", sa.Via, sa.Domains)
			}
		}
	}
	want := "Alloc DrainRead DrainRemote PopFreelist LinearCarve SpliceToSll AcquireSlab RetireSlab FreeLocal FreeRemote FreeRemoteCas FreeToBatch FreeRemoteBatch FreeRemoteBatchCas HeapExit Adopt"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("sub-actions %s, want %s", got, want)
	}
	// A conjunction is one sub-action.
	if _, ok := SplitAt(&Junction{Kind: And}); ok {
		t.Error("a conjunction split")
	}
}
