package spec

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

func readSpec(t *testing.T, name string) string {
	t.Helper()
	return testutil.ReadFile(t, filepath.Join("..", "tla", name))
}

// definitions are the operators a module defines at the start of a line.
func definitions(src string) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Za-z]\w*)(\([^)]*\))? ==`).FindAllStringSubmatch(src, -1) {
		out[m[1]] = true
	}
	return out
}

// body is the text of definition name up to the next blank line.
func body(t *testing.T, src, head string) string {
	t.Helper()
	i := strings.Index(src, "\n"+head)
	if i < 0 {
		t.Fatalf("the spec has no definition %q", head)
	}
	rest := src[i+1:]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestActionsMatchNext: Actions lists the actions of Next in its order, with
// Refill expanded into its steps, and VarNames are the spec's VARIABLES.
func TestActionsMatchNext(t *testing.T) {
	src := readSpec(t, "Allocator.tla")
	call := regexp.MustCompile(`([A-Z]\w*)\(h[^)]*\)`)
	var refill []string
	for _, m := range call.FindAllStringSubmatch(body(t, src, "Refill(h) =="), -1)[1:] {
		refill = append(refill, m[1])
	}
	var next []string
	for _, m := range call.FindAllStringSubmatch(body(t, src, "Next =="), -1) {
		if m[1] == "Refill" {
			next = append(next, refill...)
		} else {
			next = append(next, m[1])
		}
	}
	if !slices.Equal(next, Actions) {
		t.Errorf("Next of tla/Allocator.tla lists %v,\nspec.Actions is %v", next, Actions)
	}
	vb := body(t, src, "VARIABLES")
	var vars []string
	for _, m := range regexp.MustCompile(`(?m)^\s+(\w+),?\s+\\\*`).FindAllStringSubmatch(vb, -1) {
		vars = append(vars, m[1])
	}
	if !slices.Equal(vars, VarNames) {
		t.Errorf("VARIABLES of tla/Allocator.tla are %v,\nspec.VarNames is %v", vars, VarNames)
	}
}

// TestSpecMarkers: every action of Allocator.tla (those of Actions, Refill
// and Init) and of AllocatorAbstract.tla (Alloc, Free) is implemented by
// exactly one function of this package marked "// spec: Module!Action" on
// the line before the func, and every marker names a definition of the
// module it names.
func TestSpecMarkers(t *testing.T) {
	defined := map[string]map[string]bool{
		"Allocator":         definitions(readSpec(t, "Allocator.tla")),
		"AllocatorAbstract": definitions(readSpec(t, "AllocatorAbstract.tla")),
	}
	found := map[string]int{}
	for _, m := range testutil.SpecMarkers(t, ".") {
		if defs, ok := defined[m.Module]; !ok || !defs[m.Action] {
			t.Errorf("%s:%d: marker names %v, which tla/%s.tla does not define", m.File, m.Line, m, m.Module)
		}
		found[m.String()]++
	}
	want := []string{"Allocator!Init", "Allocator!Refill", "AllocatorAbstract!Alloc", "AllocatorAbstract!Free"}
	for _, a := range Actions {
		want = append(want, "Allocator!"+a)
	}
	for _, w := range want {
		if n := found[w]; n != 1 {
			t.Errorf("%s has %d implementing functions in spec/, want 1", w, n)
		}
	}
}
