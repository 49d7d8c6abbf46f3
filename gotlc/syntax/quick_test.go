package syntax

import (
	"path/filepath"
	"testing"
)

func TestQuick(t *testing.T) {
	for _, s := range []string{
		`a \in S /\ b`, `x' = y + 1`, `~a /\ b`, `-x^2`, `a \X b \X c`, `(a \X b) \X c`,
		"/\\ a\n/\\ b \\/ c\n/\\ d", `\A x \in S, y \in T : x = y`, `{x \in S : x > 1}`, `{x + 1 : x \in S}`,
		`[f EXCEPT ![a] = e, !.b = e, ![a].b[c] = @ + 1]`, `[][Next]_vars /\ WF_vars(Next)`, `<<A>>_<<x, y>>`,
		`CASE a -> 1 [] b -> 2 [] OTHER -> 3`, `LET f(x) == x + 1 g[y \in S] == y IN f(2)`, `I!Op(1) + I(2)!J!K`,
		`\E <<a, b>> \in S \X T : a = b`, `[x, y \in S |-> x + y]`, `[a |-> 1, b |-> 2].a`, `[a : S, b : T]`, `[S -> T]`,
		`UNCHANGED <<x, y>>`, `a :> 1 @@ b :> 2`, `s \o t`, `"a\"b\n"`, `\h1F + \b101`, `SUBSET S`, `[]x = 1`, `f[a, b]'`,
	} {
		e, err := ParseExpr("t.tla", s)
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		t.Logf("%-40s %s", s, Sexpr(e))
	}
}

func TestQuickLoad(t *testing.T) {
	for _, f := range []string{"/work/main/tla/MCAllocator.tla", "/work/main/tla/Allocator.tla", "/work/main/tla/AllocatorAbstract.tla", "/work/main/proofs/IndInv.tla"} {
		p, err := LoadWithOptions(f, Options{Library: []string{"/work/main/tla"}})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		t.Logf("%s: %d defs, %d vars", f, len(p.Root.Defs), len(p.Vars))
	}
}

func TestQuickDump(t *testing.T) {
	p, err := Load("/work/main/tla/MCAllocator.tla")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range p.Order {
		t.Log(SexprResolved(m))
	}
}

func TestQuickCorpus(t *testing.T) {
	fs, _ := filepath.Glob("/work/main/gotlc/testdata/corpus/*/*.tla")
	for _, f := range fs {
		_, err := Load(f)
		t.Logf("%s: %v", f, err)
	}
}
