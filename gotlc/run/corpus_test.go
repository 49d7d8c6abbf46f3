package run

import (
	"slices"
	"testing"

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
