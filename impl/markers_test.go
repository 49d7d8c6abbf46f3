package impl

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSpecMarkers: every action of tla/Allocator.tla that the protocol
// runs (all but DrainRead, which exists only to model seeded bug B4) is
// implemented by exactly one function marked "// spec: Allocator!<Action>",
// and every marker names an action defined in the spec.
func TestSpecMarkers(t *testing.T) {
	spec, err := os.ReadFile("../tla/Allocator.tla")
	if err != nil {
		t.Fatalf("tla/Allocator.tla must exist beside impl/ (the markers name its actions): %v", err)
	}
	defined := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([A-Z][A-Za-z]*)\(h[^)]*\) ==`).FindAllStringSubmatch(string(spec), -1) {
		defined[m[1]] = true
	}
	want := []string{"Alloc", "Refill", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll",
		"AcquireSlab", "RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas", "HeapExit", "Adopt"}
	files, _ := filepath.Glob("*.go")
	marker := regexp.MustCompile(`^\s*// spec: Allocator!(\w+)\s*$`)
	found := map[string][]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(src), "\n")
		for i, l := range lines {
			m := marker.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "func ") {
				t.Errorf("%s:%d: marker for %s is not on the line before a func", f, i+1, m[1])
			}
			if !defined[m[1]] {
				t.Errorf("%s:%d: marker names %s, which tla/Allocator.tla does not define", f, i+1, m[1])
			}
			found[m[1]] = append(found[m[1]], f)
		}
	}
	for _, a := range want {
		if !defined[a] {
			t.Errorf("action %s is not defined in tla/Allocator.tla", a)
		}
		if n := len(found[a]); n != 1 {
			t.Errorf("action %s has %d implementing functions, want 1", a, n)
		}
	}
}
