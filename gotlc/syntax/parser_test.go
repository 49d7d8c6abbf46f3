package syntax

import (
	"strings"
	"testing"
)

// exprCases maps an expression to its expected S-expression (see Sexpr).
var exprCases = []struct{ src, want string }{
	// Literals and names.
	{`42`, `42`},
	{`\b1010`, `10`},
	{`\o17`, `15`},
	{`\h1F`, `31`},
	{`\H1f`, `31`},
	{`"a\"b\\c\n\t"`, `"a\"b\\c\n\t"`},
	{`TRUE`, `TRUE`},
	{`FALSE`, `FALSE`},
	{`BOOLEAN`, `BOOLEAN`},
	{`STRING`, `STRING`},
	{`x`, `x`},
	{`x_1`, `x_1`},
	{`F(a, b)`, `(F a b)`},
	{`F(G, LAMBDA x, y : x + y)`, `(F G (lambda (x y) (+ x y)))`},
	{`I!Op`, `I!Op`},
	{`I!Op(1, 2)`, `(I!Op 1 2)`},
	{`I(3)!J!K(4)`, `(I!J!K 4)`},
	{`99999999999999999999999`, `99999999999999999999999`},

	// Logic.
	{`~a`, `(~ a)`},
	{`\lnot a`, `(~ a)`},
	{`\neg a`, `(~ a)`},
	{`a /\ b`, `(/\ a b)`},
	{`a \land b \land c`, `(/\ a b c)`},
	{`a \/ b \lor c`, `(\/ a b c)`},
	{`a => b`, `(=> a b)`},
	{`a <=> b`, `(<=> a b)`},
	{`a \equiv b`, `(<=> a b)`},
	{`(a /\ b) /\ c`, `(/\ (/\ a b) c)`},
	{`\A x \in S : P(x)`, `(\A (((x) \in S)) (P x))`},
	{`\A x \in S, y \in T : x = y`, `(\A (((x) \in S) ((y) \in T)) (= x y))`},
	{`\E x, y \in S : x # y`, `(\E (((x y) \in S)) (# x y))`},
	{`\E <<a, b>> \in S : a = b`, `(\E ((<<a b>> \in S)) (= a b))`},
	{`\E x, y : x = y`, `(\E (((x y))) (= x y))`},
	{`\A x : TRUE`, `(\A (((x))) TRUE)`},
	{`\AA x : P`, `(\AA (x) P)`},
	{`\EE x, y : P`, `(\EE (x y) P)`},
	{`CHOOSE x \in S : x > 0`, `(choose ((x) \in S) (> x 0))`},
	{`CHOOSE x : P(x)`, `(choose ((x)) (P x))`},
	{`CHOOSE <<a, b>> \in S : a < b`, `(choose (<<a b>> \in S) (< a b))`},

	// Control.
	{`IF a THEN b ELSE c`, `(if a b c)`},
	{`IF a THEN b ELSE c + 1`, `(if a b (+ c 1))`},
	{`1 + IF a THEN b ELSE c`, `(+ 1 (if a b c))`},
	{`CASE a -> 1 [] b -> 2`, `(case (-> a 1) (-> b 2))`},
	{`CASE a -> 1 [] b -> 2 [] OTHER -> 3`, `(case (-> a 1) (-> b 2) (other 3))`},
	{`LET f(x) == x + 1 IN f(2)`, `(let ((def f (x) (+ x 1))) (f 2))`},
	{`LET a == 1 b == a IN b`, `(let ((def a () 1) (def b () a)) b)`},
	{`LET g[y \in S] == y IN g`, `(let ((fundef g (fn (((y) \in S)) y))) g)`},
	{`LET RECURSIVE F(_) F(n) == IF n = 0 THEN 0 ELSE F(n - 1) IN F(3)`,
		`(let ((def F (n) (if (= n 0) 0 (F (- n 1))))) (F 3))`},
	{`LET a ++ b == a \cup b IN S ++ T`, `(let ((def ++ (a b) (\cup a b))) (++ S T))`},
	{`lab :: x + 1`, `(:: lab (+ x 1))`},

	// Sets.
	{`{}`, `(set)`},
	{`{a, b, c}`, `(set a b c)`},
	{`{x \in S : x > 1}`, `(filter ((x) \in S) (> x 1))`},
	{`{<<a, b>> \in S \X T : a = b}`, `(filter (<<a b>> \in (\X S T)) (= a b))`},
	{`{x + 1 : x \in S}`, `(map (+ x 1) (((x) \in S)))`},
	{`{<<x, y>> : x \in S, y \in T}`, `(map (tuple x y) (((x) \in S) ((y) \in T)))`},
	{`{x \in S}`, `(set (\in x S))`},
	{`{x \in S, y}`, `(set (\in x S) y)`},
	{`S \cup T`, `(\cup S T)`},
	{`S \union T`, `(\cup S T)`},
	{`S \cap T`, `(\cap S T)`},
	{`S \intersect T`, `(\cap S T)`},
	{`S \ T`, `(\ S T)`},
	{`S \subseteq T`, `(\subseteq S T)`},
	{`x \in S`, `(\in x S)`},
	{`x \notin S`, `(\notin x S)`},
	{`SUBSET S`, `(SUBSET S)`},
	{`UNION S`, `(UNION S)`},
	{`S \X T`, `(\X S T)`},
	{`S \times T`, `(\X S T)`},
	{`a \X b \X c`, `(\X a b c)`},
	{`(a \X b) \X c`, `(\X (\X a b) c)`},
	{`a \X (b \X c)`, `(\X a (\X b c))`},
	{`1..N`, `(.. 1 N)`},

	// Arithmetic.
	{`a + b * c`, `(+ a (* b c))`},
	{`a * b + c`, `(+ (* a b) c)`},
	{`a - b - c`, `(- (- a b) c)`},
	{`a + b + c`, `(+ (+ a b) c)`},
	{`a + b - c`, `(+ a (- b c))`},
	{`a \div b`, `(\div a b)`},
	{`a % b`, `(% a b)`},
	{`a ^ b`, `(^ a b)`},
	{`-x`, `(-. x)`},
	{`-x^2`, `(-. (^ x 2))`},
	{`-a + b`, `(+ (-. a) b)`},
	{`-a * b`, `(-. (* a b))`},
	{`a - -b`, `(- a (-. b))`},
	{`a < b`, `(< a b)`},
	{`a > b`, `(> a b)`},
	{`a <= b`, `(<= a b)`},
	{`a =< b`, `(<= a b)`},
	{`a \leq b`, `(<= a b)`},
	{`a >= b`, `(>= a b)`},
	{`a \geq b`, `(>= a b)`},
	{`a = b`, `(= a b)`},
	{`a # b`, `(# a b)`},
	{`a /= b`, `(# a b)`},

	// Precedence across levels.
	{`a \in S /\ b`, `(/\ (\in a S) b)`},
	{`x' = y + 1`, `(= (' x) (+ y 1))`},
	{`~a /\ b`, `(/\ (~ a) b)`},
	{`~a = b`, `(~ (= a b))`},
	{`a /\ b => c \/ d`, `(=> (/\ a b) (\/ c d))`},
	{`a => b <=> c`, `(=> a (<=> b c))`},
	{`a = b /\ c # d`, `(/\ (= a b) (# c d))`},
	{`a \cup b \in S`, `(\in (\cup a b) S)`},
	{`SUBSET S \cup T`, `(\cup (SUBSET S) T)`},
	{`UNION S \cup T`, `(\cup (UNION S) T)`},
	{`DOMAIN f \cup S`, `(\cup (DOMAIN f) S)`},
	{`a :> 1 @@ b :> 2`, `(@@ (:> a 1) (:> b 2))`},
	{`a \X b \cup c`, `(\cup (\X a b) c)`},
	{`s \o t \o u`, `(\o (\o s t) u)`},
	{`s \circ t`, `(\o s t)`},
	{`1 .. n + 1`, `(.. 1 (+ n 1))`},
	{`ENABLED A /\ B`, `(/\ (ENABLED A) B)`},
	{`[]P => <>Q`, `(=> ([] P) (<> Q))`},
	{`[]<>P`, `([] (<> P))`},
	{`P ~> Q`, `(~> P Q)`},
	{`P -+-> Q`, `(-+-> P Q)`},
	{`A \cdot B`, `(\cdot A B)`},
	{`a (+) b`, `((+) a b)`},
	{`a \oplus b`, `((+) a b)`},
	{`a ++ b`, `(++ a b)`},
	{`a \prec b`, `(\prec a b)`},
	{`x^+`, `(^+ x)`},

	// Functions, records, tuples.
	{`[x \in S |-> x + 1]`, `(fn (((x) \in S)) (+ x 1))`},
	{`[x, y \in S |-> x + y]`, `(fn (((x y) \in S)) (+ x y))`},
	{`[x \in S, y \in T |-> <<x, y>>]`, `(fn (((x) \in S) ((y) \in T)) (tuple x y))`},
	{`[<<a, b>> \in S |-> a]`, `(fn ((<<a b>> \in S)) a)`},
	{`f[x]`, `(app f x)`},
	{`f[x, y]`, `(app f x y)`},
	{`f[x][y]`, `(app (app f x) y)`},
	{`DOMAIN f`, `(DOMAIN f)`},
	{`[S -> T]`, `(-> S T)`},
	{`[S -> [T -> U]]`, `(-> S (-> T U))`},
	{`[f EXCEPT ![a] = e]`, `(except f (![a] e))`},
	{`[f EXCEPT ![a] = e, !.b = e, ![a].b[c] = @ + 1]`, `(except f (![a] e) (!.b e) (![a].b[c] (+ @ 1)))`},
	{`[f EXCEPT ![a, b] = 0]`, `(except f (![a b] 0))`},
	{`[a |-> 1, b |-> 2]`, `(record (a 1) (b 2))`},
	{`[a : S, b : T]`, `(recordset (a S) (b T))`},
	{`r.a`, `(. r a)`},
	{`r.a.b`, `(. (. r a) b)`},
	{`f[x].a[y]`, `(app (. (app f x) a) y)`},
	{`<<>>`, `(tuple)`},
	{`<<a, b, c>>`, `(tuple a b c)`},
	{`<<a>> \o <<b>>`, `(\o (tuple a) (tuple b))`},
	{`Len(s) + Head(s)`, `(+ (Len s) (Head s))`},

	// Actions and temporal.
	{`x'`, `(' x)`},
	{`(x + y)'`, `(' (+ x y))`},
	{`f[x]'`, `(' (app f x))`},
	{`f'[x]`, `(app (' f) x)`},
	{`r'.a`, `(. (' r) a)`},
	{`UNCHANGED <<x, y>>`, `(UNCHANGED (tuple x y))`},
	{`UNCHANGED x`, `(UNCHANGED x)`},
	{`[Next]_vars`, `([]_ Next vars)`},
	{`[Next]_<<x, y>>`, `([]_ Next (tuple x y))`},
	{`<<Next>>_vars`, `(<>_ Next vars)`},
	{`[][Next]_vars`, `([] ([]_ Next vars))`},
	{`Init /\ [][Next]_vars /\ WF_vars(Next)`, `(/\ Init ([] ([]_ Next vars)) (WF vars Next))`},
	{`SF_<<x, y>>(A)`, `(SF (tuple x y) A)`},
	{`WF_x(A \/ B)`, `(WF x (\/ A B))`},
	{`<>[]P`, `(<> ([] P))`},
	{`ENABLED Next`, `(ENABLED Next)`},
	{`[][x' > x]_x`, `([] ([]_ (> (' x) x) x))`},
	{`[A]_I!v`, `([]_ A I!v)`},

	// Unicode.
	{`a ∧ b ∨ c`, ``}, // conflict, checked in precedenceErrors
	{`a ∧ ¬b`, `(/\ a (~ b))`},
	{`∀ x ∈ S : x ∉ T`, `(\A (((x) \in S)) (\notin x T))`},
	{`∃ x ∈ S : x ≠ 1 ∧ x ≤ 2 ∧ x ≥ 0`, `(\E (((x) \in S)) (/\ (# x 1) (<= x 2) (>= x 0)))`},
	{`S ⊆ T ∪ U ∩ V`, ``},
	{`S ⊆ (T ∪ U)`, `(\subseteq S (\cup T U))`},
	{`S × T`, `(\X S T)`},
	{`[x ∈ S ↦ x]`, `(fn (((x) \in S)) x)`},
	{`[S → T]`, `(-> S T)`},
	{`⟨a, b⟩`, `(tuple a b)`},
	{`□P ⇒ ◇Q`, `(=> ([] P) (<> Q))`},
	{`P ≡ Q`, `(<=> P Q)`},
	{`s ∘ t`, `(\o s t)`},
	{`P ↝ Q`, `(~> P Q)`},
}

func TestParseExpr(t *testing.T) {
	for _, c := range exprCases {
		if c.want == "" {
			continue
		}
		e, err := ParseExpr("t.tla", c.src)
		if err != nil {
			t.Errorf("%s: unexpected error: %v", c.src, err)
			continue
		}
		if got := Sexpr(e); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.src, got, c.want)
		}
	}
}

// Precedence conflicts that SANY rejects (checked against SANY 2.1 of
// tla2tools 2.18: each reports "Precedence conflict between ops").
var precedenceErrors = []string{
	`a => b => c`,
	`a = b = c`,
	`a \in S \in T`,
	`a /\ b \/ c`,
	`a \/ b /\ c`,
	`a * b / c`,
	`a % b % c`,
	`a .. b .. c`,
	`a \cup b \cap c`,
	`a \cup b \ c`,
	`a \ b \ c`,
	`a * b \o c`,
	`a <=> b <=> c`,
	`a ~> b ~> c`,
	`[]x = 1`,
	`<>x = 1 /\ b`,
	`ENABLED x = 1`,
	`UNCHANGED x = 1`,
	`SUBSET S \X T`,
	`SUBSET S + T`,
	`DOMAIN f + 1`,
	`UNION S \o T`,
	`-a \X b`,
	`a ∧ b ∨ c`,
	`S ⊆ T ∪ U ∩ V`,
}

func TestPrecedenceConflicts(t *testing.T) {
	for _, src := range precedenceErrors {
		_, err := ParseExpr("t.tla", src)
		if err == nil {
			t.Errorf("%s: parsed, want a precedence conflict", src)
			continue
		}
		if !strings.Contains(err.Error(), "precedence conflict") {
			t.Errorf("%s: got %v, want a precedence conflict", src, err)
		}
	}
}

// Layout rule: bulleted /\ and \/ lists, aligned by column.
var layoutCases = []struct{ src, want string }{
	{"/\\ a\n/\\ b", `(/\| a b)`},
	{"/\\ a", `(/\| a)`},
	{"  /\\ a\n  /\\ b\n  /\\ c", `(/\| a b c)`},
	{"\\/ a\n\\/ b", `(\/| a b)`},
	// A nested list ends at the outer bullet.
	{"/\\ \\/ a\n   \\/ b\n/\\ c", `(/\| (\/| a b) c)`},
	{"\\/ /\\ a\n   /\\ b\n\\/ /\\ c\n   /\\ d", `(\/| (/\| a b) (/\| c d))`},
	// An infix /\ inside an item, further right, stays in the item.
	{"/\\ a /\\ b\n/\\ c", `(/\| (/\ a b) c)`},
	// Continuation lines right of the bullet belong to the item.
	{"/\\ x = 1 +\n      2\n/\\ y", `(/\| (= x (+ 1 2)) y)`},
	// A token left of the bullet ends the list; here it is an infix operator.
	{"  /\\ a\n  /\\ b\n=> c", `(=> (/\| a b) c)`},
	// \/ at the same column as /\ does not continue a /\ list: it ends
	// the list and applies to it (SANY accepts this too).
	{"/\\ a\n\\/ b", `(\/ (/\| a) b)`},
	// Parentheses do not suspend the layout rule (SANY rejects these).
	{"/\\ a = (1\n+ 2)", ``},
	{"/\\ a = [x \\in S |->\nx]", ``},
	// IF inside an item.
	{"/\\ IF a\n     THEN b\n     ELSE c\n/\\ d", `(/\| (if a b c) d)`},
	// Quantifier body ends at the next bullet.
	{"/\\ \\E x \\in S : x = 1\n/\\ y", `(/\| (\E (((x) \in S)) (= x 1)) y)`},
	// A list inside parentheses.
	{"(/\\ a\n /\\ b) \\/ c", `(\/ (/\| a b) c)`},
	// Lists as operands of infix operators.
	{"x = /\\ a\n    /\\ b", `(= x (/\| a b))`},
	// CASE inside a list.
	{"/\\ CASE a -> 1\n     [] b -> 2\n/\\ c", `(/\| (case (-> a 1) (-> b 2)) c)`},
	// Tabs count to the next multiple of 8, as in SANY: these bullets align.
	{"\t/\\ a\n        /\\ b", `(/\| a b)`},
	// LET inside a list.
	{"/\\ LET y == 1\n   IN y = 1\n/\\ z", `(/\| (let ((def y () 1)) (= y 1)) z)`},
	// A bulleted list whose second bullet is further right is nested in the first item.
	{"/\\ a\n   /\\ b", `(/\| (/\| ...))`},
}

func TestLayoutRule(t *testing.T) {
	for _, c := range layoutCases {
		e, err := ParseExpr("t.tla", c.src)
		if c.want == "" {
			if err == nil {
				t.Errorf("%q: parsed as %s, want an error", c.src, Sexpr(e))
			}
			continue
		}
		if c.want == `(/\| (/\| ...))` {
			// `/\ a` then `/\ b` further right: b is an infix conjunct of a.
			if err != nil {
				t.Errorf("%q: %v", c.src, err)
				continue
			}
			if got := Sexpr(e); got != `(/\| (/\ a b))` {
				t.Errorf("%q: got %s", c.src, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: unexpected error: %v", c.src, err)
			continue
		}
		if got := Sexpr(e); got != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.src, got, c.want)
		}
	}
}

// Module-level units.
func TestParseModuleUnits(t *testing.T) {
	src := `Some text before the module is ignored.
--------------------------- MODULE Units ---------------------------
EXTENDS Naturals, Sequences
CONSTANT N, F(_, _)
CONSTANTS A, B
VARIABLE x
VARIABLES y, z
ASSUME N > 0
ASSUME Pos == N >= 0
-----------------------------------------------------------------------
Op == 1
Op2(a, b) == a + b
HO(G(_), v) == G(v)
a (+) b == a + b
a ++ b == a \cup b
-. a == 0 - a
a ^+ == a
f[i \in 1..N] == IF i = 1 THEN 1 ELSE i * f[i - 1]
g[i, j \in 1..N] == i + j
LOCAL Hidden == 2
RECURSIVE Fact(_)
Fact(n) == IF n = 0 THEN 1 ELSE n * Fact(n - 1)
I == INSTANCE Other WITH p <- x, q <- 1
J(v) == INSTANCE Other WITH p <- v
INSTANCE Other
LOCAL INSTANCE TLC
THEOREM Thm == Op = 1
PROOF OBVIOUS
LEMMA Op2(1, 2) = 3
<1>1. Op = 1
  BY DEF Op
<1>2. QED
  BY <1>1
THEOREM ASSUME NEW v \in Nat
        PROVE v + 0 = v
  OBVIOUS
USE DEF Op
Last == 3
(* comment (* nested *) still comment *)
\* line comment
==================================================================
Text after the module is ignored too: ) ] } "
`
	m, err := ParseModule("Units.tla", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `(module Units (extends Naturals Sequences)
  (constant N)
  (constant F/2)
  (constant A)
  (constant B)
  (variable x)
  (variable y)
  (variable z)
  (assume (> N 0))
  (assume Pos (>= N 0))
  (def Op () 1)
  (def Op2 (a b) (+ a b))
  (def HO (G/1 v) (G v))
  (def (+) (a b) (+ a b))
  (def ++ (a b) (\cup a b))
  (def -. (a) (- 0 a))
  (def ^+ (a) a)
  (fundef f (fn (((i) \in (.. 1 N))) (if (= i 1) 1 (* i (app f (- i 1))))))
  (fundef g (fn (((i j) \in (.. 1 N))) (+ i j)))
  (def LOCAL Hidden () 2)
  (recursive Fact)
  (def Fact (n) (if (= n 0) 1 (* n (Fact (- n 1)))))
  (instance I Other (p <- x) (q <- 1))
  (instance J (v) Other (p <- v))
  (instance Other)
  (instance LOCAL TLC)
  (theorem Thm (= Op 1))
  (theorem (= (Op2 1 2) 3))
  (theorem ASSUME-PROVE)
  (def Last () 3))`
	if got := Sexpr(m); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if len(m.Defs) != 12 || len(m.Instances) != 4 || len(m.Theorems) != 3 || len(m.Assumes) != 2 {
		t.Errorf("counts: defs %d instances %d theorems %d assumes %d",
			len(m.Defs), len(m.Instances), len(m.Theorems), len(m.Assumes))
	}
	if d := m.Defs[0]; d.Line != 11 || d.Col != 1 || d.EndLine != 11 || d.EndCol != 7 {
		t.Errorf("span of Op: %+v", d.Span)
	}
}

// Spans are 1-based, columns in code points, ends inclusive.
func TestSpans(t *testing.T) {
	e, err := ParseExpr("s.tla", "x' = ⟨a, bb⟩")
	if err != nil {
		t.Fatal(err)
	}
	app := e.(*OpApp)
	if s := app.Range(); s.Line != 2 || s.Col != 1 || s.EndLine != 2 || s.EndCol != 12 {
		t.Errorf("span of whole: %+v", s)
	}
	tup := app.Args[1].(*Tuple)
	if s := tup.Range(); s.Col != 6 || s.EndCol != 12 {
		t.Errorf("span of tuple: %+v", s)
	}
	if s := tup.Elems[1].Range(); s.Col != 10 || s.EndCol != 11 {
		t.Errorf("span of bb: %+v", s)
	}
	if got := app.Range().TLCString("M"); got != "line 2, col 1 to line 2, col 12 of module M" {
		t.Errorf("TLCString: %s", got)
	}
}

func TestNumberLiterals(t *testing.T) {
	e, err := ParseExpr("n.tla", "123456789012")
	if err != nil {
		t.Fatal(err)
	}
	if n := e.(*NumLit); n.Value != 123456789012 || n.Big || n.Text != "123456789012" {
		t.Errorf("%+v", n)
	}
	e, err = ParseExpr("n.tla", "123456789012345678901234567890")
	if err != nil {
		t.Fatal(err)
	}
	if n := e.(*NumLit); !n.Big {
		t.Errorf("want Big: %+v", n)
	}
}

// The parser does work linear in the input on nested constructs that need
// a second look (a `{x \in ...` that turns out not to be a filter), instead
// of doubling it at every level. Measured in parse steps, not time.
func TestNestedBracesLinear(t *testing.T) {
	work := func(n int) int {
		src := "---- MODULE N ----\nA == " + strings.Repeat(`{x \in `, n) + "S" + strings.Repeat("}", n) + "\n===="
		s := newSource("N.tla", src)
		toks, lerr := lex(s)
		if lerr != nil {
			t.Fatal(lerr)
		}
		p := &parser{src: s, file: "N.tla", toks: toks}
		p.parseModule()
		return p.work
	}
	w8, w16 := work(8), work(16)
	if w16 > 4*w8 {
		t.Errorf("parse steps: %d for depth 8, %d for depth 16: not linear", w8, w16)
	}
	work(300) // would never finish if exponential
	// The tree is the expected one.
	e, err := ParseExpr("n.tla", `{x \in {y \in S}}`)
	if err != nil {
		t.Fatal(err)
	}
	if got := Sexpr(e); got != `(set (\in x (set (\in y S))))` {
		t.Errorf("got %s", got)
	}
}

// Very deep trees are refused with an error (not a fatal stack overflow in
// the resolver or the evaluator); deep but reasonable ones load.
func TestDeepTrees(t *testing.T) {
	for _, c := range []struct {
		body string
		ok   bool
	}{
		{"x" + strings.Repeat("'", 10000), false},
		{strings.Repeat("1 + ", 10000) + "1", false},
		{"f" + strings.Repeat("[1]", 10000), false},
		{"f" + strings.Repeat(".a", 10000), false},
		{strings.Repeat("1 + ", 1000) + "1", true},
		{"{" + strings.Repeat("1, ", 20000) + "1}", true},
		{strings.Repeat("/\\ TRUE ", 20000), true},
	} {
		src := "---- MODULE D ----\nEXTENDS Naturals\nVARIABLE x\nf == [a |-> 1]\nA == " + c.body + "\n===="
		p, err := LoadSource("D.tla", []byte(src), nil)
		if c.ok != (err == nil) {
			t.Errorf("%.20s... (%d bytes): ok=%v, err=%v", c.body, len(c.body), c.ok, err)
			continue
		}
		if err == nil {
			_ = SexprResolved(p.Root)
		} else if !strings.Contains(err.Error(), "nested too deeply") {
			t.Errorf("%.20s...: %v", c.body, err)
		}
	}
}
