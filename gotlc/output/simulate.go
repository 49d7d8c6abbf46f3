package output

import (
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
		rep.Verdict, rep.Name = EvalError, ""
		if res.Name != "" {
			p.errorf(&rep, "Evaluating invariant %s failed.\n%v", res.Name, res.Err)
			rep.Exit = ExitInvEval
		} else {
			p.errorf(&rep, "%v", res.Err)
			rep.Exit = ExitCodeOf(res.Err)
		}
	}
	p.Trace(res.Trace)
	rep.Trace = p.states(res.Trace)
	fmt.Fprintf(p.W, "The number of states generated: %d\n", res.States)
	fmt.Fprintf(p.W, "Simulation using seed %d and aril 0\n", seed)
	fmt.Fprintf(p.W, "Progress: %d states checked.\n", res.States)
	return rep
}
