package syntax

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// mod wraps body lines in a module named E; body starts on line 2.
func mod(body string) []byte {
	return []byte("---- MODULE E ----\n" + body + "\n====\n")
}

// Parse errors: exact file:line:col, message, source line and caret.
var parseErrCases = []struct{ body, want string }{
	{"Next == x' = IF x < 3 THEN x + 1\n\nSpec == Init",
		"E.tla:4:1: expected ELSE, found identifier `Spec`\n    Spec == Init\n    ^"},
	{"A == a => b => c",
		"E.tla:2:13: precedence conflict between `=>` and `=>`: add parentheses\n    A == a => b => c\n                ^"},
	{"A == (1 + 2",
		"E.tla:3:1: expected `)`, found `====` (end of module)\n    ====\n    ^"},
	{"A == {1, 2",
		"E.tla:3:1: expected `}`, found `====` (end of module)\n    ====\n    ^"},
	{"A ==",
		"E.tla:3:1: expected an expression, found `====` (end of module)\n    ====\n    ^"},
	{"A = 1",
		"E.tla:2:3: expected `==` in definition of A, found `=`\n    A = 1\n      ^"},
	{"A == \"abc",
		"E.tla:2:6: unterminated string\n    A == \"abc\n         ^"},
	{"A == \"a\\qb\"",
		"E.tla:2:8: unknown escape sequence \\q in string\n    A == \"a\\qb\"\n           ^"},
	{"A == 1 (* unclosed",
		"E.tla:2:8: unterminated comment `(*`\n    A == 1 (* unclosed\n           ^"},
	{"A == x \\foo y",
		"E.tla:2:8: unknown operator \\foo\n    A == x \\foo y\n           ^"},
	{"A == 1.5",
		"E.tla:2:6: unsupported construct: decimal number 1.5 (Reals)\n    A == 1.5\n         ^"},
	{"A == [x \\in S]_x", // SANY reads `[x \in S` as a function constructor too
		"E.tla:2:14: expected `|->`, found `]`\n    A == [x \\in S]_x\n                 ^"},
	{"A == [x \\in S : 1]",
		"E.tla:2:15: expected `|->`, found `:`\n    A == [x \\in S : 1]\n                  ^"},
	{"A == [a]",
		"E.tla:3:1: expected `_` after `[A]` (an action `[A]_v`), found `====` (end of module); `[e]` alone is not an expression\n    ====\n    ^"},
	{"A == CASE OTHER -> 1",
		"E.tla:2:6: CASE needs at least one arm besides OTHER\n    A == CASE OTHER -> 1\n         ^"},
	{"A == LET IN 1",
		"E.tla:2:10: LET needs at least one definition\n    A == LET IN 1\n             ^"},
	// Columns use tab stops of 8, as SANY's do.
	{"\tA == 1 +\t+",
		"E.tla:2:25: expected an expression, found `+`\n    \tA == 1 +\t+\n    \t        \t^"},
	{"A ==\t1 +",
		"E.tla:3:1: expected an expression, found `====` (end of module)\n    ====\n    ^"},
	{"A == ∧ b ¤",
		"E.tla:2:10: unexpected character '¤'\n    A == ∧ b ¤\n             ^"},
	{"A == /\\ a\n     /\\ b = (1\n+ 2)",
		"E.tla:4:1: expected `)`, found the end of a /\\ or \\/ list item (a token at or left of the bullet's column)\n    + 2)\n    ^"},
	{"EXTENDS Naturals\nEXTENDS TLC",
		"E.tla:3:1: EXTENDS must be the first thing in a module\n    EXTENDS TLC\n    ^"},
	{"F(_ \\prec _) == 1", ""}, // an operator-symbol parameter
	{"F(_ + ) == 1",
		"E.tla:2:3: expected a parameter name, found `_`\n    F(_ + ) == 1\n      ^"},
	{"A == lab(x) :: TRUE",
		"E.tla:2:13: unsupported construct: labels with parameters (`lab(...) :: e`)\n    A == lab(x) :: TRUE\n                ^"},
	{"A == LET I == INSTANCE Naturals IN 1",
		""},
	{"A == 1a", ""}, // an identifier (TLA+ allows a leading digit)
	{"VARIABLE y\nNext == /\\ y' = 1\n        /\\ UNCHANGD y\nInv == TRUE",
		"E.tla:4:21: unexpected identifier `y` after identifier `UNCHANGD` (is `UNCHANGD` a misspelled keyword or operator?)\n            /\\ UNCHANGD y\n                        ^"},
	{"A == 1 B == 2", ""},     // two definitions on one line
	{"A == 1 a + b == 2", ""}, // an infix definition on the same line
	{"ASUME 1 > 0",
		"E.tla:2:7: unexpected number 1 after identifier `ASUME` (is `ASUME` a misspelled keyword?)\n    ASUME 1 > 0\n          ^"},
	{"A == CHOSE i \\in {1} : TRUE",
		"E.tla:2:12: unexpected identifier `i` after identifier `CHOSE` (is `CHOSE` a misspelled keyword or operator?)\n    A == CHOSE i \\in {1} : TRUE\n               ^"},
	{"A == 1 \\in\nB(x) == x",
		"E.tla:2:8: expected an expression after `\\in`, found the definition of B on line 3\n    A == 1 \\in\n           ^"},
	{"A == LET y == 1 y' = 1",
		"E.tla:2:18: expected `==` in definition of y (or IN after the LET definitions), found `'`\n    A == LET y == 1 y' = 1\n" + strings.Repeat(" ", 21) + "^"},
	{"A == 1.5a",
		"E.tla:2:6: malformed number \"1.5a\"\n    A == 1.5a\n         ^"},
	{"A == \\E x \\in S, y : x",
		"E.tla:2:20: expected `\\in` after bound variable y, found `:`\n    A == \\E x \\in S, y : x\n                       ^"},
}

func TestParseErrors(t *testing.T) {
	for _, c := range parseErrCases {
		_, err := ParseModule("E.tla", mod(c.body))
		if !testutil.WantError(t, c.body, err, c.want, "parsed") {
			continue
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("%q: error %T is not *syntax.Error", c.body, err)
		}
	}
}

func TestModuleStructureErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"no module here", "E.tla:1:1: no `---- MODULE Name ----` header found"},
		{"---- MODULE E ----\nA == 1\n", "E.tla:3:1: end of file inside module: missing `====` line"},
		{"---- MODULE ----\n====", "E.tla:1:13: expected the module name, found `----` separator"},
	}
	for _, c := range cases {
		_, err := ParseModule("E.tla", []byte(c.src))
		if err == nil {
			t.Errorf("%q: parsed", c.src)
			continue
		}
		if first := strings.SplitN(err.Error(), "\n", 2)[0]; first != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.src, first, c.want)
		}
	}
}

// Resolution errors, through LoadSource.
var resolveErrCases = []struct{ body, want string }{
	{"EXTENDS Naturals\nA == y + 1",
		"E.tla:3:6: unknown identifier y\n    A == y + 1\n         ^"},
	{"A == y + z",
		"E.tla:2:6: unknown identifier y\n    A == y + z\n         ^\n" +
			"E.tla:2:8: + is defined in standard module Naturals, which module E does not EXTEND\n    A == y + z\n           ^\n" +
			"E.tla:2:10: unknown identifier z\n    A == y + z\n             ^"},
	{"A == 1 + 2",
		"E.tla:2:8: + is defined in standard module Naturals, which module E does not EXTEND\n    A == 1 + 2\n           ^"},
	{"EXTENDS Sequences\nA == 1 + Len(<<>>)",
		"E.tla:3:8: + is defined in standard module Naturals, which module E does not EXTEND\n    A == 1 + Len(<<>>)\n           ^"},
	{"F(a, b) == a\nA == F(1)",
		"E.tla:3:6: F takes 2 argument(s) but is applied to 1\n    A == F(1)\n         ^"},
	{"F(a) == a\nA == F",
		"E.tla:3:6: F takes 1 argument(s) but is used without arguments\n    A == F\n         ^"},
	{"A == 1\nA == 2",
		"E.tla:3:1: multiple definitions of A\n    A == 2\n    ^"},
	{"A == B\nB == 1",
		"E.tla:2:6: unknown identifier B\n    A == B\n         ^"},
	{"RECURSIVE F(_)\nA == 1",
		"E.tla:2:11: RECURSIVE F is never defined\n    RECURSIVE F(_)\n              ^"},
	{"A == I!Op",
		"E.tla:2:6: I is not an instance defined in module E\n    A == I!Op\n         ^"},
	{"EXTENDS Missing",
		"E.tla:2:9: module Missing not found (looked for Missing.tla in .)\n    EXTENDS Missing\n            ^"},
	{"EXTENDS SequencesExt",
		"E.tla:2:9: unsupported construct: module SequencesExt is not among the standard modules gotlc implements (Bags, FiniteSets, Integers, Naturals, Reals, Sequences, TLC)\n    EXTENDS SequencesExt\n            ^"},
	{"CONSTANT F(_, _)\nA == F(1, LAMBDA x : x)",
		"E.tla:3:11: LAMBDA expression used where an expression is required (argument 2 of F)\n    A == F(1, LAMBDA x : x)\n              ^"},
	{"G(a) == a\nH(Op(_), v) == Op(v)\nA == H(G, 1) = H(1, 1)",
		"E.tla:4:18: argument 1 of H must be an operator taking 1 argument(s)\n    A == H(G, 1) = H(1, 1)\n                     ^"},
	{"G(a, b) == a\nH(Op(_), v) == Op(v)\nA == H(G, 1)",
		"E.tla:4:8: argument 1 of H must be an operator taking 1 argument(s)\n    A == H(G, 1)\n           ^"},
	{"G(a) == a\nH(v) == v\nA == H(G)",
		"E.tla:4:8: operator G used where an expression is required (argument 1 of H)\n    A == H(G)\n           ^"},
	{"EXTENDS FiniteSets\nCardinality(S) == 0",
		"E.tla:3:1: multiple definitions of Cardinality: standard module FiniteSets, which this module uses, defines it\n    Cardinality(S) == 0\n    ^"},
	{"EXTENDS Naturals\nVARIABLE x\nA == \\E x \\in Nat : x > 0",
		"E.tla:4:9: multiply-defined symbol x: already defined at E.tla:3:10\n    A == \\E x \\in Nat : x > 0\n            ^"},
	{"EXTENDS Naturals\nA(Nat) == 1",
		"E.tla:3:3: multiply-defined symbol Nat: already defined at standard module Naturals\n    A(Nat) == 1\n      ^"},
	{"EXTENDS Naturals\nA == 1",
		""},
	{"A == LET I == INSTANCE Naturals IN 1", ""}, // INSTANCE inside LET
	{"EXTENDS Naturals\nA == -1",
		"E.tla:3:6: -. is defined in standard module Integers, which module E does not EXTEND\n    A == -1\n         ^"},
}

func TestResolveErrors(t *testing.T) {
	for _, c := range resolveErrCases {
		_, err := LoadSource("E.tla", mod(c.body), nil)
		testutil.WantError(t, c.body, err, c.want, "loaded")
	}
}

func TestCaretLine(t *testing.T) {
	if got := caretLine("\tab", 10); got != "\t ^" {
		t.Errorf("got %q", got)
	}
	if got := caretLine("ab\tc", 9); got != "  \t^" {
		t.Errorf("got %q", got)
	}
	if got := caretLine("", 4); got != "   ^" {
		t.Errorf("got %q", got)
	}
	e := &Error{Pos: Pos{Line: 2, Col: 1}, Msg: "m"}
	if e.Error() != "2:1: m" {
		t.Errorf("got %q", e.Error())
	}
}

// TestErrorLinesAsSANY loads each broken spec of testdata/broken (a
// misspelled keyword, an undefined operator or variable, an arity error,
// a missing operand at the end of a line, a LET without IN, ...) and
// requires the error to be reported on the line SANY (TLC 2.20) reports
// it on, recorded in testdata/broken/sany.txt, with the source line and a
// caret. gotlc's column may differ from SANY's: it points at the token
// that is wrong (`ASUME x`: at x, SANY at ASUME).
func TestErrorLinesAsSANY(t *testing.T) {
	dir := filepath.Join("testdata", "broken")
	b, err := os.ReadFile(filepath.Join(dir, "sany.txt"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		var file string
		var line, col int
		if _, err := fmt.Sscanf(l, "%s %d %d", &file, &line, &col); err != nil {
			t.Fatalf("sany.txt: %q: %v", l, err)
		}
		n++
		_, err := Load(filepath.Join(dir, file))
		if err == nil {
			t.Errorf("%s: loaded, SANY reports an error at line %d, col %d", file, line, col)
			continue
		}
		msg := err.Error()
		first, rest, _ := strings.Cut(msg, "\n")
		if !strings.Contains(first, fmt.Sprintf("%s:%d:", file, line)) {
			t.Errorf("%s: %s\nSANY: line %d, col %d", file, first, line, col)
		}
		if !strings.Contains(rest, "^") {
			t.Errorf("%s: no caret under the error:\n%s", file, msg)
		}
	}
	if n < 20 {
		t.Fatalf("sany.txt lists %d specs", n)
	}
}
