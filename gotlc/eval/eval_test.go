package eval

import (
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// load parses a root module given as text (other modules from mods).
func load(t *testing.T, src string, mods map[string]string) *Program {
	t.Helper()
	prog, err := syntax.LoadSource("/test/M.tla", []byte(src), func(name string) (string, []byte, error) {
		if m, ok := mods[name]; ok {
			return "/test/" + name + ".tla", []byte(m), nil
		}
		return "", nil, &syntax.Error{Msg: "no module " + name}
	})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return New(prog)
}

// evalDef evaluates the zero-arity definition name of the root module.
// evalDefsAre checks that each definition named in want evaluates to the
// value printed as want[name].
func evalDefsAre(t *testing.T, p *Program, want map[string]string) {
	t.Helper()
	for name, w := range want {
		v, err := evalDef(t, p, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := value.String(v); got != w {
			t.Errorf("%s = %s, want %s", name, got, w)
		}
	}
}

func evalDef(t *testing.T, p *Program, name string) (value.Value, error) {
	t.Helper()
	d := p.Root.Def(name)
	if d == nil {
		t.Fatalf("no definition %s", name)
	}
	q, err := p.CompileDefPred(d)
	if err != nil {
		return nil, err
	}
	return q.Value(nil, nil)
}

const exprModule = `---- MODULE M ----
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC
RECURSIVE Fact(_)
Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
fib[n \in Nat] == IF n < 2 THEN n ELSE fib[n-1] + fib[n-2]
Apply(F(_), x) == F(x)
Twice(F(_,_), x) == F(x, x)
r == [a |-> 1, b |-> <<2, 3>>]
E1 == {x * x : x \in 1..4}
E2 == [r EXCEPT !.b[2] = @ + 10, !.a = 7]
E3 == LET g[i \in 1..3] == i * 2 IN g
E4 == CHOOSE x \in 1..10 : x * x > 20
E5 == \A <<a, b>> \in {<<1, 2>>, <<3, 4>>} : b = a + 1
E6 == Fact(5) + fib[10]
E7 == Apply(LAMBDA y : y + 1, 41)
E8 == SelectSeq(<<1, 2, 3, 4>>, LAMBDA x : x % 2 = 0) \o Tail(<<9, 8>>)
E9 == CASE 1 > 2 -> "a" [] 2 > 1 -> "b" [] OTHER -> "c"
E10 == <<1, 2>> = [i \in 1..2 |-> i] /\ <<>> = [i \in {} |-> i]
E11 == (2 :> "x" @@ 1 :> "y") = <<"y", "x">>
E12 == SubSeq(<<1, 2, 3, 4>>, 2, 3)
E13 == Cardinality(SUBSET {1, 2, 3}) + Len(Append(<<>>, 0))
E14 == <<1, 2, 2>> \in Seq({1, 2}) /\ [a |-> 1] \in [a : Nat] /\ -3 \notin Nat
E15 == {f \in [{1, 2} -> BOOLEAN] : f[1]}
E16 == Permutations({1, 2, 3})
E17 == SortSeq(<<3, 1, 2>>, LAMBDA a, b : a < b)
E18 == (-7) \div 2 + ((-7) % 2) * 100
Plus(a, b) == a + b
E19 == Twice(Plus, 21)
E20 == DOMAIN [x \in {"p", "q"} |-> 0]
E21 == ToString(<<1, "a">>)
E22 == [[a |-> 1] EXCEPT !.zz = 5]
Bad1 == <<1, 2>>[3]
Bad2 == CHOOSE x \in {1, 2} : x > 5
Bad3 == Cardinality(Nat)
Bad4 == Head(<<>>)
Bad5 == 2^62 * 4
====
`

func TestExpressions(t *testing.T) {
	p := load(t, exprModule, nil)
	cases := map[string]string{
		"E1":  "{1, 4, 9, 16}",
		"E2":  "[a |-> 7, b |-> <<2, 13>>]",
		"E3":  "<<2, 4, 6>>",
		"E4":  "5",
		"E5":  "TRUE",
		"E6":  "175",
		"E7":  "42",
		"E8":  "<<2, 4, 8>>",
		"E9":  `"b"`,
		"E10": "TRUE",
		"E11": "TRUE",
		"E12": "<<2, 3>>",
		"E13": "9",
		"E14": "TRUE",
		"E15": "{<<TRUE, FALSE>>, <<TRUE, TRUE>>}",
		"E16": "{<<1, 2, 3>>, <<1, 3, 2>>, <<2, 1, 3>>, <<2, 3, 1>>, <<3, 1, 2>>, <<3, 2, 1>>}",
		"E17": "<<1, 2, 3>>",
		"E18": "96",
		"E19": "42",
		"E20": `{"p", "q"}`,
		"E21": `"<<1, \"a\">>"`,
		"E22": "[a |-> 1]",
	}
	evalDefsAre(t, p, cases)
}

func TestErrorsCarryLocation(t *testing.T) {
	p := load(t, exprModule, nil)
	cases := map[string]string{
		"Bad1": "not in the domain of the function",
		"Bad2": "no element of S satisfied P",
		"Bad3": "Attempted to compute cardinality of the value\nNat",
		"Bad4": "Head to the empty sequence",
		"Bad5": "Overflow when computing 2^62",
	}
	for name, want := range cases {
		_, err := evalDef(t, p, name)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q does not mention %q", name, err, want)
		}
		if !strings.Contains(err.Error(), "of module M") {
			t.Errorf("%s: error %q has no location", name, err)
		}
	}
}

const actionModule = `---- MODULE M ----
EXTENDS Naturals
VARIABLES x, y
Init == x \in 1..2 /\ y = x + 10
A == x' = x + 1 /\ y' = y
B == \E d \in {1, 2} : y' = y + d /\ UNCHANGED x
C == x' = 5 /\ x' > 4 /\ y' \in {y, 0}
Half == x' = 0
Next == A \/ B \/ C
NextHalf == Half
====
`

func TestNextStateSemantics(t *testing.T) {
	p := load(t, actionModule, nil)
	init, err := p.CompileInit(p.Root.Def("Init").Body)
	if err != nil {
		t.Fatal(err)
	}
	var inits []string
	if _, err := init.Run(nil, func(s []value.Value, _ *Label, _ int) {
		inits = append(inits, value.String(value.NewTuple(s)))
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(inits, " ") != "<<1, 11>> <<2, 12>>" {
		t.Fatalf("initial states %v", inits)
	}
	nd := p.Root.Def("Next")
	next, err := p.CompileNext(&syntax.Ref{Span: nd.Span, Name: "Next", Kind: syntax.RefDef, Def: nd}, "Next", nd.Body.Range())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if _, err := next.Run([]value.Value{value.Int(1), value.Int(11)}, func(s []value.Value, l *Label, _ int) {
		got = append(got, l.Name+value.String(value.NewTuple(s)))
	}); err != nil {
		t.Fatal(err)
	}
	want := "A<<2, 11>> B<<1, 12>> B<<1, 13>> C<<5, 0>> C<<5, 11>>"
	if strings.Join(got, " ") != want {
		t.Fatalf("successors %v, want %s", got, want)
	}
	hd := p.Root.Def("NextHalf")
	half, err := p.CompileNext(&syntax.Ref{Span: hd.Span, Name: "NextHalf", Kind: syntax.RefDef, Def: hd}, "NextHalf", hd.Body.Range())
	if err != nil {
		t.Fatal(err)
	}
	_, err = half.Run([]value.Value{value.Int(1), value.Int(11)}, func([]value.Value, *Label, int) {})
	if err == nil || !strings.Contains(err.Error(), "The following variable is not assigned: y") {
		t.Fatalf("incomplete step not reported: %v", err)
	}
}

func TestInstanceSubstitution(t *testing.T) {
	inner := `---- MODULE Inner ----
EXTENDS Naturals
CONSTANT K
VARIABLE v
TwiceK == 2 * K
Double == 2 * K + v
Spec == v = 0 /\ [][v' = v + K]_v
====
`
	src := `---- MODULE M ----
EXTENDS Naturals
VARIABLE z
I == INSTANCE Inner WITH K <- 3, v <- z
P(k) == INSTANCE Inner WITH K <- k, v <- z + 1
D1 == I!Double
D2 == P(10)!Double
D3 == (P(1)!TwiceK + z) + (P(10)!TwiceK + z) - 2 * z
====
`
	p := load(t, src, map[string]string{"Inner": inner})
	for name, want := range map[string]string{"D1": "7", "D2": "22", "D3": "22"} {
		q, err := p.CompileDefPred(p.Root.Def(name))
		if err != nil {
			t.Fatal(err)
		}
		v, err := q.Value([]value.Value{value.Int(1)}, nil)
		if err != nil || value.String(v) != want {
			t.Errorf("%s = %v (%v), want %s", name, v, err, want)
		}
	}
}

func TestLivenessIsSplitOff(t *testing.T) {
	src := `---- MODULE M ----
EXTENDS Naturals
VARIABLE x
Live == x = 0 /\ <>(x = 1) /\ [](x < 5)
Odd == (x = 0) <=> <>(x = 1)
InLet == LET y == x + 1 IN [](y > 0)
Cond == IF x = 0 THEN <>(x = 1) ELSE []<>(x = 2)
====
`
	p := load(t, src, nil)
	d := p.Root.Def("Live")
	prop, err := p.CompileProperty(&syntax.Ref{Span: d.Span, Name: "Live", Kind: syntax.RefDef, Def: d})
	if err != nil {
		t.Fatal(err)
	}
	if len(prop.Init) != 1 || len(prop.Always) != 1 || !prop.HasLiveness() {
		t.Fatalf("Live split into %d init, %d always parts, liveness %v; want 1, 1, true", len(prop.Init), len(prop.Always), prop.HasLiveness())
	}
	set := NewTemporalSet()
	tf, err := p.CompileLiveness(prop, set)
	if err != nil || tf.Kind != TAnd || len(tf.Args) != 1 || tf.Args[0].Kind != TEventually || len(set.Atoms) != 1 {
		t.Fatalf("liveness part %+v (%v), atoms %d; want <>(x = 1) with one atom", tf, err, len(set.Atoms))
	}
	d = p.Root.Def("Odd")
	_, err = p.CompileTemporal(&syntax.Ref{Span: d.Span, Name: "Odd", Kind: syntax.RefDef, Def: d}, NewTemporalSet())
	if err == nil || !strings.Contains(err.Error(), "TLC cannot handle the temporal formula") {
		t.Fatalf("a temporal formula under <=> is not refused with TLC's message: %v", err)
	}
	// LET d IN []F is [](LET d IN F): the atom is evaluated in each state.
	d = p.Root.Def("InLet")
	set = NewTemporalSet()
	tf, err = p.CompileTemporal(&syntax.Ref{Span: d.Span, Name: "InLet", Kind: syntax.RefDef, Def: d}, set)
	if err != nil || tf.Kind != TAlways || tf.Args[0].Kind != TAtom {
		t.Fatalf("LET around []: %+v, %v", tf, err)
	}
	for _, c := range []struct {
		x    int64
		want bool
	}{{0, true}, {-1, false}} {
		ok, err := tf.Args[0].Atom.Holds([]value.Value{value.Int(c.x)}, nil)
		if err != nil || ok != c.want {
			t.Errorf("LET y == x + 1 IN y > 0 at x = %d: %v, %v", c.x, ok, err)
		}
	}
	d = p.Root.Def("Cond")
	tf, err = p.CompileTemporal(&syntax.Ref{Span: d.Span, Name: "Cond", Kind: syntax.RefDef, Def: d}, NewTemporalSet())
	if err != nil || tf.Kind != TOr || len(tf.Args) != 2 || tf.Args[0].Kind != TAnd || tf.Args[1].Args[0].Kind != TNot {
		t.Fatalf("IF over temporal formulas: %+v, %v", tf, err)
	}
}

// Regression: operator results must not be memoised while the initial
// predicate is still assigning the variables they read.
func TestNoMemoInInitialPredicate(t *testing.T) {
	src := `---- MODULE M ----
EXTENDS Naturals
VARIABLES x, y
Has(k) == \E e \in x : e = k
Init == x \in SUBSET {1, 2} /\ y = Has(1)
====
`
	p := load(t, src, nil)
	init, err := p.CompileInit(p.Root.Def("Init").Body)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	if _, err := init.Run(nil, func(s []value.Value, _ *Label, _ int) {
		got = append(got, value.String(value.NewTuple(s)))
	}); err != nil {
		t.Fatal(err)
	}
	want := "<<{}, FALSE>> <<{1}, TRUE>> <<{2}, FALSE>> <<{1, 2}, TRUE>>"
	if strings.Join(got, " ") != want {
		t.Fatalf("initial states %v, want %s", got, want)
	}
}

// TestSetEnumShortcuts checks the forms withSetEnum compiles without
// building the set literal (x \in {..}, \notin, S \cup {a}, S \ {a}) against
// their values as sets, including a left side that is not an enumerated set
// (an interval: the general operator) and elements that are sets or tuples.
func TestSetEnumShortcuts(t *testing.T) {
	p := load(t, `---- MODULE M ----
EXTENDS Naturals
In1 == 2 \in {3, 1, 2}
In2 == 4 \in {3, 1, 2}
In3 == {1, 2} \in {{2, 1}, {3}}
In4 == <<1, "a">> \in {<<1, "b">>, <<1, "a">>}
NotIn1 == 4 \notin {3, 1, 2}
NotIn2 == 1 \notin {3, 1, 2}
Cup1 == {1, 3} \cup {2}
Cup2 == (1..3) \cup {5}
Cup3 == {<<1, 2>>} \cup {<<1, 2>>}
Cup4 == {} \cup {7}
Minus1 == {1, 2, 3} \ {2}
Minus2 == (1..3) \ {2}
Minus3 == {1, 3} \ {2}
====`, nil)
	evalDefsAre(t, p, map[string]string{
		"In1": "TRUE", "In2": "FALSE", "In3": "TRUE", "In4": "TRUE",
		"NotIn1": "TRUE", "NotIn2": "FALSE",
		"Cup1": "{1, 2, 3}", "Cup2": "{1, 2, 3, 5}", "Cup3": "{<<1, 2>>}", "Cup4": "{7}",
		"Minus1": "{1, 3}", "Minus2": "{1, 3}", "Minus3": "{1, 3}",
	})
}
