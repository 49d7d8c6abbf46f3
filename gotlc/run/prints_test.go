package run

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestPrintOrderAsTLC runs the corpus entry printorder (Print and PrintT
// in the initial predicate, the next-state relation and an invariant; a
// successful search, and searches stopped by an invariant, an evaluation
// error and a deadlock in the middle of a level) with 1, 2 and 4 workers,
// and requires gotlc's printed lines (those starting with "<<", what the
// spec prints) to be TLC 2.20's recorded lines before its first "Error:"
// line, in the same order. After that line TLC prints the lines again
// while it rebuilds the error trace; gotlc prints nothing more.
func TestPrintOrderAsTLC(t *testing.T) {
	e := corpusEntry(t, "printorder", 4)
	if len(e.Runs) != 4 {
		t.Fatalf("printorder has %d runs, want 4", len(e.Runs))
	}
	printed := func(out string, stopAtError bool) []string {
		var lines []string
		for _, l := range strings.Split(out, "\n") {
			if stopAtError && strings.HasPrefix(l, "Error:") {
				break
			}
			if strings.HasPrefix(l, "<<") {
				lines = append(lines, l)
			}
		}
		return lines
	}
	for _, x := range e.Runs {
		want := printed(tlcRecord(t, e, x), true)
		if len(want) < 20 {
			t.Fatalf("%s: TLC's record has %d printed lines", x.Config, len(want))
		}
		for _, w := range []int{1, 2, 4} {
			out, rep := runCorpus(t, e, x, "-workers", fmt.Sprint(w))
			if rep.Exit != x.Exit {
				t.Errorf("%s -workers %d: exit %d, TLC %d", x.Config, w, rep.Exit, x.Exit)
			}
			got := printed(out, false)
			if !slices.Equal(got, want) {
				t.Errorf("%s -workers %d: printed %d lines, TLC %d; first difference %s", x.Config, w, len(got), len(want), firstDiff(got, want))
			}
		}
	}
}

// firstDiff describes the first line where got and want differ.
func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("at line %d: %q, TLC %q", i+1, got[i], want[i])
		}
	}
	return fmt.Sprintf("after line %d (one list ends)", min(len(got), len(want)))
}
