package models

import (
	"fmt"
	"strings"

	"github.com/veralloc/veralloc/gotlc/output"
)

// Result is what a checker run reported, in the manifest's terms.
type Result struct {
	Verdict   string // "success", "violation", or "error" (anything else)
	Invariant string // the invariant or property named as violated
	Distinct  int64
	Generated int64
	Depth     int
	Exit      int
	Message   string // first error line, when Verdict is "error"
	Temporal  bool   // the violation is of temporal properties (a liveness counterexample)
	Lasso     bool   // a temporal violation's trace ends in its cycle ("Back to state N" or "State N: Stuttering")
	// Report is the whole report the result was taken from.
	Report output.Report
}

// FromReport reduces a checker's report to the manifest's terms: a
// violated invariant or property is a "violation", a search that found no
// error and exited 0 a "success", anything else (deadlock included) an
// "error". Counts the report does not know are 0.
func FromReport(rep output.Report) Result {
	r := Result{Exit: rep.Exit, Report: rep,
		Distinct: max(rep.Distinct, 0), Generated: max(rep.Generated, 0), Depth: int(max(rep.Depth, 0))}
	switch {
	case rep.Verdict == output.Success && rep.Exit == 0:
		r.Verdict = "success"
	case output.Violation(rep.Verdict):
		r.Verdict, r.Invariant = "violation", rep.Name
		r.Temporal = strings.Contains(rep.Message, "Temporal properties were violated")
		r.Lasso = rep.Lasso
	default:
		r.Verdict = "error"
		if r.Message = rep.Message; r.Message == "" {
			r.Message = fmt.Sprintf("no verdict in the output (exit status %d)", rep.Exit)
		}
	}
	return r
}

// Parse reads a TLC (or gotlc) run's standard output and exit status with
// gotlc/output's parser.
func Parse(out string, exit int) Result { return FromReport(output.Parse(out, exit)) }

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
	case e.IsLiveness() && !r.Lasso:
		diffs = append(diffs, "a temporal violation without a lasso (no \"Back to state\" or \"Stuttering\" line)")
	case !e.IsLiveness() && (r.Temporal || r.Invariant != e.Invariant):
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
