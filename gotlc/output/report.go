package output

import (
	"sort"
	"strings"

	"github.com/veralloc/veralloc/gotlc/check"
)

// Report is what one run reported: the figures of TLC's summary lines and
// its error trace. Counts the output does not contain are -1 (TLC prints no
// counts for a violation by an initial state, and no depth after an
// evaluation error). A Printer returns the Report of what it printed; Parse
// returns the Report of a recorded output; for the same run the two agree.
type Report struct {
	Exit      int
	Verdict   Verdict
	Name      string // the violated invariant or property ("" if none is named)
	Generated int64
	Distinct  int64
	Left      int64
	Depth     int64
	Trace     []State // the states of the error trace, in order
	Message   string  // the first "Error: " line, if any
	// Lasso: the trace is a liveness counterexample, ending with "Back to
	// state N" or "State N: Stuttering" (then its last State is empty).
	Lasso bool
	// Loop is the state (from 1) a lasso's last state steps back to, and
	// Back that step's action as printed ("Back to state Loop: <Back>");
	// 0 and "" for a lasso that ends by stuttering, and for other traces.
	Loop    int
	Back    string
	Version string // "2.18" from "TLC2 Version 2.18 of ..." (Parse only)
	Output  string // the text parsed (Parse only)

	// Result is the checker's own result when the Report comes from a
	// Printer (nil from Parse, and for runs that failed before the search);
	// for a lasso, the search's result with the lasso as its Trace.
	Result *check.Result `json:"-"`
}

// noCounts is a Report whose counts are unknown.
func noCounts() Report {
	return Report{Generated: -1, Distinct: -1, Left: -1, Depth: -1}
}

// State is one state of an error trace: variable name to its printed value,
// normalised by NormValue.
type State map[string]string

// NormValue removes white space outside string literals, so that values
// wrapped or indented differently compare equal.
func NormValue(s string) string {
	var b strings.Builder
	inStr, esc := false, false
	for _, c := range s {
		switch {
		case inStr:
			b.WriteRune(c)
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			b.WriteRune(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Format prints a state as sorted `/\ v = e` lines, for messages.
func (s State) Format() string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(`/\ ` + n + " = " + s[n] + "\n")
	}
	return b.String()
}
