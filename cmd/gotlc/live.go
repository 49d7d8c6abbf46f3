package main

import (
	"fmt"
	"io"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/liveness"
)

// prepareLiveness sets up the liveness check of the model's temporal
// properties (nil if there are none); a formula TLC refuses ends the run
// with TLC's message and exit code.
func prepareLiveness(out io.Writer, m *check.Model) (*liveness.Checker, int, bool) {
	lc, err := liveness.New(m)
	if err != nil {
		fmt.Fprintf(out, "Error: %v\n", err)
		return nil, exitError, false
	}
	if lc != nil {
		m.Graph = lc.Graph()
		fmt.Fprintf(out, "Implied-temporal checking--satisfiability problem has %d branches.\n", lc.Branches())
	}
	return lc, 0, true
}

// checkLiveness runs the liveness check after a successful search and
// prints TLC's lines; ok is false when it found a violation or failed
// (then code is the exit code and the report is printed).
func checkLiveness(out io.Writer, p *eval.Program, lc *liveness.Checker, r *check.Result) (code int, cx *liveness.Counterexample, ok bool) {
	start := time.Now()
	if n := lc.Branches(); n > 1 {
		fmt.Fprintf(out, "Checking %d branches of temporal properties for the complete state space with %d total distinct states at (%s)\n", n, int64(n)*r.Distinct, stamp(start))
	} else {
		fmt.Fprintf(out, "Checking temporal properties for the complete state space with %d total distinct states at (%s)\n", r.Distinct, stamp(start))
	}
	cx, err := lc.Check()
	if err != nil {
		cx = nil
	}
	done := func() {
		fmt.Fprintf(out, "Finished checking temporal properties in %s at %s\n", duration(time.Since(start)), stamp(time.Now()))
	}
	counts := func() {
		fmt.Fprintf(out, "%d states generated, %d distinct states found, %d states left on queue.\n", r.Generated, r.Distinct, r.Left)
		fmt.Fprintf(out, "The depth of the complete state graph search is %d.\n", r.Depth)
	}
	if err != nil {
		fmt.Fprintf(out, "Error: %v\n", err)
		done()
		counts()
		return exitError, nil, false
	}
	if cx == nil {
		done()
		return exitOK, nil, true
	}
	printCounterexampleHeader(out)
	for i, st := range cx.Trace {
		printStep(out, p, i, st)
	}
	if cx.Stutter {
		fmt.Fprintf(out, "State %d: Stuttering\n", len(cx.Trace)+1)
	} else {
		back := "?"
		if cx.Back != nil {
			back = cx.Back.Text
		}
		fmt.Fprintf(out, "Back to state %d: <%s>\n\n", cx.LoopStart+1, back)
	}
	done()
	counts()
	return exitProperty, cx, false
}

// dumpLasso writes a liveness counterexample in the -dumpTrace json
// format; "loopStart" is the index (from 1) of the state the last step
// goes back to, or 0 when the behaviour ends by stuttering forever in its
// last state ("stuttering": true).
func dumpLasso(file string, p *eval.Program, cx *liveness.Counterexample) error {
	r := &check.Result{Verdict: check.PropertyViolated, Name: "temporal properties", Trace: cx.Trace}
	t := traceOf(p, r)
	t.Verdict = "temporal"
	if cx.Stutter {
		t.Stuttering = true
	} else {
		t.LoopStart = cx.LoopStart + 1
		if cx.Back != nil {
			t.BackAction = cx.Back.Name
		}
	}
	return writeTrace(file, t)
}

func printCounterexampleHeader(out io.Writer) {
	fmt.Fprintln(out, "Error: Temporal properties were violated.")
	fmt.Fprintln(out)
	fmt.Fprintln(out, "Error: The following behavior constitutes a counter-example:")
	fmt.Fprintln(out)
}

// printStep prints state i of a counterexample and the blank line after it.
func printStep(out io.Writer, p *eval.Program, i int, st check.Step) {
	if st.Label == nil {
		fmt.Fprintf(out, "State %d: <Initial predicate>\n", i+1)
	} else {
		fmt.Fprintf(out, "State %d: <%s>\n", i+1, st.Label.Text)
	}
	printState(out, p, st.State)
	fmt.Fprintln(out)
}
