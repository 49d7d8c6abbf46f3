package eval

import (
	"strings"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

// The natives for the community modules against definitions written here
// that bound the paths (so that they can be evaluated): on a few small
// graphs, each native equals its bounded definition.
const nativeGraphs = `---- MODULE M ----
EXTENDS Naturals, Sequences, FiniteSets
LOCAL INSTANCE UndirectedGraphs
Graphs == INSTANCE Graphs
G1 == [node |-> {1, 2, 3, 4, 5}, edge |-> {{1, 2}, {2, 3}, {4, 4}, {5, 9}}]
G2 == [node |-> {"a", "b"}, edge |-> {}]
D1 == [node |-> {1, 2, 3}, edge |-> {<<1, 2>>, <<2, 3>>, <<3, 3>>}]
D2 == [node |-> {1, 2, 3}, edge |-> {<<1, 2>>, <<2, 3>>, <<3, 1>>}]
D3 == [node |-> {1, 2}, edge |-> {<<1, 9>>, <<9, 2>>}]
Paths(G, n, join(_, _)) == {p \in UNION {[1..k -> G.node] : k \in 1..n} : \A i \in 1..Len(p) - 1 : join(p[i], p[i + 1]) \in G.edge}
UConn(m, k, G) == \E p \in Paths(G, Cardinality(G.node), LAMBDA a, b : {a, b}) : p[1] = m /\ p[Len(p)] = k
DConn(m, k, G) == \E p \in Paths(G, Cardinality(G.node), LAMBDA a, b : <<a, b>>) : p[1] = m /\ p[Len(p)] = k
RefCC(G) == {{k \in G.node : UConn(m, k, G)} : m \in G.node}
CC == <<ConnectedComponents(G1), ConnectedComponents(G2)>> = <<RefCC(G1), RefCC(G2)>>
UCIn(G, extra) == \A m, k \in G.node \cup {extra} : AreConnectedIn(m, k, G) = UConn(m, k, G)
UC == UCIn(G1, 7) /\ UCIn(G2, "z") \* a node of the graph's kind (TLC refuses "a" = 7)
DC == \A G \in {D1, D2, D3} : \A m, k \in G.node \cup {9} : Graphs!AreConnectedIn(m, k, G) = DConn(m, k, G)
SC == <<Graphs!IsStronglyConnected(D1), Graphs!IsStronglyConnected(D2)>> = <<FALSE, TRUE>>
Seqs == SetToSeq({3, 1, 2}) = <<1, 2, 3>> /\ IsInjective(<<1, 2>>) /\ ~IsInjective(<<1, 1>>)
====`

func TestNativesAgreeWithDefinitions(t *testing.T) {
	mods := map[string]string{
		// Stand-ins with the community modules' names; the natives replace
		// these bodies, which would otherwise be wrong (FALSE).
		"UndirectedGraphs": "---- MODULE UndirectedGraphs ----\nEXTENDS SequencesExt, Functions\nConnectedComponents(G) == {}\nAreConnectedIn(m, n, G) == FALSE\n====",
		"Graphs":           "---- MODULE Graphs ----\nAreConnectedIn(m, n, G) == FALSE\nIsStronglyConnected(G) == FALSE\n====",
		"SequencesExt":     "---- MODULE SequencesExt ----\nSetToSeq(S) == <<>>\n====",
		"Functions":        "---- MODULE Functions ----\nIsInjective(f) == FALSE\n====",
	}
	p := load(t, nativeGraphs, mods)
	for _, name := range []string{"CC", "UC", "DC", "SC", "Seqs"} {
		v, err := evalDef(t, p, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if v != value.True {
			t.Errorf("%s = %s, want TRUE", name, value.String(v))
		}
	}
}

// Every operator of gotlc's embedded modules is either its TLA+ meaning
// (listed here) or a stand-in replaced by a native.
func TestEmbeddedModulesHaveNatives(t *testing.T) {
	meaning := map[string]bool{"TLCExt!AssertEq": true, "TLCExt!TLCNoOp": true, "TLCExt!TLCCache": true,
		"Randomization!TestRandomSetOfSubsets": true}
	for name, text := range syntax.Embedded {
		m, err := syntax.ParseModule(name+".tla", []byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(m.Defs) == 0 {
			t.Errorf("%s defines nothing", name)
		}
		for _, d := range m.Defs {
			k := name + "!" + d.Name
			if _, ok := natives[k]; !ok && !meaning[k] {
				t.Errorf("%s is a stand-in without a native", k)
			}
		}
	}
	p := load(t, "---- MODULE M ----\nEXTENDS TLCExt, Randomization, FiniteSets\nA == TLCModelValue(\"m\")\nB == LET T == RandomSubset(2, {3, 1, 2}) IN Cardinality(T) = 2 /\\ T \\subseteq {1, 2, 3}\nC == AssertEq(1, 1) /\\ TLCNoOp(2) = 2\nD == Trace\n====", nil)
	for name, want := range map[string]string{"A": "m", "B": "TRUE", "C": "TRUE"} {
		v, err := evalDef(t, p, name)
		if err != nil || value.String(v) != want {
			t.Errorf("%s = %v (%v), want %s", name, v, err, want)
		}
	}
	if _, err := evalDef(t, p, "D"); err == nil || !strings.Contains(err.Error(), "does not implement TLCExt!Trace") {
		t.Errorf("Trace: %v, want an error naming it", err)
	}
}
