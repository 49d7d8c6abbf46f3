package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// modules is a tiny in-memory directory for LoadSource.
func modules(files map[string]string) func(string) (string, []byte, error) {
	return func(name string) (string, []byte, error) {
		if src, ok := files[name]; ok {
			return name + ".tla", []byte(src), nil
		}
		return "", nil, fmt.Errorf("no module %s", name)
	}
}

func mustLoad(t *testing.T, root string, files map[string]string) *Program {
	t.Helper()
	p, err := LoadSource("Root.tla", []byte(root), modules(files))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return p
}

func defBody(t *testing.T, p *Program, name string) string {
	t.Helper()
	d := p.Root.Def(name)
	if d == nil {
		t.Fatalf("no definition %s", name)
	}
	return SexprResolved(d.Body)
}

func TestResolveKinds(t *testing.T) {
	p := mustLoad(t, `---- MODULE Root ----
EXTENDS Naturals, Sequences
CONSTANT N, F(_)
VARIABLE x
Op(a, G(_)) == a + G(a) + N + F(1)
Use == Op(x, F) + Op(1, LAMBDA z : z * 2)
Q == \A i \in 1..N : \E j \in 1..i : x' = j
Fn[i \in Nat] == IF i = 0 THEN 0 ELSE Fn[i - 1]
L == LET y == x
         G2(k) == k + y
     IN G2(y)
S == {e \in Seq(BOOLEAN) : Len(e) > 0}
M == {<<a, b>> : a \in 1..2, b \in {a}}
Ch == CHOOSE <<a, b>> \in Nat \X Nat : a = b
====`, nil)
	cases := map[string]string{
		"Op":  `(+:builtin (+:builtin (+:builtin a:param (G:param a:param)) N:const) (F:const 1))`,
		"Use": `(+:builtin (Op:def x:var F:const) (Op:def 1 (lambda (z) (*:builtin z:param 2))))`,
		"Q":   `(\A (((i) \in (..:builtin 1 N:const))) (\E (((j) \in (..:builtin 1 i:bound))) (=:builtin (':builtin x:var) j:bound)))`,
		"Fn":  `(fn (((i) \in Nat:builtin)) (if (=:builtin i:bound 0) 0 (app Fn:def (-:builtin i:bound 1))))`,
		"L":   `(let ((def y () x:var) (def G2 (k) (+:builtin k:param y:def))) (G2:def y:def))`,
		"S":   `(filter ((e) \in (Seq:builtin BOOLEAN:builtin)) (>:builtin (Len:builtin e:bound) 0))`,
		"M":   `(map (tuple a:bound b:bound) (((a) \in (..:builtin 1 2)) ((b) \in (set a:bound))))`,
		"Ch":  `(choose (<<a b>> \in (\X:builtin Nat:builtin Nat:builtin)) (=:builtin a:bound b:bound))`,
	}
	for name, want := range cases {
		if got := defBody(t, p, name); got != want {
			t.Errorf("%s\n got: %s\nwant: %s", name, got, want)
		}
	}
	// Pointers, not just kinds: the bound j in Q's body is the binder's variable.
	q := p.Root.Def("Q").Body.(*Quant)
	inner := q.Body.(*Quant)
	eq := inner.Body.(*OpApp)
	if eq.Args[1].(*Ref).Bound != inner.Binders[0].Vars[0] {
		t.Errorf("j does not point to its binder")
	}
	if eq.Op.Builtin != BEq || eq.Args[0].(*OpApp).Op.Builtin != BPrime {
		t.Errorf("builtins: %v %v", eq.Op.Builtin, eq.Args[0].(*OpApp).Op.Builtin)
	}
	if fn := p.Root.Def("Fn"); !fn.IsFunc {
		t.Errorf("Fn is not a function definition")
	}
	if len(p.Vars) != 1 || p.Vars[0].Index != 0 || len(p.Constants) != 2 {
		t.Errorf("vars %v constants %v", p.Vars, p.Constants)
	}
}

func TestResolveInstances(t *testing.T) {
	files := map[string]string{
		"Inner": `---- MODULE Inner ----
EXTENDS Naturals
CONSTANT c
VARIABLE v
Step == v' = v + c
Twice(n) == 2 * n
LOCAL Hidden == 0
====`,
		"Middle": `---- MODULE Middle ----
CONSTANT k
VARIABLE w
In == INSTANCE Inner WITH c <- k, v <- w
====`,
	}
	p := mustLoad(t, `---- MODULE Root ----
EXTENDS Naturals
VARIABLES a, v
c == 7
I == INSTANCE Inner WITH v <- a
P(z) == INSTANCE Inner WITH c <- z, v <- a
M == INSTANCE Middle WITH k <- 1, w <- a
INSTANCE Inner
A1 == I!Step
A2 == P(3)!Twice(4)
A3 == M!In!Twice(1)
A4 == Step /\ Twice(2) = 4
====`, files)
	cases := map[string]string{
		"A1": `I!Step:def@I`,
		"A2": `(P!Twice:def@P 4)`,
		"A3": `(M!In!Twice:def@M!In 1)`,
		"A4": `(/\ Step:def@INSTANCE Inner (=:builtin (Twice:def@INSTANCE Inner 2) 4))`,
	}
	for name, want := range cases {
		if got := defBody(t, p, name); got != want {
			t.Errorf("%s\n got: %s\nwant: %s", name, got, want)
		}
	}
	a2 := p.Root.Def("A2").Body.(*OpApp)
	if len(a2.Op.Via) != 1 || len(a2.Op.Via[0].Args) != 1 || Sexpr(a2.Op.Via[0].Args[0]) != "3" {
		t.Errorf("A2 via: %+v", a2.Op.Via)
	}
	// Substitutions are complete: I gets the implicit c <- c (Root's c == 7).
	var inst *InstanceDef
	for _, in := range p.Root.Instances {
		if in.Name == "I" {
			inst = in
		}
	}
	if inst == nil || len(inst.Subst) != 2 {
		t.Fatalf("I substitutions: %+v", inst)
	}
	for _, s := range inst.Subst {
		switch s.Name {
		case "v":
			if s.Implicit || s.Var == nil || SexprResolved(s.Expr) != "a:var" {
				t.Errorf("v <- %s", SexprResolved(s.Expr))
			}
		case "c":
			if !s.Implicit || s.Const == nil || SexprResolved(s.Expr) != "c:def" {
				t.Errorf("c <- %s (implicit %v)", SexprResolved(s.Expr), s.Implicit)
			}
		}
	}
	// Variables of instantiated modules are not state variables.
	if len(p.Vars) != 2 || p.Modules["Inner"].Variables[0].Index != -1 {
		t.Errorf("vars: %v; Inner!v index %d", p.Vars, p.Modules["Inner"].Variables[0].Index)
	}
	if len(p.Order) != 3 || p.Order[2] != p.Root {
		t.Errorf("order: %v", p.Order)
	}
	// LOCAL definitions are not visible through instances.
	_, err := LoadSource("Root.tla", []byte(`---- MODULE Root ----
VARIABLE v
CONSTANT c
I == INSTANCE Inner
A == I!Hidden
====`), modules(files))
	if err == nil || err.Error() != "Root.tla:5:6: Hidden is not defined in module Inner\n    A == I!Hidden\n         ^" {
		t.Errorf("got %v", err)
	}
	// Missing implicit substitution.
	_, err = LoadSource("Root.tla", []byte(`---- MODULE Root ----
VARIABLE v
I == INSTANCE Inner
====`), modules(files))
	if err == nil || err.Error() != "Root.tla:3:1: INSTANCE Inner: no substitution for c, and c is not defined here\n    I == INSTANCE Inner\n    ^" {
		t.Errorf("got %v", err)
	}
}

func TestResolveExtends(t *testing.T) {
	files := map[string]string{
		"Base": `---- MODULE Base ----
EXTENDS Integers
CONSTANT Procs
VARIABLE pc
Neg(x) == -x
LOCAL Priv == 1
====`,
		"Mid": `---- MODULE Mid ----
EXTENDS Base
VARIABLE y
Both == <<pc, y>>
====`,
	}
	p := mustLoad(t, `---- MODULE Root ----
EXTENDS Mid, TLC
VARIABLE z
A == Neg(1) + 1
====`, files)
	_ = p
	// Len is not visible: Sequences is LOCAL to TLC, as in SANY.
	_, err := LoadSource("Root.tla", []byte(`---- MODULE Root ----
EXTENDS Mid, TLC
A == Len(<<>>)
====`), modules(files))
	if err == nil || err.Error() != "Root.tla:3:6: Len is defined in standard module Sequences, which module Root does not EXTEND\n    A == Len(<<>>)\n         ^" {
		t.Errorf("got %v", err)
	}
}

func TestResolveExtendsVarsOrder(t *testing.T) {
	files := map[string]string{
		"Base": "---- MODULE Base ----\nEXTENDS Integers\nVARIABLE pc\nLOCAL Priv == 1\n====",
		"Mid":  "---- MODULE Mid ----\nEXTENDS Base\nVARIABLE y\nBoth == <<pc, y>>\nP2 == Priv\n====",
	}
	_, err := LoadSource("Mid.tla", []byte(files["Mid"]), modules(files))
	if err == nil || err.Error() != "Mid.tla:5:7: unknown identifier Priv\n    P2 == Priv\n          ^" {
		t.Errorf("LOCAL leak: %v", err)
	}
	files["Mid"] = "---- MODULE Mid ----\nEXTENDS Base\nVARIABLE y\nBoth == <<pc, y>>\n===="
	p := mustLoad(t, "---- MODULE Root ----\nEXTENDS Mid, TLC\nVARIABLE z\nA == -1 + Both[1]\n====", files)
	var names []string
	for i, v := range p.Vars {
		if v.Index != i {
			t.Errorf("%s index %d, want %d", v.Name, v.Index, i)
		}
		names = append(names, v.Name)
	}
	if fmt.Sprint(names) != "[pc y z]" {
		t.Errorf("vars %v, want extended modules first", names)
	}
	if !p.Root.Standard["Integers"] || !p.Root.Standard["Naturals"] || !p.Root.Standard["TLC"] || p.Root.Standard["Sequences"] {
		t.Errorf("standard modules visible: %v", p.Root.Standard)
	}
	if e := p.Root.Lookup("Both"); e == nil || e.Kind != RefDef || e.Def.Module.Name != "Mid" {
		t.Errorf("Lookup(Both) = %+v", e)
	}
}

func TestResolveRecursive(t *testing.T) {
	p := mustLoad(t, `---- MODULE Root ----
EXTENDS Naturals
RECURSIVE Even(_), Odd(_)
Even(n) == IF n = 0 THEN TRUE ELSE Odd(n - 1)
Odd(n) == IF n = 0 THEN FALSE ELSE Even(n - 1)
A == Even(4)
====`, nil)
	if d := p.Root.Def("Even"); !d.Recursive || !p.Root.Def("Odd").Recursive {
		t.Errorf("not marked recursive")
	}
	if got := defBody(t, p, "Even"); got != `(if (=:builtin n:param 0) TRUE (Odd:def (-:builtin n:param 1)))` {
		t.Errorf("Even: %s", got)
	}
}

func TestCircularExtends(t *testing.T) {
	files := map[string]string{
		"A": "---- MODULE A ----\nEXTENDS B\n====",
		"B": "---- MODULE B ----\nEXTENDS A\n====",
	}
	_, err := LoadSource("Root.tla", []byte("---- MODULE Root ----\nEXTENDS A\n===="), modules(files))
	if err == nil || err.Error() != "circular EXTENDS/INSTANCE: Root -> A -> B -> A" {
		t.Errorf("got %v", err)
	}
}

func TestModuleNameMismatch(t *testing.T) {
	_, err := LoadSource("Wrong.tla", []byte("---- MODULE Right ----\n===="), nil)
	if err == nil || err.Error() != "Wrong.tla:1:1: module Right is in file Wrong.tla; TLA+ requires the file to be named Right.tla" {
		t.Errorf("got %v", err)
	}
}

func TestLookupBuiltin(t *testing.T) {
	for name, want := range map[string]Builtin{"+": BPlus, "-.": BNeg, `\in`: BIn, "Len": BLen, ":>": BColonGt, "'": BPrime, "nope": BNone} {
		if got := LookupBuiltin(name); got != want {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	for b := Builtin(1); b < numBuiltins; b++ {
		if b.String() == "" || LookupBuiltin(b.String()) != b {
			t.Errorf("builtin %d has no unique name (%q)", b, b.String())
		}
	}
}

// TestInstanceOperatorSubstitution: an operator constant of an instantiated
// module takes an operator (WITH Op <- Op, WITH Op <- Other), and the
// arities must agree.
func TestInstanceOperatorSubstitution(t *testing.T) {
	files := map[string]string{"M": "---- MODULE M ----\nCONSTANT Op(_, _), C\nX == Op(C, C)\n===="}
	mustLoad(t, "---- MODULE Root ----\nCONSTANT Op(_, _)\nF(a, b) == a\nI == INSTANCE M WITH Op <- Op, C <- 1\nJ == INSTANCE M WITH Op <- F, C <- 2\n====", files)
	for _, bad := range []string{"WITH Op <- 3, C <- 1", "WITH Op <- G, C <- 1", "WITH Op <- F, C <- G"} {
		src := "---- MODULE Root ----\nF(a, b) == a\nG(a) == a\nI == INSTANCE M " + bad + "\n===="
		if _, err := LoadSource("Root.tla", []byte(src), modules(files)); err == nil || !strings.Contains(err.Error(), "argument(s), but") {
			t.Errorf("%s: got %v, want an arity error", bad, err)
		}
	}
}
