package check

import (
	"bytes"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// core is what every search mode shares, the way TLC's checkers share one
// base: a state's identity (its fingerprint under VIEW and SYMMETRY), the
// model's bounds (CONSTRAINT and ACTION_CONSTRAINT) and the checks of a
// state (invariants, the []P and initial parts of properties) and of a step
// (the [][A]_v parts). Breadth-first search (Check), simulation (Simulate),
// Visit and the liveness graph (live.go) use it; none has a copy.
type core struct {
	m *Model
}

// fingerprint is the state's identity under VIEW and SYMMETRY
// (stateFingerprint, symmetry.go, is the one function that computes it).
func (c core) fingerprint(s []value.Value) (uint64, error) {
	return stateFingerprint(c.m, s)
}

// fingerprintAt is fingerprint for a state of breadth-first level level.
func (c core) fingerprintAt(s []value.Value, level int) (uint64, error) {
	return stateFingerprintAt(c.m, s, level)
}

// inModel reports whether the state t (reached from s; nil for an initial
// state) is inside the CONSTRAINTs and, for a step, the ACTION_CONSTRAINTs.
func (c core) inModel(s, t []value.Value) (bool, error) {
	return c.inModelAt(s, t, -1)
}

// inModelAt is inModel with s of breadth-first level level (t of level+1;
// for an initial state t, s is nil and level 0); -1: not known.
func (c core) inModelAt(s, t []value.Value, level int) (bool, error) {
	holds := func(p *eval.Pred, s, t []value.Value, l int) (bool, error) {
		if level < 0 {
			return p.Holds(s, t)
		}
		return p.HoldsAt(s, t, l)
	}
	for _, k := range c.m.Constraints {
		ok, err := holds(k.Pred, t, nil, level+1)
		if err != nil || !ok {
			return false, err
		}
	}
	if s != nil {
		for _, k := range c.m.ActionConstraints {
			ok, err := holds(k.Pred, s, t, level)
			if err != nil || !ok {
				return false, err
			}
		}
	}
	return true, nil
}

// checkState checks the invariants (and []P parts of properties) of s.
func (c core) checkState(s []value.Value) (Verdict, string, error) {
	return c.checkStateAt(s, -1)
}

// checkStateAt is checkState for a state of breadth-first level level
// (TLCGet("level"); -1: not known).
func (c core) checkStateAt(s []value.Value, level int) (Verdict, string, error) {
	return c.checkStateTo(s, level, nil)
}

// checkStateTo is checkStateAt with Print and PrintT writing to out (nil:
// the Program's Out).
func (c core) checkStateTo(s []value.Value, level int, out *bytes.Buffer) (Verdict, string, error) {
	ctx := eval.NewCtx(s, nil)
	defer ctx.Release()
	if out != nil {
		ctx.SetOutput(out)
	}
	if level >= 0 {
		ctx.SetLevel(level)
	}
	for _, inv := range c.m.Invariants {
		ok, err := inv.Pred.HoldsIn(ctx)
		if err != nil {
			return EvalError, inv.Name, err
		}
		if !ok {
			return InvariantViolated, inv.Name, nil
		}
	}
	return c.checkParts(s, func(p *eval.Property) []*eval.StateCheck { return p.Always })
}

// checkParts checks s against the state-level parts of each property that
// parts selects ([]P parts for every state, P parts for initial states).
func (c core) checkParts(s []value.Value, parts func(*eval.Property) []*eval.StateCheck) (Verdict, string, error) {
	for _, p := range c.m.Properties {
		for _, a := range parts(p.Prop) {
			ok, err := a.Holds(s)
			if err != nil {
				return EvalError, p.Name, err
			}
			if !ok {
				return PropertyViolated, p.Name, nil
			}
		}
	}
	return Success, "", nil
}

// checkInit checks an initial state: checkState, then the state-predicate
// parts of the properties (which hold of the initial state only).
func (c core) checkInit(s []value.Value) (Verdict, string, error) {
	if v, name, err := c.checkStateAt(s, 1); v != Success {
		return v, name, err
	}
	return c.checkParts(s, func(p *eval.Property) []*eval.StateCheck { return p.Init })
}

// checkStep evaluates every [][A]_v part of the properties on the step
// from s to t and returns the name of the first one violated ("" if none);
// on an evaluation error it returns the error and the name of the
// property being evaluated.
func (c core) checkStep(s, t []value.Value) (violated, errProp string, err error) {
	for _, p := range c.m.Properties {
		for _, a := range p.Prop.Actions {
			ok, err := a.Holds(s, t)
			if err != nil {
				return violated, p.Name, err
			}
			if !ok && violated == "" {
				violated = a.Name
			}
		}
	}
	return violated, "", nil
}
