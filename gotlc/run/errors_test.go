package run

import (
	"regexp"
	"slices"
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
		got, _ := runCorpus(t, e, x)
		tlcOut := tlcRecord(t, e, x)
		var mine, tlc []string
		for _, m := range reNested.FindAllStringSubmatch(got, -1) {
			mine = append(mine, m[1])
		}
		for _, m := range reNested.FindAllStringSubmatch(tlcOut, -1) {
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

// TestEvalErrorMessagesAsTLC runs the corpus entry evalerrors (one
// evaluation error per cfg: arithmetic, TLC's 32-bit overflow, operators
// given values of the wrong kind, sequences, CHOOSE, records, IF,
// equality of values of different kinds) and holds gotlc's message to
// TLC 2.20's recorded one, line by line, and its exit code to TLC's. TLC
// words many of these "TLC threw an unexpected exception ... The exception
// was a java.lang.RuntimeException\n: <message>"; that headline is
// dropped (gotlc never names a Java exception), the message must be the
// same.
func TestEvalErrorMessagesAsTLC(t *testing.T) {
	e := corpusEntry(t, "evalerrors", 31)
	for _, x := range e.Runs {
		out, rep := runCorpus(t, e, x)
		tlcOut := tlcRecord(t, e, x)
		if rep.Exit != x.Exit {
			t.Errorf("%s: exit %d, TLC %d", x.Config, rep.Exit, x.Exit)
		}
		want, got := errorMessage(tlcOut), errorMessage(out)
		if x.Verdict == "eval_error" && len(want) == 0 {
			t.Errorf("%s: no message in TLC's record", x.Config)
		}
		if javaWords(want) {
			// TLC's message names its Java implementation (+ given a
			// string: "Attempted to apply the operator overridden by the
			// Java method ..."): gotlc words it as for < and must not
			// name Java.
			if len(got) == 0 || javaWords(got) {
				t.Errorf("%s: message\n%s\nwanted one in gotlc's words (TLC's names Java)", x.Config, strings.Join(got, "\n"))
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: message\n%s\nTLC's\n%s", x.Config, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if strings.Contains(out, "java.") {
			t.Errorf("%s: gotlc names a Java exception:\n%s", x.Config, out)
		}
	}
}

// javaWords reports whether a message names TLC's Java classes.
func javaWords(msg []string) bool {
	for _, l := range msg {
		if strings.Contains(l, "java") || strings.Contains(l, "tlc2.") {
			return true
		}
	}
	return false
}

// tlcHeadline is what TLC prints before the message of an error it raised
// as a Java RuntimeException.
var tlcHeadline = []string{
	"Error: TLC threw an unexpected exception.",
	"This was probably caused by an error in the spec or model.",
	"See the User Output or TLC Console for clues to what happened.",
	"The exception was a java.lang.RuntimeException",
}

// errorMessage is the message of the first error in a checker's output:
// the lines from the first "Error:" line to the behaviour, without TLC's
// headline; "Error: " is dropped from the first line.
func errorMessage(out string) []string {
	var msg []string
	in := false
	for _, l := range strings.Split(out, "\n") {
		if !in && !strings.HasPrefix(l, "Error: ") {
			continue
		}
		if strings.HasPrefix(l, "Error: The behavior up to this point is:") || strings.HasPrefix(l, "Error: The error occurred when") {
			break
		}
		if slices.Contains(tlcHeadline, l) {
			in = true
			continue
		}
		if !in {
			l = strings.TrimPrefix(l, "Error: ")
			in = true
		}
		msg = append(msg, strings.TrimPrefix(l, ": "))
	}
	return msg
}

// rePositions matches the nested-positions block of TLC's output (or
// gotlc's, with its source excerpt), up to the blank lines that end it.
var rePositions = regexp.MustCompile(`(?s)Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n(.*?\n\n\n|    The error call stack is empty\.\n\n)`)

// TestEvalErrorWhere runs the corpus entry evalwhere, one evaluation
// error (a function applied outside its domain two calls deep) reached
// from every place a model evaluates expressions: the initial predicate,
// an invariant, a CONSTRAINT, an ACTION_CONSTRAINT, a VIEW, ENABLED in an
// invariant, the ENABLED of a fairness condition, the action of a
// temporal property, an action property, the SYMMETRY set, an ASSUME, and
// Next, an invariant and an action property under -simulate. Where TLC
// 2.20 prints nested positions, gotlc must print the same list (for the
// initial predicate, where TLC also lists the conjuncts before the
// failing one, a subsequence with the same first and last entries); where
// TLC prints none while a state is being checked (an invariant, VIEW,
// -simulate), gotlc's chain must end at the failing expression, TLC's
// innermost position of the other runs; at startup (ASSUME, SYMMETRY)
// gotlc prints none either. The message (TLC's headline dropped, gotlc's
// appended chain dropped) and the exit code must be TLC's.
func TestEvalErrorWhere(t *testing.T) {
	e := corpusEntry(t, "evalwhere", 14)
	innermost := ""
	for _, x := range e.Runs {
		if m := reNested.FindAllStringSubmatch(tlcRecord(t, e, x), -1); len(m) > 0 {
			if in := m[len(m)-1][1]; innermost == "" {
				innermost = in
			} else if in != innermost {
				t.Fatalf("%s: TLC's innermost position %q, another run's %q", x.Config, in, innermost)
			}
		}
	}
	if innermost == "" {
		t.Fatal("no run with TLC positions")
	}
	for _, x := range e.Runs {
		got, rep := runCorpus(t, e, x, x.Args...)
		tlcOut := tlcRecord(t, e, x)
		positions := func(out string) []string {
			var ps []string
			for _, m := range reNested.FindAllStringSubmatch(out, -1) {
				ps = append(ps, m[1])
			}
			return ps
		}
		mine, tlc := positions(got), positions(tlcOut)
		if rep.Exit != x.Exit {
			t.Errorf("%s: exit %d, TLC %d", x.Config, rep.Exit, x.Exit)
		}
		startup := x.Config == "Assume.cfg" || x.Config == "Symmetry.cfg"
		switch {
		case startup:
			if len(mine) > 0 {
				t.Errorf("%s: gotlc prints positions, TLC none:\n%s", x.Config, got)
			}
		case x.Config == "Init.cfg":
			if len(mine) < 3 || mine[0] != tlc[0] || mine[len(mine)-1] != tlc[len(tlc)-1] || !subsequence(mine, tlc) {
				t.Errorf("%s: positions\n%s\nTLC's\n%s", x.Config, strings.Join(mine, "\n"), strings.Join(tlc, "\n"))
			}
		case len(tlc) > 0:
			if !slices.Equal(mine, tlc) {
				t.Errorf("%s: positions\n%s\nTLC's\n%s", x.Config, strings.Join(mine, "\n"), strings.Join(tlc, "\n"))
			}
		default:
			if len(mine) < 3 || mine[len(mine)-1] != innermost {
				t.Errorf("%s: positions\n%s\nwant a chain of calls ending at %s", x.Config, strings.Join(mine, "\n"), innermost)
			}
		}
		if len(mine) > 0 && !regexp.MustCompile(`(?m)^ +\^$`).MatchString(got) {
			t.Errorf("%s: no caret under the failing expression:\n%s", x.Config, got)
		}
		msg := func(out string) []string {
			out = rePositions.ReplaceAllString(out, "")
			out, _, _ = strings.Cut(out, "The error occurred when gotlc was evaluating")
			m := errorMessage(out)
			// The message ends at the first empty line or TLC's last line.
			for i, l := range m {
				if l == "" || strings.HasPrefix(l, "Finished in ") {
					return m[:i]
				}
			}
			return m
		}
		if want, have := msg(tlcOut), msg(got); len(want) == 0 || !slices.Equal(have, want) {
			t.Errorf("%s: message\n%s\nTLC's\n%s", x.Config, strings.Join(have, "\n"), strings.Join(want, "\n"))
		}
	}
}
