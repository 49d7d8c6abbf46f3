package eval

import (
	"fmt"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// OpAction is an action operator of the root module, Op(p1, ..., pn) ==
// body, compiled so that the step Op(v1, ..., vn) can be taken from a state
// with argument values chosen at run time (trace validation: each event of
// a trace names the action and its parameters).
type OpAction struct {
	p   *Program
	Def *syntax.OpDef
	a   act
	// out, envs and lets are the unused tails of the blocks successors
	// and bindings are carved from (Run is not safe for concurrent use).
	out  []value.Value
	envs []env
	lets []thunkEnv
}

// CompileOpAction compiles definition d of the root module as an action.
// Its parameters must be ordinary (not operators).
func (p *Program) CompileOpAction(d *syntax.OpDef) (oa *OpAction, err error) {
	defer catch(&err)
	for _, pr := range d.Params {
		if pr.Arity > 0 {
			return nil, fmt.Errorf("%s: parameter %s is an operator", d.Name, pr.Name)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return &OpAction{p: p, Def: d, a: p.defAct(p.defIn(p.root, d), modeNext)}, nil
}

// Run takes the step Def(args...) from state s and calls emit with every
// complete successor (a slice no one else writes; successors of the runs
// of o share blocks of memory). No successor means the action is not
// enabled in s with these arguments.
func (o *OpAction) Run(s []value.Value, args []value.Value, emit func(next []value.Value)) (err error) {
	defer catch(&err)
	if len(args) != len(o.Def.Params) {
		return fmt.Errorf("action %s takes %d parameters, %d given", o.Def.Name, len(o.Def.Params), len(args))
	}
	// The context is one allocation; the arguments' bindings (and the
	// evaluation's: Ctx.arena), the partial next state and the
	// successors are carved from blocks o keeps.
	c := &Ctx{arena: true, envs: o.envs, lets: o.lets}
	defer func() { o.envs, o.lets = c.envs, c.lets }()
	var e *env
	for _, v := range args {
		e = c.newEnv(v, e)
	}
	n := len(o.p.Vars)
	next := o.carve(n)
	c.S, c.N = s, next
	o.a(c, e, func() {
		for i, v := range next {
			if v == nil {
				partial := make([]value.Value, n)
				copy(partial, next)
				panic(&IncompleteError{Msg: fmt.Sprintf("Successor state is not completely specified by action %s. The following variable is not assigned: %s.", o.Def.Name, o.p.Vars[i].Name),
					Partial: partial})
			}
		}
		out := o.carve(n)
		copy(out, next)
		emit(out)
	})
	return nil
}

// carve is a slice of n nil values from o's block.
func (o *OpAction) carve(n int) []value.Value {
	if len(o.out) < n {
		o.out = make([]value.Value, 64*n)
	}
	v := o.out[:n:n]
	o.out = o.out[n:]
	return v
}
