package cfg

import (
	"path/filepath"
	"testing"
)

func TestQuickAll(t *testing.T) {
	fs, _ := filepath.Glob("/work/main/gotlc/testdata/corpus/*/*.cfg")
	f2, _ := filepath.Glob("/work/main/tla/*.cfg")
	f3, _ := filepath.Glob("/work/main/proofs/*.cfg")
	for _, f := range append(append(fs, f2...), f3...) {
		c, err := ParseFile(f)
		if err != nil {
			t.Logf("%s: %v", f, err)
			continue
		}
		t.Logf("%s: %d consts init=%s spec=%s inv=%v", filepath.Base(f), len(c.Constants), c.Init.Name, c.Specification.Name, c.Invariants)
	}
}
