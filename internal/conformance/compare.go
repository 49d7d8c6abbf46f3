package conformance

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/veralloc/veralloc/gotlc/output"
)

// The report of a run, its states and verdicts are gotlc/output's: one
// parser of TLC's text for the whole project.
type (
	Result  = output.Report
	State   = output.State
	Verdict = output.Verdict
)

// Verdicts, as recorded in expect.json.
const (
	Success     = output.Success
	Invariant   = output.Invariant
	Deadlock    = output.Deadlock
	Property    = output.Property
	Assumption  = output.Assumption
	EvalError   = output.EvalError
	ParseError  = output.ParseError
	ConfigError = output.ConfigError
	Unknown     = output.Unknown
	Refused     = output.Refused
)

// Summary is what the conformance tests require to agree between TLC and
// gotlc. Unknown counts are -1; Final is nil unless there is an error trace.
type Summary struct {
	Verdict  Verdict
	Name     string // violated invariant or property
	Exit     int
	Distinct int64
	Depth    int64
	// Generated ("states generated") is compared for successful runs only:
	// at a violation, TLC's count depends on where its search stopped.
	Generated int64
	TraceLen  int
	Final     State
	// Trace, when set in the wanted Summary, asks Diff to compare every
	// state of the error trace, not only the last.
	Trace []State
	Lasso bool // the trace is a liveness counterexample (a lasso)
}

// Summarize reduces a run's report to its Summary.
func Summarize(r Result) Summary {
	s := Summary{Verdict: r.Verdict, Exit: r.Exit, Distinct: r.Distinct, Depth: r.Depth, Generated: r.Generated, TraceLen: len(r.Trace), Lasso: r.Lasso}
	if output.Violation(r.Verdict) {
		s.Name = r.Name
	}
	if len(r.Trace) > 0 {
		s.Final = r.Trace[len(r.Trace)-1]
	}
	s.Trace = r.Trace
	return s
}

// Summarize turns a recorded run into a Summary; trace is the recorded
// error trace (nil when there is none). Only its last state is compared
// unless the run sets compare_trace.
func (e Expect) Summarize(trace []State) Summary {
	s := Summary{Verdict: e.Verdict, Exit: e.Exit, Distinct: -1, Depth: -1, Generated: -1, TraceLen: e.TraceLength}
	if len(trace) > 0 {
		s.Final = trace[len(trace)-1]
		if e.CompareTrace {
			s.Trace = trace
		}
	}
	if e.Distinct != nil {
		s.Distinct = *e.Distinct
	}
	if e.Depth != nil {
		s.Depth = *e.Depth
	}
	if e.Generated != nil && e.Verdict == Success {
		s.Generated = *e.Generated
	}
	switch e.Verdict {
	case Invariant:
		s.Name = e.Invariant
	case Property:
		s.Name = e.Property
	}
	return s
}

// HasTrace tells whether a verdict comes with an error trace to compare.
func HasTrace(verdict Verdict) bool { return output.HasTrace(verdict) }

// Diff lists every way got differs from want. Counts unknown in want are not
// compared; a count unknown in got when want knows it is a difference.
func Diff(want, got Summary) []string {
	var d []string
	if want.Verdict != got.Verdict {
		d = append(d, fmt.Sprintf("verdict: want %s, got %s", want.Verdict, got.Verdict))
	}
	if want.Exit != got.Exit {
		d = append(d, fmt.Sprintf("exit code: want %d, got %d", want.Exit, got.Exit))
	}
	if want.Name != got.Name {
		d = append(d, fmt.Sprintf("violated name: want %q, got %q", want.Name, got.Name))
	}
	if want.Distinct >= 0 && want.Distinct != got.Distinct {
		d = append(d, fmt.Sprintf("distinct states: want %d, got %d", want.Distinct, got.Distinct))
	}
	if want.Generated >= 0 && want.Generated != got.Generated {
		d = append(d, fmt.Sprintf("states generated: want %d, got %d", want.Generated, got.Generated))
	}
	if want.Depth >= 0 && want.Depth != got.Depth {
		d = append(d, fmt.Sprintf("depth: want %d, got %d", want.Depth, got.Depth))
	}
	// A liveness counterexample is compared by verdict and counts only: of
	// the many lassos through a fair cycle, TLC's choice follows its own
	// search order. gotlc's lasso is checked by replaying it through the
	// spec instead (gotlc/liveness tests).
	if HasTrace(want.Verdict) && !got.Lasso {
		if want.TraceLen != got.TraceLen {
			d = append(d, fmt.Sprintf("trace length: want %d states, got %d", want.TraceLen, got.TraceLen))
		}
		d = append(d, diffState("final state", want.Final, got.Final)...)
		if want.Trace != nil {
			for i := 0; i < len(want.Trace)-1; i++ {
				var g State
				if i < len(got.Trace) {
					g = got.Trace[i]
				}
				d = append(d, diffState(fmt.Sprintf("state %d", i+1), want.Trace[i], g)...)
			}
		}
	}
	return d
}

func diffState(which string, want, got State) []string {
	if want == nil {
		return nil
	}
	if got == nil {
		return []string{which + ": want\n" + want.Format() + "got no such state"}
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var d []string
	for _, n := range names {
		w, wok := want[n]
		g, gok := got[n]
		switch {
		case !gok:
			d = append(d, fmt.Sprintf("%s: variable %s missing (want %s)", which, n, w))
		case !wok:
			d = append(d, fmt.Sprintf("%s: unexpected variable %s = %s", which, n, g))
		case w != g:
			d = append(d, fmt.Sprintf("%s: %s: want %s, got %s", which, n, w, g))
		}
	}
	return d
}

var reRefusal = regexp.MustCompile(`(?i)liveness|temporal`)

// CheckRefusal reports what is wrong with gotlc's answer to a model it must
// refuse (one with a liveness property): it must exit non-zero, must not
// claim success, and must say that liveness/temporal checking is the reason.
func CheckRefusal(got Result) []string {
	var d []string
	if got.Exit == 0 {
		d = append(d, "gotlc must refuse a liveness property with a non-zero exit code, but exited 0")
	}
	if got.Verdict == Success || output.SaysSuccess(got.Output) {
		d = append(d, "gotlc claimed success on a model with a liveness property it cannot check")
	}
	if !reRefusal.MatchString(got.Output) {
		d = append(d, "gotlc's refusal does not mention liveness or temporal properties:\n"+tail(got.Output, 1000))
	}
	return d
}
