package eval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// act is a compiled action. It explores the ways the action can hold from
// the current state c.S, extending the partial next state c.N: the first
// `x' = e` (or `x' \in S`, or UNCHANGED x) met for an unassigned x assigns
// it, later ones test it; \/, \E, IF and CASE branch. For every complete way
// it calls k, with c.N holding the assignments; assignments are undone when
// k returns. In init mode the same is done for `x = e` and `x \in S` on the
// unprimed variables (c.S and c.N are then the same slice).
type act func(c *Ctx, e *env, k func())

const (
	modeNext = 0
	modeInit = 1
)

// Action is a compiled next-state relation or initial predicate.
type Action struct {
	p    *Program
	a    act
	init bool
	// labels are the sub-actions of a next-state action (see Labels).
	labels []*Label
	// quiet discards what Print and PrintT print (Quiet).
	quiet bool
}

// Quiet is a, with what Print and PrintT print discarded: the action as
// the checker runs it again to rebuild an error trace, once what it
// printed has been printed.
func (a *Action) Quiet() *Action {
	q := *a
	q.quiet = true
	return &q
}

// Label names the sub-action that produced a state, as TLC prints it:
// "Name line L, col C to line L2, col C2 of module M".
type Label struct {
	Name string
	Span syntax.Span
	Text string
	// base is the sub-action's label without parameter values when this
	// one carries them (Text "Try(1) line ...", from Action.RunNamed).
	base *Label
}

// Location is where the sub-action is written, as TLC prints it
// ("line L, col C to line L2, col C2 of module M").
func (l *Label) Location() string { return l.Span.TLCString(moduleOfSpan(l.Span)) }

// Static is the label without parameter values: the one Labels lists.
func (l *Label) Static() *Label {
	if l.base != nil {
		return l.base
	}
	return l
}

// withArgs is l with the values of its operator's parameters, as TLC 2.20
// prints a step of a trace: <C("a",<<"a", 1>>) line 6, col 12 to ...>.
func (l *Label) withArgs(args []value.Value) *Label {
	var b strings.Builder
	b.WriteString(l.Name)
	b.WriteByte('(')
	for i, v := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(value.String(v))
	}
	b.WriteString(") ")
	b.WriteString(l.Location())
	return &Label{Name: l.Name, Span: l.Span, Text: b.String(), base: l}
}

// CompileNext compiles a next-state action of the root module, splitting it
// into labelled sub-actions the way TLC does (through \/, \E and operator
// definitions); name and span label the top level.
func (p *Program) CompileNext(x syntax.Expr, name string, span syntax.Span) (a *Action, err error) {
	defer catch(&err)
	p.mu.Lock()
	defer p.mu.Unlock()
	s := &scope{node: p.root}
	lbl := newLabel(name, span)
	return p.splitAction(func() act { return p.compileSplit(x, s, lbl) }), nil
}

// CompileInit compiles an initial predicate of the root module.
func (p *Program) CompileInit(x syntax.Expr) (a *Action, err error) {
	defer catch(&err)
	p.mu.Lock()
	defer p.mu.Unlock()
	return &Action{p: p, a: p.compileAct(x, &scope{node: p.root}, modeInit), init: true}, nil
}

func newLabel(name string, span syntax.Span) *Label {
	return &Label{Name: name, Span: span, Text: name + " " + span.TLCString(moduleOfSpan(span))}
}

// Run explores a from state s (nil for an initial predicate) and calls emit
// for every complete successor with the next state (a fresh slice the
// callee may keep) and the label of the sub-action. A variable left
// unassigned is an error, as in TLC.
//
// seq numbers the TLC sub-action (one per operator and \E binding reached
// while splitting Next) that produced the state; lastSeq is the sub-action
// being explored when Run returned (useful with an error).
func (a *Action) Run(s []value.Value, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	return a.run(s, -1, nil, false, emit)
}

// RunNamed is Run for printing a trace: the label of a sub-action whose
// operator has parameters carries their values (Label.Static is the label
// Run gives).
func (a *Action) RunNamed(s []value.Value, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	return a.runNamed(s, -1, emit)
}

// RunNamedAt is RunNamed from a state of breadth-first level level.
func (a *Action) RunNamedAt(s []value.Value, level int, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	return a.runNamed(s, level, emit)
}

func (a *Action) runNamed(s []value.Value, level int, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	return a.run(s, level, nil, true, emit)
}

// RunAt is Run from a state of breadth-first level level (initial states
// are level 1), which TLCGet("level") reports.
func (a *Action) RunAt(s []value.Value, level int, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	return a.run(s, level, nil, false, emit)
}

// RunCounted is RunAt that also returns the number of states TLC counts as
// generated without their being successors: the intermediate states of
// action compositions (A \cdot B), which TLC adds to "states generated".
func (a *Action) RunCounted(s []value.Value, level int, emit func(next []value.Value, label *Label, seq int)) (lastSeq, hidden int, err error) {
	return a.RunCountedTo(s, level, nil, emit)
}

// RunCountedTo is RunCounted with Print and PrintT writing to out (nil:
// the Program's Out), so that the search can order what is printed.
func (a *Action) RunCountedTo(s []value.Value, level int, out io.Writer, emit func(next []value.Value, label *Label, seq int)) (lastSeq, hidden int, err error) {
	lastSeq, err = a.runTo(s, level, &hidden, false, out, emit)
	return lastSeq, hidden, err
}

func (a *Action) run(s []value.Value, level int, hidden *int, named bool, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	return a.runTo(s, level, hidden, named, nil, emit)
}

func (a *Action) runTo(s []value.Value, level int, hidden *int, named bool, out io.Writer, emit func(next []value.Value, label *Label, seq int)) (lastSeq int, err error) {
	if a.quiet {
		out = io.Discard
	}
	var c *Ctx
	defer func() {
		if c != nil {
			lastSeq = c.actSeq
			c.Release()
		}
	}()
	defer catch(&err)
	n := len(a.p.Vars)
	next := make([]value.Value, n)
	c = &Ctx{S: s, N: next, hidden: hidden, named: named, out: out}
	c.carve()
	if level >= 0 {
		c.SetLevel(level)
	}
	if a.init {
		c.SetLevel(0)
		// The initial predicate reads the variables it has assigned so far:
		// S is the state being built, so nothing may be memoised.
		c.S = next
		c.noMemo = true
		// A generator of its own, the same at every run of the initial
		// predicate: the search and the rebuilding of an error trace
		// (which runs it again) draw the same initial states.
		c.rng = rand.New(rand.NewPCG(a.p.rngSeed, 1))
	}
	c.label = nil
	a.a(c, nil, func() {
		for i, v := range next {
			if v == nil {
				what := "the initial predicate"
				if !a.init {
					what = "action " + labelName(c.label) + " of the next-state relation"
				}
				partial := make([]value.Value, n)
				copy(partial, next)
				panic(&IncompleteError{Msg: fmt.Sprintf("Successor state is not completely specified by %s. The following variable is not assigned: %s.", what, a.p.Vars[i].Name),
					Label: c.label, Partial: partial})
			}
		}
		out := make([]value.Value, n)
		copy(out, next)
		lbl := c.label
		if c.lblArgs != nil && lbl != nil {
			lbl = lbl.withArgs(c.lblArgs)
		}
		emit(out, lbl, c.actSeq)
	})
	return c.actSeq, nil
}

func labelName(l *Label) string {
	if l == nil {
		return "Next"
	}
	return l.Name
}

// compileSplit descends through the parts of Next that TLC splits into
// separate sub-actions (syntax.SplitAt, the rule trace validation and the
// traceability matrix use too), setting the label for everything below.
func (p *Program) compileSplit(x syntax.Expr, s *scope, lbl *Label) act {
	if sp, ok := syntax.SplitAt(x); ok {
		switch {
		case sp.Items != nil:
			items := make([]act, len(sp.Items))
			for i, it := range sp.Items {
				items[i] = p.compileSplit(it, s, lbl)
			}
			return orAct(items)
		case sp.Exists != nil:
			if set, node, inner, ok := p.singleBinder(sp.Exists.Binders, s); ok {
				body := p.compileSplit(sp.Exists.Body, inner, lbl)
				return func(c *Ctx, e *env, k func()) {
					eachBound(node, e, set(c, e), func(e2 *env) bool { body(c, e2, k); return true })
				}
			}
			iter, inner := p.compileQuantBinders(sp.Exists, s)
			body := p.compileSplit(sp.Exists.Body, inner, lbl)
			return func(c *Ctx, e *env, k func()) {
				iter(c, e, func(e2 *env) bool { body(c, e2, k); return true })
			}
		default:
			return p.callAct(sp.Ref, sp.Args, sp.Site, s, modeNext, newLabel(sp.Def.Name, sp.Def.Body.Range()))
		}
	}
	a := p.compileAct(x, s, modeNext)
	p.splitLabels = append(p.splitLabels, lbl)
	return func(c *Ctx, e *env, k func()) {
		c.label = lbl
		c.actSeq++
		a(c, e, k)
	}
}

func orAct(items []act) act {
	return func(c *Ctx, e *env, k func()) {
		for _, it := range items {
			it(c, e, k)
		}
	}
}

// callAct inlines a user operator used as an action. With lbl != nil the
// body is split further (TLC names sub-actions by the innermost operator).
func (p *Program) callAct(r *syntax.Ref, args []syntax.Expr, site syntax.Node, s *scope, mode int, lbl *Label) act {
	d := r.Def
	if len(args) != len(d.Params) {
		fail(site, "operator %s takes %d arguments, %d given", d.Name, len(d.Params), len(args))
	}
	n := p.descend(s.node, r.Via)
	if w, ok := p.replaced[d]; ok && len(w.Params) == len(d.Params) && len(n.baseKeys) == 0 && len(r.Via) == 0 {
		d, n = w, p.descend(p.root, p.replacedVia[w])
	}
	cd := p.defInAs(n, d, len(r.Via) > 0)
	var body act
	if lbl != nil {
		inner := &scope{keys: append(append([]any{}, n.baseKeys...), paramKeys(d.Params)...), node: n}
		body = p.compileSplit(d.Body, inner, lbl)
	} else {
		body = p.defAct(cd, mode)
	}
	base := p.viaEnv(r.Via, s)
	argFns := p.compileActArgs(d, args, s, mode)
	if p.run.TraceCalls {
		// Re-evaluation after an error (no labels are wanted then).
		var bodySp syntax.Span
		if d.Body != nil {
			bodySp = d.Body.Range()
		}
		return traceAct(callSpan(site, d), bodySp, base, argFns, body)
	}
	// The arguments are the innermost bindings of the caller, in order
	// (\E t \in T : \E k \in K : Add(t, k)), and the body sees nothing
	// but its parameters: the caller's environment already is the one
	// the body needs, and no argument is evaluated or pushed.
	direct := len(r.Via) == 0 && len(n.baseKeys) == 0 && p.innermostArgs(d, args, s)
	if lbl != nil {
		// A labelled sub-action: when the caller wants the labels TLC
		// prints in traces (Action.RunNamed), record the values of its
		// parameters (none for a definition without parameters).
		np := len(d.Params)
		return func(c *Ctx, e *env, k func()) {
			var b *env
			if direct {
				b = e
			} else {
				b = pushArgs(c, e, base(c, e), argFns)
			}
			if !c.named {
				body(c, b, k)
				return
			}
			save := c.lblArgs
			c.lblArgs = labelArgs(c, b, np)
			body(c, b, k)
			c.lblArgs = save
		}
	}
	if direct {
		return body
	}
	return func(c *Ctx, e *env, k func()) {
		b := base(c, e)
		b = pushArgs(c, e, b, argFns)
		body(c, b, k)
	}
}

// innermostArgs reports whether args, the arguments of a call of d in
// scope s, are the innermost bound variables or value parameters of s in
// order (the last argument the innermost binding), so that the
// environment of the call site holds them as d's parameters.
func (p *Program) innermostArgs(d *syntax.OpDef, args []syntax.Expr, s *scope) bool {
	if len(args) == 0 || len(args) != len(d.Params) {
		return false
	}
	primed := p.primedParams(d)
	for i, a := range args {
		if d.Params[i].Arity > 0 || (i < len(primed) && primed[i]) {
			// An operator argument, or one the body primes: passed
			// as an *actArg, not as the binding itself.
			return false
		}
		r, ok := unparen(a).(*syntax.Ref)
		if !ok {
			return false
		}
		var key any
		switch {
		case r.Kind == syntax.RefBound:
			key = r.Bound
		case r.Kind == syntax.RefParam && r.Param.Arity == 0:
			key = r.Param
		default:
			return false
		}
		if s.depth(key) != len(args)-1-i {
			return false
		}
	}
	return true
}

// traceAct is callAct's action under RunInfo.TraceCalls: an evaluation
// error raised by the called action gets the call site in its Chain. The
// continuation k (the rest of the enclosing action) runs inside the call,
// so an error raised there is not the call's and is left alone.
func traceAct(sp, bodySp syntax.Span, base func(*Ctx, *env) *env, argFns []argFn, body act) act {
	return func(c *Ctx, e *env, k func()) {
		inK, inBody := false, false
		defer func() {
			if r := recover(); r != nil {
				if !inK {
					if inBody && bodySp.Line > 0 {
						chainAdd(r, bodySp) // TLC lists the body after the call
					}
					chainAdd(r, sp)
				}
				panic(r)
			}
		}()
		b := base(c, e)
		b = pushArgs(c, e, b, argFns)
		inBody = true
		body(c, b, func() {
			inK = true
			k()
			inK = false
		})
	}
}

// labelArgs are the values of the np innermost entries of b, the
// parameters of a labelled sub-action, in order (nil when np is 0 or one
// is not a value: an operator argument).
func labelArgs(c *Ctx, b *env, np int) []value.Value {
	if np == 0 {
		return nil
	}
	out := make([]value.Value, np)
	for i := np - 1; i >= 0; i-- {
		x := b.v
		if a, ok := x.(*actArg); ok {
			x = a.v(c, a.env)
		}
		v, ok := boundValue(c, x)
		if !ok {
			return nil
		}
		out[i] = v
		b = b.up
	}
	return out
}

// defAct is the action form of a compiled definition's body.
func (p *Program) defAct(cd *cdef, mode int) act {
	if other, ok := p.replacement(cd.def); ok && !cd.direct && len(cd.node.baseKeys) == 0 && len(other.node.baseKeys) == 0 {
		return p.defAct(other, mode)
	}
	if cd.act[mode] != nil {
		return cd.act[mode]
	}
	var a act
	cd.act[mode] = func(c *Ctx, e *env, k func()) { a(c, e, k) }
	if cd.def.IsFunc {
		f := cd.body
		a = predAct(cd.def, f)
		return cd.act[mode]
	}
	inner := &scope{keys: append(append([]any{}, cd.node.baseKeys...), paramKeys(cd.def.Params)...), node: cd.node}
	a = p.compileAct(cd.def.Body, inner, mode)
	return cd.act[mode]
}

func predAct(n syntax.Node, f fn) act {
	return func(c *Ctx, e *env, k func()) {
		if boolOf(n, f(c, e)) {
			k()
		}
	}
}

// compileAct compiles x as an action in the given mode.
func (p *Program) compileAct(x syntax.Expr, s *scope, mode int) act {
	switch t := x.(type) {
	case *syntax.Paren, *syntax.Label:
		return p.compileAct(syntax.Inner(t), s, mode)
	case *syntax.Junction:
		items := make([]act, len(t.Items))
		for i, it := range t.Items {
			items[i] = p.compileAct(it, s, mode)
		}
		if t.Kind == syntax.Or {
			return orAct(items)
		}
		return p.andActItems(t.Items, s, mode)
	case *syntax.Quant:
		if t.Kind == syntax.Exists {
			if set, node, inner, ok := p.singleBinder(t.Binders, s); ok {
				body := p.compileAct(t.Body, inner, mode)
				return func(c *Ctx, e *env, k func()) {
					eachBound(node, e, set(c, e), func(e2 *env) bool { body(c, e2, k); return true })
				}
			}
			iter, inner := p.compileQuantBinders(t, s)
			body := p.compileAct(t.Body, inner, mode)
			return func(c *Ctx, e *env, k func()) {
				iter(c, e, func(e2 *env) bool { body(c, e2, k); return true })
			}
		}
		if t.Kind == syntax.Forall && mode == modeNext && !p.isPredicate(t.Body, s, mode) {
			return p.forallAct(t, s, mode)
		}
	case *syntax.If:
		cond := p.compile(t.Cond, s)
		th, el := p.compileAct(t.Then, s, mode), p.compileAct(t.Else, s, mode)
		return func(c *Ctx, e *env, k func()) {
			if boolOf(t.Cond, cond(c, e)) {
				th(c, e, k)
			} else {
				el(c, e, k)
			}
		}
	case *syntax.Case:
		guards := make([]fn, len(t.Arms))
		bodies := make([]act, len(t.Arms))
		for i, a := range t.Arms {
			guards[i] = p.compile(a.Guard, s)
			bodies[i] = p.compileAct(a.Body, s, mode)
		}
		var other act
		if t.Other != nil {
			other = p.compileAct(t.Other, s, mode)
		}
		return func(c *Ctx, e *env, k func()) {
			for i, g := range guards {
				if boolOf(t.Arms[i].Guard, g(c, e)) {
					bodies[i](c, e, k)
					return
				}
			}
			if other == nil {
				fail(t, "Attempted to evaluate a CASE with no conditions true.")
			}
			other(c, e, k)
		}
	case *syntax.Let:
		bind, inner := p.compileLet(t, s)
		body := p.compileAct(t.Body, inner, mode)
		return func(c *Ctx, e *env, k func()) { body(c, bind(c, e), k) }
	case *syntax.FuncApp:
		if a := p.funcAppAct(t, s, mode); a != nil {
			return a
		}
	case *syntax.Ref:
		if t.Kind == syntax.RefDef && !t.Def.IsFunc && len(t.Def.Params) == 0 {
			if t.Def.InLet {
				return p.letAct(x, t, nil, s, mode)
			}
			if mode == modeNext && p.constantDef(t, s) {
				return predAct(x, p.compile(x, s))
			}
			return p.callAct(t, nil, t, s, mode, nil)
		}
		if t.Kind == syntax.RefParam && t.Param.Arity == 0 {
			return p.paramAct(t, s)
		}
	case *syntax.OpApp:
		switch t.Op.Kind {
		case syntax.RefParam:
			k := s.depth(t.Op.Param)
			args := p.compileActArgs(nil, t.Args, s, mode)
			pred := p.compile(x, s)
			return func(c *Ctx, e *env, kk func()) {
				op, ok := e.at(k).(*opVal)
				if !ok || op.act == nil || op.arity != len(args) {
					if boolOf(x, pred(c, e)) {
						kk()
					}
					return
				}
				op.act(c, evalArgs(c, e, args), kk)
			}
		case syntax.RefConst:
			// An operator constant used as an action (Send(p, d, memInt,
			// memInt') with Send <- MCSend): run what it is bound to.
			op := p.constOp(t.Op, s)
			args := p.compileActArgs(nil, t.Args, s, mode)
			return func(c *Ctx, e *env, kk func()) {
				o := op(c, e)
				if o.arity != len(args) {
					fail(t, "operator %s takes %d arguments, %d given", t.Op.Name, o.arity, len(args))
				}
				vs := evalArgs(c, e, args)
				if o.act != nil {
					o.act(c, vs, kk)
					return
				}
				if boolOf(x, o.call(c, vs)) {
					kk()
				}
			}
		case syntax.RefDef:
			if t.Op.Def.InLet {
				return p.letAct(x, t.Op, t.Args, s, mode)
			}
			return p.callAct(t.Op, t.Args, t, s, mode, nil)
		case syntax.RefBuiltin:
			switch t.Op.Builtin {
			case syntax.BImplies:
				// As TLC (Tool.getNextStates, OPCODE_implies): P is
				// evaluated; when it holds, Q is explored as an action, so
				// an \E in Q yields one successor per witness.
				cond := p.compile(t.Args[0], s)
				then := p.compileAct(t.Args[1], s, mode)
				return func(c *Ctx, e *env, k func()) {
					if boolOf(t.Args[0], cond(c, e)) {
						then(c, e, k)
					} else {
						k()
					}
				}
			case syntax.BEq:
				if tg := p.renamedTarget(t.Args[0], s, mode); tg != nil {
					rhs := p.compile(t.Args[1], s)
					return targetAct(tg, func(sl int) act { return assignAct(sl, rhs) }, predAct(x, p.compile(x, s)))
				}
				if slot, ok := p.assignTarget(t.Args[0], s, mode); ok {
					return assignAct(slot, p.compile(t.Args[1], s))
				}
				if tg, ok := p.paramTarget(t.Args[0], s, mode); ok {
					rhs, pred := p.compile(t.Args[1], s), p.compile(x, s)
					return func(c *Ctx, e *env, kk func()) {
						if sl := tg.slot(e); sl >= 0 {
							assignAct(sl, rhs)(c, e, kk)
						} else if boolOf(x, pred(c, e)) {
							kk()
						}
					}
				}
			case syntax.BIn:
				if tg := p.renamedTarget(t.Args[0], s, mode); tg != nil {
					set := p.compile(t.Args[1], s)
					return targetAct(tg, func(sl int) act { return inAct(t, sl, set) }, predAct(x, p.compile(x, s)))
				}
				if slot, ok := p.assignTarget(t.Args[0], s, mode); ok {
					return inAct(t, slot, p.compile(t.Args[1], s))
				}
				if tg, ok := p.paramTarget(t.Args[0], s, mode); ok {
					set, pred := p.compile(t.Args[1], s), p.compile(x, s)
					return func(c *Ctx, e *env, kk func()) {
						if sl := tg.slot(e); sl >= 0 {
							inAct(t, sl, set)(c, e, kk)
						} else if boolOf(x, pred(c, e)) {
							kk()
						}
					}
				}
			case syntax.BCdot:
				if mode == modeNext {
					return p.cdotAct(t, s)
				}
			case syntax.BUnchanged:
				if mode == modeNext {
					slots, ok := p.varSlots(t.Args[0], s, nil)
					if ts := p.renamedUnchanged(t.Args[0], s, mode); ts != nil {
						other := predAct(x, p.compile(x, s))
						if ok {
							other = unchangedAct(slots)
						}
						return unchangedTargetsAct(ts, other)
					}
					if ok {
						return unchangedAct(slots)
					}
					if r, ok := unparen(t.Args[0]).(*syntax.Ref); ok && r.Kind == syntax.RefParam && r.Param.Arity == 0 {
						// UNCHANGED p with p passed by name (compileArgs).
						k, pred := s.depth(r.Param), p.compile(x, s)
						return func(c *Ctx, e *env, kk func()) {
							if la, ok := e.at(k).(*actArg); ok && la.unch != nil {
								la.unch(c, la.env, kk)
							} else if boolOf(x, pred(c, e)) {
								kk()
							}
						}
					}
				}
			}
		}
	case *syntax.ActionExpr:
		if t.Angle {
			// <<A>>_v is A /\ ~UNCHANGED v: A assigns the next state,
			// then v's change is tested.
			sp := t.Span
			chg := &syntax.OpApp{Span: sp, Op: &syntax.Ref{Span: sp, Name: "~", Kind: syntax.RefBuiltin, Builtin: syntax.BNot},
				Args: []syntax.Expr{&syntax.OpApp{Span: sp, Op: &syntax.Ref{Span: sp, Name: "UNCHANGED", Kind: syntax.RefBuiltin, Builtin: syntax.BUnchanged}, Args: []syntax.Expr{t.Sub}}}}
			return p.compileAct(&syntax.Junction{Span: sp, Kind: syntax.And, Items: []syntax.Expr{t.Action, chg}}, s, mode)
		}
		a := p.compileAct(t.Action, s, mode)
		if slots, ok := p.varSlots(t.Sub, s, nil); ok {
			return orAct([]act{a, unchangedAct(slots)})
		}
		pred := p.compile(x, s)
		return predAct(x, pred)
	}
	return predAct(x, p.compile(x, s))
}

// letAct inlines a LET-defined operator used as an action: its body is
// compiled as an action in the scope where it was defined.
// A RECURSIVE one runs the action form compileLet bound with it (inlining
// it would not end); x is the use.
func (p *Program) letAct(x syntax.Expr, r *syntax.Ref, args []syntax.Expr, s *scope, mode int) act {
	d := r.Def
	k := s.depth(d)
	if k < 0 {
		fail(r, "internal: LET definition %s not in scope", d.Name)
	}
	if d.Recursive && len(d.Params) > 0 {
		// Inlining a recursive definition would not end: call the action
		// form compileLet bound with it (compiled for next-state actions),
		// or, elsewhere, evaluate the call as a predicate.
		if mode != modeNext {
			return predAct(x, p.compile(x, s))
		}
		argFns := p.compileActArgs(d, args, s, mode)
		return func(c *Ctx, e *env, kk func()) {
			op, ok := e.at(k).(*opVal)
			if !ok || op.act == nil {
				fail(r, "internal: LET operator %s is not bound", d.Name)
			}
			op.act(c, evalArgs(c, e, argFns), kk)
		}
	}
	defScope := &scope{keys: s.keys[: len(s.keys)-k : len(s.keys)-k], node: s.node}
	inner := defScope.with(paramKeys(d.Params)...)
	body := p.compileAct(d.Body, inner, mode)
	argFns := p.compileArgs(d, args, s)
	return func(c *Ctx, e *env, kk func()) {
		b := e.walk(k)
		b = pushArgs(c, e, b, argFns)
		body(c, b, kk)
	}
}

func andAct(items []act) act {
	switch len(items) {
	case 0:
		return func(c *Ctx, e *env, k func()) { k() }
	case 1:
		return items[0]
	}
	first, rest := items[0], andAct(items[1:])
	return func(c *Ctx, e *env, k func()) {
		first(c, e, func() { rest(c, e, k) })
	}
}

// paramTgt is a value parameter of the enclosing definition on the left of
// `=` or `\in` in an action: x (primed false) or, in a next-state action,
// x' (primed true); k is its depth in the environment.
type paramTgt struct {
	k      int
	primed bool
}

// slot is the state slot the conjunct assigns, or -1 when it is a
// predicate: x bound to a primed variable (or, in an initial predicate, a
// variable), or x' with x passed by name as a variable (actArg).
func (t paramTgt) slot(e *env) int {
	la, ok := e.at(t.k).(*actArg)
	switch {
	case !ok:
		return -1
	case t.primed:
		return la.vslot
	}
	return la.slot
}

// paramTarget reports whether x is a parameter target (see paramTgt).
func (p *Program) paramTarget(x syntax.Expr, s *scope, mode int) (paramTgt, bool) {
	x = unparen(x)
	primed := false
	if op, ok := x.(*syntax.OpApp); ok && mode == modeNext && op.Op.Kind == syntax.RefBuiltin && op.Op.Builtin == syntax.BPrime {
		x, primed = unparen(op.Args[0]), true
	}
	r, ok := x.(*syntax.Ref)
	if !ok || r.Kind != syntax.RefParam || r.Param.Arity != 0 {
		return paramTgt{}, false
	}
	k := s.depth(r.Param)
	return paramTgt{k: k, primed: primed}, k >= 0
}

// assignTarget reports the slot of x' (next mode) or x (init mode) when the
// expression is such a variable.
func (p *Program) assignTarget(x syntax.Expr, s *scope, mode int) (int, bool) {
	for {
		if q, ok := x.(*syntax.Paren); ok {
			x = q.X
			continue
		}
		break
	}
	if mode == modeInit {
		return p.rootVarSlot(x, s)
	}
	op, ok := x.(*syntax.OpApp)
	if !ok || op.Op.Kind != syntax.RefBuiltin || op.Op.Builtin != syntax.BPrime {
		return 0, false
	}
	return p.rootVarSlot(op.Args[0], s)
}

func assignAct(slot int, rhs fn) act {
	return func(c *Ctx, e *env, k func()) {
		if cur := c.N[slot]; cur != nil {
			if value.Equal(cur, rhs(c, e)) {
				k()
			}
			return
		}
		v := rhs(c, e)
		c.N[slot] = v
		k()
		c.N[slot] = nil
	}
}

func inAct(site syntax.Node, slot int, set fn) act {
	return func(c *Ctx, e *env, k func()) {
		sv := set(c, e)
		if cur := c.N[slot]; cur != nil {
			ok, err := value.Member(cur, sv)
			if err != nil {
				failErr(site, err)
			}
			if ok {
				k()
			}
			return
		}
		for _, x := range elems(site, sv) {
			c.N[slot] = x
			k()
		}
		c.N[slot] = nil
	}
}

func unchangedAct(slots []int) act {
	return func(c *Ctx, e *env, k func()) {
		var buf [16]int // on the stack for up to 16 variables
		set := buf[:0]
		for _, sl := range slots {
			if cur := c.N[sl]; cur != nil {
				if !value.Equal(cur, c.S[sl]) {
					for _, u := range set {
						c.N[u] = nil
					}
					return
				}
				continue
			}
			c.N[sl] = c.S[sl]
			set = append(set, sl)
		}
		k()
		for _, u := range set {
			c.N[u] = nil
		}
	}
}

// varSlots collects the state slots of an UNCHANGED argument: a variable,
// a tuple of them, or a definition whose body is one of those.
func (p *Program) varSlots(x syntax.Expr, s *scope, out []int) ([]int, bool) {
	switch t := x.(type) {
	case *syntax.Paren:
		return p.varSlots(t.X, s, out)
	case *syntax.Tuple:
		for _, el := range t.Elems {
			var ok bool
			if out, ok = p.varSlots(el, s, out); !ok {
				return nil, false
			}
		}
		return out, true
	case *syntax.Ref:
		if t.Kind == syntax.RefVar {
			n := p.descend(s.node, t.Via)
			if sn, sub := substFor(n, t.Var); sub != nil {
				// An instance parameter: UNCHANGED of what it is replaced by
				// (INSTANCE Stuttering with its VARIABLE vars given the
				// tuple definition vars == <<pc, lock>>).
				return p.varSlots(sub.Expr, &scope{keys: sn.baseKeys, node: sn.parent}, out)
			}
			if sl := p.Slot(t.Var); sl >= 0 {
				return append(out, sl), true
			}
			return nil, false
		}
		if t.Kind == syntax.RefDef && !t.Def.InLet && len(t.Def.Params) == 0 && !t.Def.IsFunc {
			n := p.descend(s.node, t.Via)
			return p.varSlots(t.Def.Body, &scope{keys: n.baseKeys, node: n}, out)
		}
	}
	return nil, false
}

// errStop ends an ENABLED search at the first successor.
type stopSearch struct{}

func (p *Program) compileEnabled(site syntax.Node, x syntax.Expr, s *scope) fn {
	a := p.compileAct(x, s, modeNext)
	at := s.node
	return func(c *Ctx, e *env) value.Value {
		c2 := &Ctx{S: c.S, N: make([]value.Value, p.enabledWidth()), enab: at}
		found := false
		func() {
			defer func() {
				if r := recover(); r != nil {
					if _, ok := r.(stopSearch); !ok {
						panic(r)
					}
				}
			}()
			a(c2, e, func() {
				found = true
				panic(stopSearch{})
			})
		}()
		return value.Bool(found)
	}
}

// andItem is one conjunct of an action, classified so that the common
// deterministic forms run without continuation closures.
type andItem struct {
	kind  int // itemPred, itemAssign, itemUnchanged, itemGeneral
	pred  fn
	node  syntax.Node
	slot  int
	rhs   fn
	slots []int
	a     act
	ptg   paramTgt // itemParamEq
}

const (
	itemPred = iota
	itemAssign
	itemParamEq // param = e or param' = e: an assignment when ptg.slot is one
	itemUnchanged
	itemGeneral
)

// classify recognises the conjunct forms andActItems runs inline.
func (p *Program) classify(x syntax.Expr, s *scope, mode int) andItem {
	inner := x
	for {
		if q, ok := inner.(*syntax.Paren); ok {
			inner = q.X
			continue
		}
		if q, ok := inner.(*syntax.Label); ok {
			inner = q.X
			continue
		}
		break
	}
	if op, ok := inner.(*syntax.OpApp); ok && op.Op.Kind == syntax.RefBuiltin && !p.renamedItem(op, s, mode) {
		switch op.Op.Builtin {
		case syntax.BEq:
			if slot, ok := p.assignTarget(op.Args[0], s, mode); ok {
				return andItem{kind: itemAssign, slot: slot, rhs: p.compile(op.Args[1], s), node: x}
			}
			if tg, ok := p.paramTarget(op.Args[0], s, mode); ok {
				return andItem{kind: itemParamEq, ptg: tg, rhs: p.compile(op.Args[1], s), pred: p.compile(x, s), node: x}
			}
		case syntax.BUnchanged:
			if mode == modeNext {
				if slots, ok := p.varSlots(op.Args[0], s, nil); ok {
					return andItem{kind: itemUnchanged, slots: slots, node: x}
				}
			}
		}
	}
	if p.isPredicate(inner, s, mode) {
		return andItem{kind: itemPred, pred: p.compile(x, s), node: x}
	}
	it := andItem{kind: itemGeneral, a: p.compileAct(x, s, mode), node: x}
	if mode == modeNext {
		it.pred = p.tryCompile(x, s)
	}
	return it
}

// forallAct compiles `\A x \in S : B` where B is an action, as TLC does:
// the conjunction of B for each element, in S's order, so that an \E in B
// yields one successor per witness; once every variable has a next value,
// the remaining elements are tested (as in andActItems).
func (p *Program) forallAct(t *syntax.Quant, s *scope, mode int) act {
	iter, inner := p.compileQuantBinders(t, s)
	body := p.compileAct(t.Body, inner, mode)
	pred := p.tryCompile(t.Body, inner)
	return func(c *Ctx, e *env, k func()) {
		var envs []*env
		iter(c, e, func(e2 *env) bool { envs = append(envs, e2); return true })
		var run func(i int)
		run = func(i int) {
			for ; i < len(envs); i++ {
				if i == 0 || pred == nil || !allAssigned(c.N) {
					body(c, envs[i], func() { run(i + 1) })
					return
				}
				if !boolOf(t.Body, pred(c, envs[i])) {
					return
				}
			}
			k()
		}
		run(0)
	}
}

// allAssigned reports whether every variable of the next state has a value.
func allAssigned(n []value.Value) bool {
	for _, v := range n {
		if v == nil {
			return false
		}
	}
	return true
}

// tryCompile compiles x as a value, or returns nil when it cannot be one
// (an action form only compileAct handles).
func (p *Program) tryCompile(x syntax.Expr, s *scope) (f fn) {
	caching := p.caching
	defer func() {
		if r := recover(); r != nil {
			f, p.caching = nil, caching
		}
	}()
	return p.compile(x, s)
}

// constantDef reports whether r names a zero-arity definition of constant
// level (`D == \E i \in 1..3 : TRUE`): TLC evaluates such a definition once,
// before the search, so in an action it is a predicate, never enumerated.
func (p *Program) constantDef(r *syntax.Ref, s *scope) bool {
	d := r.Def
	if r.Kind != syntax.RefDef || d.InLet || d.IsFunc || len(d.Params) != 0 {
		return false
	}
	return p.isConstant(d.Body, p.descend(s.node, r.Via), map[*syntax.OpDef]bool{})
}

// isPredicate reports whether compileAct would treat x as a plain
// predicate (no assignment can happen inside it).
func (p *Program) isPredicate(x syntax.Expr, s *scope, mode int) bool {
	switch t := x.(type) {
	case *syntax.Junction, *syntax.If, *syntax.Case, *syntax.Let, *syntax.ActionExpr:
		return false
	case *syntax.Quant:
		// \A over an action is a conjunction (see forallAct).
		return t.Kind == syntax.Forall && (mode != modeNext || p.isPredicate(t.Body, s, mode))
	case *syntax.Ref:
		return !(t.Kind == syntax.RefDef && !t.Def.IsFunc && len(t.Def.Params) == 0) && t.Kind != syntax.RefParam || p.constantDef(t, s)
	case *syntax.FuncApp:
		return !p.lazyFuncApp(t, s)
	case *syntax.OpApp:
		switch t.Op.Kind {
		case syntax.RefParam, syntax.RefDef, syntax.RefConst:
			return false
		case syntax.RefBuiltin:
			switch t.Op.Builtin {
			case syntax.BImplies:
				return p.isPredicate(t.Args[1], s, mode)
			case syntax.BEq, syntax.BIn:
				if p.renamedTarget(t.Args[0], s, mode) != nil {
					return false
				}
				_, ok := p.assignTarget(t.Args[0], s, mode)
				_, okp := p.paramTarget(t.Args[0], s, mode)
				return !ok && !okp
			case syntax.BUnchanged, syntax.BCdot:
				return false
			}
		}
	}
	return true
}

// andActItems compiles a conjunction: predicates, assignments and
// UNCHANGED run inline in order; only branching conjuncts use
// continuations.
func (p *Program) andActItems(xs []syntax.Expr, s *scope, mode int) act {
	items := make([]andItem, len(xs))
	for i, x := range xs {
		items[i] = p.classify(x, s, mode)
	}
	var run func(c *Ctx, e *env, k func(), from int)
	run = func(c *Ctx, e *env, k func(), from int) {
		// Slots assigned here, cleared again before returning.
		var undo [16]int
		nundo := 0
		ok := true
		i := from
	loop:
		for ; i < len(items); i++ {
			it := &items[i]
			switch it.kind {
			case itemPred:
				if !boolOf(it.node, it.pred(c, e)) {
					ok = false
					break loop
				}
			case itemParamEq, itemAssign:
				slot := it.slot
				if it.kind == itemParamEq {
					if slot = it.ptg.slot(e); slot < 0 {
						if !boolOf(it.node, it.pred(c, e)) {
							ok = false
							break loop
						}
						continue
					}
				}
				v := it.rhs(c, e)
				if cur := c.N[slot]; cur != nil {
					if !value.Equal(cur, v) {
						ok = false
						break loop
					}
				} else if nundo < len(undo) {
					c.N[slot] = v
					undo[nundo] = slot
					nundo++
				} else {
					// Too many assignments for the inline list: continue in
					// continuation style.
					assignAct(slot, it.rhs)(c, e, func() { run(c, e, k, i+1) })
					ok = false
					break loop
				}
			case itemUnchanged:
				for _, sl := range it.slots {
					if cur := c.N[sl]; cur != nil {
						if !value.Equal(cur, c.S[sl]) {
							ok = false
							break loop
						}
					} else if nundo < len(undo) {
						c.N[sl] = c.S[sl]
						undo[nundo] = sl
						nundo++
					} else {
						unchangedAct(it.slots)(c, e, func() { run(c, e, k, i+1) })
						ok = false
						break loop
					}
				}
			default:
				if i > 0 && it.pred != nil && allAssigned(c.N) {
					// As TLC (Tool.getNextStatesAllAssigned): once every
					// variable has a next value, the remaining conjuncts
					// are tested, not enumerated: `x' = 1 - x /\ \E i \in S :
					// TRUE` is one successor, not one per witness.
					if !boolOf(it.node, it.pred(c, e)) {
						ok = false
						break loop
					}
					continue
				}
				next := i + 1
				if next == len(items) {
					it.a(c, e, k)
				} else {
					cn := c.getCont()
					cn.run, cn.c, cn.e, cn.k, cn.from = run, c, e, k, next
					it.a(c, e, cn.fn)
					c.putCont(cn)
				}
				ok = false
				break loop
			}
		}
		if ok {
			k()
		}
		for j := 0; j < nundo; j++ {
			c.N[undo[j]] = nil
		}
	}
	return func(c *Ctx, e *env, k func()) { run(c, e, k, 0) }
}

// lazyFuncApp reports whether f[a] applies a function TLC keeps lazy (a
// function of one variable written `[x \in S |-> e]`, or defined as
// `f[x \in S] == e` in a LET or at a non-constant level): TLC then
// explores e as an action with x bound to a (Tool.getNextStates,
// OPCODE_fa on a FcnLambdaValue), so an \E in e yields one successor per
// witness. A constant function definition has been evaluated before the
// search and is applied as a value.
func (p *Program) lazyFuncApp(t *syntax.FuncApp, s *scope) bool {
	if len(t.Args) != 1 {
		return false
	}
	switch f := syntax.Inner(t.Fn).(type) {
	case *syntax.FuncCons:
		return oneVar(f)
	case *syntax.Ref:
		if f.Kind != syntax.RefDef || !f.Def.IsFunc {
			return false
		}
		fc, ok := f.Def.Body.(*syntax.FuncCons)
		return ok && oneVar(fc) && !p.constantFuncDef(f, s)
	}
	return false
}

// constantFuncDef: r names a function definition of the root's instance
// tree that TLC evaluates once, before the search (as constantDef).
func (p *Program) constantFuncDef(r *syntax.Ref, s *scope) bool {
	d := r.Def
	if d.InLet {
		return false
	}
	n := p.descend(s.node, r.Via)
	return len(n.baseKeys) == 0 && p.isConstant(d.Body, n, map[*syntax.OpDef]bool{})
}

// oneVar: the function constructor binds one variable, not a tuple.
func oneVar(fc *syntax.FuncCons) bool {
	return len(fc.Binders) == 1 && len(fc.Binders[0].Vars) == 1 && !fc.Binders[0].Tuple
}

// funcAppAct compiles f[a] as an action when lazyFuncApp holds (nil
// otherwise). The body of a function definition is compiled once per
// instance, scope depth and mode, so a recursive function (SafeAt's SA[b]
// in byzpaxos) unfolds at run time, as far as its argument goes.
func (p *Program) funcAppAct(t *syntax.FuncApp, s *scope, mode int) act {
	if !p.lazyFuncApp(t, s) {
		return nil
	}
	arg := p.compile(t.Args[0], s)
	var (
		fc   *syntax.FuncCons
		name string
		base func(c *Ctx, e *env) *env
		dom  fn
		body act
	)
	switch f := syntax.Inner(t.Fn).(type) {
	case *syntax.FuncCons:
		fc, name = f, "[...]"
		dom = p.compile(fc.Binders[0].Set, s)
		body = p.compileAct(fc.Body, s.with(fc.Binders[0].Vars[0]), mode)
		base = func(_ *Ctx, e *env) *env { return e }
	case *syntax.Ref:
		d := f.Def
		fc, name = d.Body.(*syntax.FuncCons), d.Name
		var inner *scope
		var key directActKey
		if d.InLet {
			k := s.depth(d)
			if k < 0 {
				fail(f, "internal: LET function %s not in scope", d.Name)
			}
			inner = &scope{keys: s.keys[: len(s.keys)-k : len(s.keys)-k], node: s.node}
			key = directActKey{s.node, d, mode, len(inner.keys)}
			base = func(_ *Ctx, e *env) *env { return e.walk(k) }
		} else {
			n := p.descend(s.node, f.Via)
			inner = &scope{keys: n.baseKeys, node: n}
			key = directActKey{n, d, mode, len(inner.keys)}
			base = p.viaEnv(f.Via, s)
		}
		da := p.directActFor(key, fc, inner)
		dom, body = da.dom, func(c *Ctx, e *env, k func()) { da.body(c, e, k) }
	}
	b := fc.Binders[0]
	return func(c *Ctx, e *env, k func()) {
		be := base(c, e)
		a := arg(c, e)
		ok, err := value.Member(a, setOf(b.Set, dom(c, be)))
		if err != nil {
			failErr(t, err)
		}
		if !ok {
			fail(t, "Attempted to apply function %s to argument %s, which is not in the domain of the function.", name, str(a))
		}
		body(c, be.push(a), k)
	}
}

type directActKey struct {
	n     *instNode
	d     *syntax.OpDef
	mode  int
	depth int
}

type directAct struct {
	dom  fn
	body act
}

// directActFor compiles (once) the domain and the action form of the body
// of function definition fc in scope inner; the entry is stored before the
// body is compiled, so that a recursive use finds it.
func (p *Program) directActFor(k directActKey, fc *syntax.FuncCons, inner *scope) *directAct {
	if da, ok := p.directAct[k]; ok {
		return da
	}
	da := &directAct{}
	p.directAct[k] = da
	b := fc.Binders[0]
	da.dom = p.compile(b.Set, inner)
	da.body = p.compileAct(fc.Body, inner.with(b.Vars[0]), k.mode)
	return da
}

// cdotAct compiles the action composition A \cdot B as TLC does (with
// -Dtlc2.tool.impl.Tool.cdot=true): every state A reaches from the current
// state is an intermediate state from which B's successors are taken; B's
// next state is the composition's, and the rest of the enclosing action
// continues from there.
func (p *Program) cdotAct(t *syntax.OpApp, s *scope) act {
	mids := p.cdotMids(t, t.Args[0], s)
	b := p.compileAct(t.Args[1], s, modeNext)
	return func(c *Ctx, e *env, k func()) {
		for _, mid := range mids(c, e) {
			b(&Ctx{S: mid, N: c.N, enab: c.enab, hidden: c.hidden}, e, k)
		}
	}
}

// cdotValue is A \cdot B as a predicate of a step: some state A reaches
// from the current one is a state from which B leads to the next.
func (p *Program) cdotValue(site syntax.Node, args []syntax.Expr, s *scope) fn {
	mids := p.cdotMids(site, args[0], s)
	b := p.compile(args[1], s)
	return func(c *Ctx, e *env) value.Value {
		if c.N == nil {
			fail(site, "a primed expression was evaluated where no next state exists (in a state predicate)")
		}
		for _, mid := range mids(c, e) {
			if boolOf(args[1], b(&Ctx{S: mid, N: c.N, enab: c.enab}, e)) {
				return value.True
			}
		}
		return value.False
	}
}

// cdotMids compiles the first action of a composition into the list of
// the (complete) states it reaches from the current state.
func (p *Program) cdotMids(site syntax.Node, x syntax.Expr, s *scope) func(c *Ctx, e *env) [][]value.Value {
	a := p.compileAct(x, s, modeNext)
	return func(c *Ctx, e *env) [][]value.Value {
		var mids [][]value.Value
		c1 := &Ctx{S: c.S, N: make([]value.Value, max(len(c.N), len(p.Vars))), enab: c.enab, hidden: c.hidden}
		a(c1, e, func() {
			if c.hidden != nil {
				*c.hidden++
			}
			for i, v := range c1.N[:len(p.Vars)] {
				if v == nil {
					fail(site, "Successor state is not completely specified by the first action of \\cdot. The following variable is not assigned: %s.", p.Vars[i].Name)
				}
			}
			mids = append(mids, slices.Clone(c1.N))
		})
		return mids
	}
}
