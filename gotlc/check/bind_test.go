package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBindModuleScopedErrors: a module-scoped cfg entry that names no
// module of the spec, or no definition of its module, is refused with
// TLC's words, read from TLC's recorded output for the same files.
func TestBindModuleScopedErrors(t *testing.T) {
	dir := filepath.Join("..", "testdata", "corpus", "cfgscope")
	for _, name := range []string{"NoModule", "NoDef"} {
		out, err := os.ReadFile(filepath.Join(dir, name+".expected_tlc.out"))
		if err != nil {
			t.Fatal(err)
		}
		var want string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "Error: ") {
				want = strings.TrimPrefix(l, "Error: ")
				break
			}
		}
		if want == "" {
			t.Fatalf("%s: no error line in TLC's output", name)
		}
		_, _, err = Load(filepath.Join(dir, "CfgScope.tla"), filepath.Join(dir, name+".cfg"))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got error %v, want TLC's %q", name, err, want)
		}
	}
}
