package run

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/internal/conformance"
)

// corpus loads the recorded corpus (gotlc/testdata/corpus) or fails t.
func corpus(t *testing.T) []conformance.Entry {
	t.Helper()
	entries, err := conformance.LoadCorpus("../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// corpusEntry returns the corpus entry name with at least runs runs, or
// fails t.
func corpusEntry(t *testing.T, name string, runs int) conformance.Entry {
	t.Helper()
	entries := corpus(t)
	i := slices.IndexFunc(entries, func(e conformance.Entry) bool { return e.Name == name })
	if i < 0 {
		t.Fatalf("corpus entry %s not found", name)
	}
	if e := entries[i]; len(e.Runs) < runs {
		t.Fatalf("%s has %d runs, want %d", name, len(e.Runs), runs)
	}
	return entries[i]
}

// runCorpus runs gotlc in-process on run x of entry e, with the extra
// flags args, and returns its output and report.
func runCorpus(t *testing.T, e conformance.Entry, x conformance.Expect, args ...string) (string, output.Report) {
	t.Helper()
	o, err := ParseArgs(append(args, "-config", filepath.Join(e.Dir, x.Config), filepath.Join(e.Dir, x.Spec)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep := Model(o, &out)
	return out.String(), rep
}

// tlcRecord is TLC's recorded output of run x of entry e.
func tlcRecord(t *testing.T, e conformance.Entry, x conformance.Expect) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(e.Dir, x.TLCOut))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
