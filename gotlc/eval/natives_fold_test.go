package eval

import "testing"

// The DyadicRationals and Functions natives against the modules'
// definitions (written out here, bounded): Reduce with the divisor-search
// GCD, FoldFunction(OnSet) with MapThenFoldSet's recursion.
const nativeFolds = `---- MODULE M ----
EXTENDS Naturals, FiniteSets
LOCAL INSTANCE DyadicRationals
LOCAL INSTANCE Functions
Divisors(q) == {d \in 1..q : \E k \in 1..q : q = d * k}
GCD(n, m) == CHOOSE g \in Divisors(n) \cap Divisors(m) : \A h \in Divisors(n) \cap Divisors(m) : g >= h
RefReduce(p) == LET g == GCD(p.num, p.den) IN
                IF g = 1 THEN p ELSE [num |-> p.num \div g, den |-> p.den \div g]
R == \A n \in 1..12, d \in 1..12 : Reduce([num |-> n, den |-> d]) = RefReduce([num |-> n, den |-> d])
Z == Reduce([num |-> 0, den |-> 4]) = [num |-> 0, den |-> 1]
RefFold(op(_, _), base, f, S) ==
  LET iter[s \in SUBSET S] == IF s = {} THEN base
                              ELSE LET x == CHOOSE x \in s : TRUE IN op(f[x], iter[s \ {x}])
  IN iter[S]
F == /\ FoldFunction(+, 0, <<3, 1, 4, 1, 5>>) = RefFold(+, 0, <<3, 1, 4, 1, 5>>, 1..5)
     /\ FoldFunction(\cup, {}, [i \in 1..3 |-> {i * i}]) = {1, 4, 9}
     /\ FoldFunctionOnSet(+, 10, <<3, 1, 4, 1, 5>>, {2, 4}) = RefFold(+, 10, <<3, 1, 4, 1, 5>>, {2, 4})
     /\ FoldFunction(+, 0, <<>>) = 0
====`

func TestFoldAndReduceNatives(t *testing.T) {
	mods := map[string]string{
		// Stand-ins with the community modules' names; the natives replace
		// these bodies, which would otherwise be wrong.
		"DyadicRationals": "---- MODULE DyadicRationals ----\nReduce(p) == p\n====",
		"Functions":       "---- MODULE Functions ----\nFoldFunction(op(_, _), base, f) == base\nFoldFunctionOnSet(op(_, _), base, f, S) == base\n====",
	}
	evalDefsAre(t, load(t, nativeFolds, mods), map[string]string{"R": "TRUE", "Z": "TRUE", "F": "TRUE"})
}
