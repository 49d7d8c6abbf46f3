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
	// envs and lets are the unused tails of the blocks bindings are
	// carved from (Run is not safe for concurrent use).
	envs []env
	lets []thunkEnv
	// conts are the idle continuations of the last Run (Ctx.conts), kept
	// for the next; done is the continuation every successor reaches,
	// built once, which hands the state to emit (Run's argument).
	conts []*andCont
	done  func()
	emit  func(next []value.Value)
	next  []value.Value // the partial next state of Run, reused
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
// complete successor (a fresh slice). No successor means the action is not
// enabled in s with these arguments.
func (o *OpAction) Run(s []value.Value, args []value.Value, emit func(next []value.Value)) (err error) {
	defer catch(&err)
	if len(args) != len(o.Def.Params) {
		return fmt.Errorf("action %s takes %d parameters, %d given", o.Def.Name, len(o.Def.Params), len(args))
	}
	// The context is one allocation; the arguments' bindings (and the
	// evaluation's: Ctx.arena) are carved from blocks o keeps, the
	// partial next state, the idle continuations and the final one are
	// o's own.
	c := &Ctx{arena: true, envs: o.envs, lets: o.lets, conts: o.conts}
	defer func() {
		o.envs, o.lets, o.conts, o.emit = c.envs, c.lets, c.conts, nil
		c.Release()
	}()
	var e *env
	for _, v := range args {
		e = c.newEnv(v, e)
	}
	n := len(o.p.Vars)
	if len(o.next) != n {
		o.next = make([]value.Value, n)
	}
	clear(o.next) // assignments are undone as the run returns, but not after a panic
	c.S, c.N = s, o.next
	if o.done == nil {
		o.done = o.complete
	}
	o.emit = emit
	o.a(c, e, o.done)
	return nil
}

// complete hands the successor the run has assigned (o.next) to o.emit as
// a fresh slice.
func (o *OpAction) complete() {
	next := o.next
	for i, v := range next {
		if v == nil {
			partial := make([]value.Value, len(next))
			copy(partial, next)
			panic(&IncompleteError{Msg: fmt.Sprintf("Successor state is not completely specified by action %s. The following variable is not assigned: %s.", o.Def.Name, o.p.Vars[i].Name),
				Partial: partial})
		}
	}
	out := make([]value.Value, len(next)) // not carved: a kept state would keep its block's others
	copy(out, next)
	o.emit(out)
}
