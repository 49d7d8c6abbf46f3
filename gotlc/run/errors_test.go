package run

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var reNested = regexp.MustCompile(`(?m)^\d+\. (Line \d+, column \d+ to line \d+, column \d+ in \S+)$`)

// TestEvalErrorChains runs the corpus entry evalchain, whose errors are
// reached through several calls, and holds gotlc's report of each to
// TLC's recorded one: the nested positions gotlc prints are a subsequence
// of TLC's, with TLC's innermost position last (TLC lists every
// subexpression on the way, gotlc the calls); the innermost line is shown
// with a caret; and no Java exception is named. For the invariant, where
// TLC prints no positions, gotlc's chain must still end at the failing
// expression, which the caret shows.
func TestEvalErrorChains(t *testing.T) {
	e := corpusEntry(t, "evalchain", 5)
	for _, x := range e.Runs {
		o, err := ParseArgs([]string{"-config", filepath.Join(e.Dir, x.Config), filepath.Join(e.Dir, x.Spec)})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		Model(o, &out)
		got := out.String()
		tlcOut, err := os.ReadFile(filepath.Join(e.Dir, x.TLCOut))
		if err != nil {
			t.Fatal(err)
		}
		var mine, tlc []string
		for _, m := range reNested.FindAllStringSubmatch(got, -1) {
			mine = append(mine, m[1])
		}
		for _, m := range reNested.FindAllStringSubmatch(string(tlcOut), -1) {
			tlc = append(tlc, m[1])
		}
		if len(mine) < 2 {
			t.Errorf("%s: %d nested positions, want the chain of calls:\n%s", x.Config, len(mine), got)
			continue
		}
		if len(tlc) > 0 {
			if mine[len(mine)-1] != tlc[len(tlc)-1] {
				t.Errorf("%s: innermost position %q, TLC's %q", x.Config, mine[len(mine)-1], tlc[len(tlc)-1])
			}
			if !subsequence(mine, tlc) {
				t.Errorf("%s: positions\n%s\nare not a subsequence of TLC's\n%s", x.Config, strings.Join(mine, "\n"), strings.Join(tlc, "\n"))
			}
		}
		if !strings.Contains(got, "\n    ^\n") && !regexp.MustCompile(`(?m)^ +\^$`).MatchString(got) {
			t.Errorf("%s: no caret under the failing expression:\n%s", x.Config, got)
		}
		if strings.Contains(got, "java.") {
			t.Errorf("%s: gotlc names a Java exception:\n%s", x.Config, got)
		}
	}
}

func subsequence(sub, of []string) bool {
	j := 0
	for _, s := range of {
		if j < len(sub) && sub[j] == s {
			j++
		}
	}
	return j == len(sub)
}
