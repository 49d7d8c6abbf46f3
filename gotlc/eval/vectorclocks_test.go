package eval

import (
	"strings"
	"testing"
)

// CausalOrder's native on a log of three nodes with concurrent lines: the
// stand-in module's body (<<>>) would give another result, so the native
// is what is evaluated. The expected order follows the rounds of
// causalOrder's comment with the nodes visited in value order (0, 1, 2).
func TestCausalOrderNative(t *testing.T) {
	const src = `---- MODULE M ----
EXTENDS Naturals, Sequences, TLC, VectorClocks
L1 == [n |-> 1, c |-> (1 :> 1)]
L2 == [n |-> 0, c |-> (0 :> 2 @@ 1 :> 1)]
L3 == [n |-> 0, c |-> (0 :> 1)]
L4 == [n |-> 2, c |-> (2 :> 1 @@ 0 :> 2 @@ 1 :> 1)]
L5 == [n |-> 1, c |-> (1 :> 2)]
Sort(log) == CausalOrder(log, LAMBDA l : l.c, LAMBDA l : l.n, LAMBDA c : DOMAIN c)
Order == Sort(<<L1, L2, L3, L4, L5>>) = <<L3, L1, L2, L5, L4>>
Empty == Sort(<< >>) = << >>
Unknown == Sort(<<[n |-> 0, c |-> (0 :> 1 @@ 3 :> 1)]>>)
Gap == Sort(<<L1, [n |-> 0, c |-> (0 :> 1 @@ 1 :> 3)]>>)
====`
	mods := map[string]string{"VectorClocks": "---- MODULE VectorClocks ----\nCausalOrder(log, clock(_), node(_), domain(_)) == <<>>\n===="}
	p := load(t, src, mods)
	evalDefsAre(t, p, map[string]string{"Order": "TRUE", "Empty": "TRUE"})
	for name, want := range map[string]string{
		"Unknown": "has an entry for 3, which logs no line",
		"Gap":     "refers to event 3 of 1, which logs 1 lines",
	} {
		_, err := evalDef(t, p, name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, want)
		}
	}
}
