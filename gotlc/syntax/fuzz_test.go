package syntax

import (
	"os"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// FuzzParse feeds arbitrary text to the parser and the loader. Neither may
// panic (a recovered panic surfaces as an "internal error", which fails the
// target), and every error must carry a position.
func FuzzParse(f *testing.F) {
	for _, file := range testutil.Glob(f, "testdata/specs/*/*.tla") {
		f.Add([]byte(file.Text))
	}
	for _, c := range exprCases {
		f.Add([]byte("---- MODULE F ----\nA == " + c.src + "\n===="))
	}
	for _, c := range layoutCases {
		f.Add([]byte("---- MODULE F ----\nA ==\n" + c.src + "\n===="))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkLinear(t, src)
		m, err := ParseModule("F.tla", src)
		checkErr(t, err)
		if err == nil {
			_ = Sexpr(m)
		}
		read := func(name string) (string, []byte, error) {
			if name == "Other" {
				return "Other.tla", []byte("---- MODULE Other ----\nCONSTANT p, q\nVARIABLE v\nOp == p\nG(x) == x + q\n===="), nil
			}
			return "", nil, os.ErrNotExist
		}
		name := "F.tla"
		if m != nil {
			name = m.Name + ".tla"
		}
		p, err := LoadSource(name, src, read)
		checkErr(t, err)
		if err == nil {
			_ = SexprResolved(p.Root)
		}
	})
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if strings.Contains(msg, "internal error") {
		t.Fatalf("internal error: %v", err)
	}
	if msg == "" {
		t.Fatalf("empty error message")
	}
}

// workPerToken bounds the parser's steps (parseBin calls) per token; a
// parser that backtracks without memoisation exceeds it on nested input.
const workPerToken = 4

// checkLinear parses src directly and fails when the parser does more than
// workPerToken steps per token.
func checkLinear(t *testing.T, src []byte) {
	t.Helper()
	s := newSource("F.tla", string(src))
	toks, lerr := lex(s)
	if lerr != nil {
		return
	}
	p := &parser{src: s, file: "F.tla", toks: toks}
	func() {
		defer func() { _ = recover() }()
		p.parseModule()
	}()
	if p.work > workPerToken*len(toks)+16 {
		t.Fatalf("parser did %d steps for %d tokens", p.work, len(toks))
	}
}

// The bound holds on real specs, and a module with nested braces.
func TestParserWorkBound(t *testing.T) {
	files := append(testutil.Glob(t, "testdata/specs/*/*.tla"), testutil.Glob(t, "../../tla/Allocator.tla")...)
	for _, f := range files {
		checkLinear(t, []byte(f.Text))
	}
	checkLinear(t, []byte("---- MODULE N ----\nA == "+strings.Repeat(`{x \in `, 12)+"S"+strings.Repeat("}", 12)+"\n===="))
}
