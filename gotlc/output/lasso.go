package output

import (
	"fmt"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/liveness"
)

// LivenessStart prints TLC's line before the liveness check of a
// complete state space of distinct states with the given number of
// branches.
func (p Printer) LivenessStart(branches int, distinct int64, at time.Time) {
	if branches > 1 {
		fmt.Fprintf(p.W, "Checking %d branches of temporal properties for the complete state space with %d total distinct states at (%s)\n", branches, int64(branches)*distinct, Stamp(at))
	} else {
		fmt.Fprintf(p.W, "Checking temporal properties for the complete state space with %d total distinct states at (%s)\n", distinct, Stamp(at))
	}
}

// LivenessDone prints TLC's line after the liveness check.
func (p Printer) LivenessDone(start time.Time) {
	fmt.Fprintf(p.W, "Finished checking temporal properties in %s at %s\n", Duration(time.Since(start)), Stamp(time.Now()))
}

// counterexample prints the header and states of a temporal violation.
func (p Printer) counterexample(rep *Report, tr []check.Step) {
	p.errorf(rep, "Temporal properties were violated.\n")
	fmt.Fprintln(p.W, "Error: The following behavior constitutes a counter-example:")
	fmt.Fprintln(p.W)
	p.steps(tr)
	rep.Trace = p.states(tr)
}

// Lasso prints a liveness counterexample found after the search of r as
// TLC does (the states, then "Back to state N: <Action>" or "State N:
// Stuttering", then the counts) and returns its Report (exit code 13).
func (p Printer) Lasso(r *check.Result, cx *liveness.Counterexample, start time.Time) Report {
	rep := noCounts()
	// The search's result, with the lasso's states (and their actions) as
	// its trace.
	lr := *r
	lr.Verdict, lr.Trace = check.PropertyViolated, cx.Trace
	rep.Result = &lr
	p.counterexample(&rep, cx.Trace)
	if cx.Stutter {
		fmt.Fprintf(p.W, "State %d: Stuttering\n", len(cx.Trace)+1)
		rep.Trace = append(rep.Trace, State{})
	} else {
		back := "?"
		if cx.Back != nil {
			back = cx.Back.Text
		}
		fmt.Fprintf(p.W, "Back to state %d: <%s>\n\n", cx.LoopStart+1, back)
		rep.Loop, rep.Back = cx.LoopStart+1, back
	}
	rep.Lasso = true
	p.LivenessDone(start)
	fmt.Fprintf(p.W, "%d states generated, %d distinct states found, %d states left on queue.\n", r.Generated, r.Distinct, r.Left)
	fmt.Fprintf(p.W, "The depth of the complete state graph search is %d.\n", r.Depth)
	rep.Generated, rep.Distinct, rep.Left, rep.Depth = r.Generated, r.Distinct, r.Left, int64(r.Depth)
	rep.Verdict, rep.Exit = Property, ExitProperty
	return rep
}

// WriteLassoJSON writes a liveness counterexample as -dumpTrace json.
func WriteLassoJSON(file string, p *eval.Program, cx *liveness.Counterexample) error {
	t := NewTraceJSON(p, &check.Result{Verdict: check.PropertyViolated, Trace: cx.Trace})
	t.Verdict = "temporal"
	if cx.Stutter {
		t.Stuttering = true
	} else {
		t.LoopStart = cx.LoopStart + 1
		if cx.Back != nil {
			t.BackAction = cx.Back.Name
		}
	}
	return writeJSON(file, t)
}
