package syntax

// Embedded holds modules gotlc supplies itself when no file of that name is
// found beside the spec or on the module path: TLC ships them inside
// tla2tools.jar (TLCExt, Randomization), so a spec extends them without
// any library directory. The texts are gotlc's own: each operator's body
// is either its meaning in TLA+ or a stand-in that the evaluator replaces
// by a native Go implementation (gotlc/eval/natives.go; a test there
// checks that every stand-in has one).
var Embedded = map[string]string{
	"TLCExt": `---- MODULE TLCExt ----
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
AssertEq(a, b) == a = b
\* native: the model value named str
TLCModelValue(str) == str
TLCNoOp(val) == val
TLCCache(expression, closure) == expression
\* native: not implemented by gotlc (an evaluation error that says so)
Trace == <<>>
CounterExample == [state |-> {}, action |-> {}]
ToTrace(CE) == <<>>
TLCFP(var) == 0
AssertError(err, exp) == FALSE
TLCDefer(expression) == TRUE
PickSuccessor(exp) == TRUE
====
`,
	"Randomization": `---- MODULE Randomization ----
LOCAL INSTANCE Naturals
LOCAL INSTANCE FiniteSets
\* native: a subset of S with k elements drawn at random (eval/random.go)
RandomSubset(k, S) == {}
\* native: k random subsets of S, each element in each with probability
\* n / Cardinality(S)
RandomSetOfSubsets(k, n, S) == {}
TestRandomSetOfSubsets(k, n, S) ==
  [i \in 1..5 |-> Cardinality(RandomSetOfSubsets(k, n, S))]
====
`,
}
