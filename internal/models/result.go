package models

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Result is what a checker run reported, read from its TLC-format output.
type Result struct {
	Verdict   string // "success", "violation", or "error" (anything else)
	Invariant string // the invariant or property named as violated
	Distinct  int64
	Generated int64
	Depth     int
	Exit      int
	Message   string // first error line, when Verdict is "error"
	Temporal  bool   // the violation is of temporal properties (a liveness counterexample)
	Loop      string // a temporal violation's cycle: its "Back to state N: ..." or "State N: Stuttering" line
}

var (
	reStates    = regexp.MustCompile(`(?m)^([0-9,]+) states generated, ([0-9,]+) distinct states found, ([0-9,]+) states left on queue\.$`)
	reDepth     = regexp.MustCompile(`(?m)^The depth of the complete state graph search is ([0-9]+)\.$`)
	reInvariant = regexp.MustCompile(`(?m)^Error: Invariant (\S+) is violated(?:\.| by the initial state:)$`)
	reProperty  = regexp.MustCompile(`(?m)^Error: (?:Action property|Temporal properties were violated|Property) ?(\S*) (?:is )?violated\.?$`)
	reTemporal  = regexp.MustCompile(`(?m)^Error: Temporal properties were violated\.$`)
	reLoop      = regexp.MustCompile(`(?m)^(?:Back to state [0-9]+:.*|State [0-9]+: Stuttering)$`)
	reSuccess   = regexp.MustCompile(`(?m)^Model checking completed\. No error has been found\.$`)
	reError     = regexp.MustCompile(`(?m)^Error: .*$`)
)

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	return n
}

// Parse reads a TLC (or gotlc) run's standard output and exit status.
func Parse(out string, exit int) Result {
	r := Result{Exit: exit}
	if m := reStates.FindAllStringSubmatch(out, -1); m != nil {
		last := m[len(m)-1]
		r.Generated, r.Distinct = atoi64(last[1]), atoi64(last[2])
	}
	if m := reDepth.FindStringSubmatch(out); m != nil {
		r.Depth, _ = strconv.Atoi(m[1])
	}
	switch {
	case reSuccess.MatchString(out) && exit == 0:
		r.Verdict = "success"
	case reInvariant.MatchString(out):
		r.Verdict, r.Invariant = "violation", reInvariant.FindStringSubmatch(out)[1]
	case reTemporal.MatchString(out):
		r.Verdict, r.Temporal = "violation", true
		r.Loop = reLoop.FindString(out)
	case reProperty.MatchString(out):
		r.Verdict, r.Invariant = "violation", reProperty.FindStringSubmatch(out)[1]
	default:
		r.Verdict = "error"
		if m := reError.FindString(out); m != "" {
			r.Message = m
		} else {
			r.Message = fmt.Sprintf("no verdict in the output (exit status %d)", exit)
		}
	}
	return r
}

// Compare returns the differences between an entry's record and a result
// (nil when they agree).
func Compare(e Entry, r Result) []string {
	var diffs []string
	if r.Verdict != e.Expect {
		msg := fmt.Sprintf("verdict %s, manifest says %s", r.Verdict, e.Expect)
		if r.Message != "" {
			msg += " (" + r.Message + ")"
		}
		diffs = append(diffs, msg)
	}
	switch {
	case e.Expect != "violation" || r.Verdict != "violation":
	case e.IsLiveness() && !r.Temporal:
		diffs = append(diffs, fmt.Sprintf("violated %q, manifest says temporal property %s", r.Invariant, e.Property))
	case e.IsLiveness() && r.Loop == "":
		diffs = append(diffs, "a temporal violation without a lasso (no \"Back to state\" or \"Stuttering\" line)")
	case !e.IsLiveness() && r.Invariant != e.Invariant:
		diffs = append(diffs, fmt.Sprintf("violated %q, manifest says %q", r.Invariant, e.Invariant))
	}
	if r.Distinct != e.Distinct {
		diffs = append(diffs, fmt.Sprintf("%d distinct states, manifest says %d", r.Distinct, e.Distinct))
	}
	if r.Depth != e.Depth {
		diffs = append(diffs, fmt.Sprintf("depth %d, manifest says %d", r.Depth, e.Depth))
	}
	return diffs
}
