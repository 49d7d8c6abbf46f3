package output

import (
	"errors"
	"fmt"

	"github.com/veralloc/veralloc/gotlc/check"
)

// Simulation prints the outcome of a random simulation (check.Simulate,
// TLC's -simulate) with the seed and the behaviour length bound it ran
// with, and returns the Report of what it printed (a simulation has no
// distinct-state count or depth: those are -1).
func (p Printer) Simulation(res *check.SimResult, seed int64, depth int) Report {
	rep := noCounts()
	rep.Name = res.Name
	switch res.Verdict {
	case check.Success:
		fmt.Fprintf(p.W, "Progress: %d states checked.\n", res.States)
		mean := 0.0
		if res.Traces > 0 {
			mean = float64(res.LenSum) / float64(res.Traces)
		}
		fmt.Fprintf(p.W, "Simulation completed: %d behaviours (mean length %.1f states, at most %d), no error found (seed %d, behaviours digest %016x).\n", res.Traces, mean, depth, seed, res.Digest)
		rep.Verdict, rep.Exit = Success, ExitOK
		return rep
	case check.InvariantViolated:
		p.errorf(&rep, "Invariant %s is violated.", res.Name)
		rep.Verdict, rep.Exit = Invariant, ExitSafety
	case check.PropertyViolated:
		p.errorf(&rep, "Action property %s is violated.", res.Name)
		rep.Verdict, rep.Exit = Property, ExitProperty
	case check.Deadlock:
		p.errorf(&rep, "Deadlock reached.")
		rep.Verdict, rep.Exit, rep.Name = Deadlock, ExitDeadlock, ""
	default:
		// TLC 2.20 prints no nested positions in a simulation; gotlc
		// appends its chain to the message (as for an invariant).
		rep.Verdict, rep.Name = EvalError, ""
		msg := evalMessage(res.Err)
		var pe *check.PropertyEvalError
		switch {
		case res.Name != "":
			p.errorf(&rep, "Evaluating invariant %s failed.\n%s", res.Name, msg)
			rep.Exit = ExitInvEval
		case errors.As(res.Err, &pe):
			p.errorf(&rep, "Evaluating action property %s failed.\n%s", pe.Name, msg)
			rep.Exit = ExitProperty // TLC 2.20: 13
		default:
			p.errorf(&rep, "%s", msg)
			rep.Exit = ExitCodeOf(res.Err)
			if rep.Exit == ExitEval {
				rep.Exit = ExitError // TLC 2.20's simulator: 255
			}
		}
	}
	p.Trace(res.Trace)
	rep.Trace = p.states(res.Trace)
	fmt.Fprintf(p.W, "The number of states generated: %d\n", res.States)
	fmt.Fprintf(p.W, "Simulation using seed %d and aril 0\n", seed)
	fmt.Fprintf(p.W, "Progress: %d states checked.\n", res.States)
	return rep
}
