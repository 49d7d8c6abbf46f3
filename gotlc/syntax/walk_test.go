package syntax

import (
	"slices"
	"testing"
)

// BoundVars names the variables of every kind of binder, and caseNames (the
// SANY comparison's scan) leaves them out of the free names.
func TestBoundVars(t *testing.T) {
	for _, c := range []struct {
		src  string
		want []string
	}{
		{`\A x, y \in S, z \in T : x`, []string{"x", "y", "z"}},
		{`\E <<a, b>> \in S : a`, []string{"a", "b"}},
		{`CHOOSE c \in S : c`, []string{"c"}},
		{`{d \in S : d > 0}`, []string{"d"}},
		{`{e + f : e \in S, f \in T}`, []string{"e", "f"}},
		{`[g \in S, h \in T |-> g]`, []string{"g", "h"}},
		{`\EE u : u`, []string{"u"}},
		{`S \cup T`, nil},
	} {
		e, err := ParseExpr("T.tla", c.src)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		var got []string
		for _, v := range BoundVars(e) {
			got = append(got, v.Name)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("BoundVars(%s) = %v, want %v", c.src, got, c.want)
		}
	}
	free, bound, ok := caseNames(`LET f[k \in S] == k IN \A x \in T : {y \in x : y = f[Q]}`)
	if !ok {
		t.Fatal("caseNames: not comparable")
	}
	for _, n := range []string{"f", "k", "x", "y"} {
		if !bound[n] {
			t.Errorf("caseNames: %s not bound (%v)", n, bound)
		}
	}
	if len(free) != 3 || free["S"] != 0 || free["T"] != 0 || free["Q"] != 0 {
		t.Errorf("caseNames: free %v, want S, T, Q", free)
	}
}
