package syntax

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the parser and the loader. Neither may
// panic (a recovered panic surfaces as an "internal error", which fails the
// target), and every error must carry a position.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/specs/*/*.tla")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	for _, c := range exprCases {
		f.Add([]byte("---- MODULE F ----\nA == " + c.src + "\n===="))
	}
	for _, c := range layoutCases {
		f.Add([]byte("---- MODULE F ----\nA ==\n" + c.src + "\n===="))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
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
