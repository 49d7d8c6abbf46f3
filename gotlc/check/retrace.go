package check

import (
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// PropertyEvalError is an evaluation error raised by an action property
// (a [][A]_v part of a PROPERTY) on a step: TLC reports it as
// "Evaluating action property Name failed.".
type PropertyEvalError struct {
	Name string
	Err  error
}

func (e *PropertyEvalError) Error() string { return e.Err.Error() }
func (e *PropertyEvalError) Unwrap() error { return e.Err }

// Retrace evaluates again, on m, what raised res's evaluation error and
// returns the error it raises now (nil if none): the expansion of
// res.ErrState (Next, the constraints, VIEW, the action properties and
// the liveness labels, in the search's order), the invariant res names on
// the trace's last state, or else the initial states with their checks.
// m is meant to be built from the same spec with RunInfo.TraceCalls, so
// that the error carries its chain of calls (TLC re-evaluates in the same
// way, with its CallStackTool, to print "the nested expressions").
func Retrace(m *Model, res *Result) error {
	c := &checker{core: core{m}}
	switch {
	case res.ErrState != nil:
		return c.expandOne(res.ErrState, res.ErrLevel).err
	case res.Name != "":
		if len(res.Trace) == 0 {
			return nil
		}
		level := len(res.Trace)
		st := res.Trace[level-1].State
		for _, inv := range m.Invariants {
			if inv.Name == res.Name {
				_, err := inv.Pred.HoldsAt(st, nil, level)
				return err
			}
		}
		return nil
	}
	var err error
	_, rerr := m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		if err != nil {
			return
		}
		if _, err = c.fingerprintAt(s, 1); err != nil {
			return
		}
		if _, err = c.inModelAt(nil, s, 0); err != nil {
			return
		}
		_, _, err = c.checkInit(s)
	})
	if rerr != nil {
		return rerr
	}
	return err
}

// RetraceSim draws again, on m (see Retrace), the behaviour of a
// simulation with options opt that failed with res's evaluation error and
// returns the error it raises now (nil if none).
func RetraceSim(m *Model, opt SimOptions, res *SimResult) error {
	c := &checker{core: core{m}, opt: Options{Workers: 1, CheckDeadlock: opt.CheckDeadlock}}
	if opt.Depth <= 0 {
		opt.Depth = 100
	}
	var inits [][]value.Value
	if _, err := m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		inits = append(inits, s)
	}); err != nil || len(inits) == 0 {
		return err
	}
	if b := c.behaviour(inits, opt, res.Behaviour); b.res != nil {
		return b.res.Err
	}
	return nil
}
