package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Temporal formulas are decomposed into the safety parts checked during the
// search: state predicates (checked on initial states), [][A]_v (checked on
// every transition) and []P (checked on every state). The other conjuncts
// (WF, SF, <>, ~>, nested [], ...) are liveness: CompileLiveness translates
// them for gotlc/liveness.

// ActionCheck is a compiled [][A]_v: it holds for a step s -> t when A holds
// or v is unchanged.
type ActionCheck struct {
	// Name is the location of the [][A]_v formula as TLC names it
	// ("line L, col C to line L2, col C2 of module M").
	Name string
	f    fn
	env  func() *env
	expr syntax.Expr
}

// Holds checks the step s -> t.
func (a *ActionCheck) Holds(s, t []value.Value) (ok bool, err error) {
	defer catch(&err)
	c := &Ctx{S: s, N: t}
	c.carve()
	defer c.Release()
	return boolOf(a.expr, a.f(c, a.env())), nil
}

// StateCheck is a compiled state predicate that is part of a temporal
// formula.
type StateCheck struct {
	Name string
	f    fn
	x    syntax.Expr
}

// Holds evaluates the predicate in s.
func (q *StateCheck) Holds(s []value.Value) (ok bool, err error) {
	defer catch(&err)
	c := &Ctx{S: s}
	c.carve()
	defer c.Release()
	return boolOf(q.x, q.f(c, nil)), nil
}

// Property is a decomposed temporal formula.
type Property struct {
	Init    []*StateCheck  // must hold in every initial state
	Always  []*StateCheck  // []P: must hold in every reachable state
	Actions []*ActionCheck // [][A]_v: must hold for every step
	// live are the conjuncts that need the liveness checker.
	live []piece
}

// HasLiveness reports whether the property has conjuncts that need the
// liveness checker.
func (q *Property) HasLiveness() bool { return len(q.live) > 0 }

// CompileLiveness translates the liveness conjuncts of q (nil if none).
func (p *Program) CompileLiveness(q *Property, set *TemporalSet) (t *Temporal, err error) {
	return p.compilePieces(q.live, set)
}

func (p *Program) compilePieces(ps []piece, set *TemporalSet) (t *Temporal, err error) {
	if len(ps) == 0 {
		return nil, nil
	}
	defer catch(&err)
	p.mu.Lock()
	defer p.mu.Unlock()
	t = &Temporal{Kind: TAnd, Span: ps[0].x.Range()}
	for _, pc := range ps {
		t.Args = append(t.Args, p.temporal(pc.x, pc.s, nil, set))
	}
	return t, nil
}

// CompileFairness translates the temporal conjuncts of a SPECIFICATION
// other than [][Next]_v (its fairness; nil if there are none).
func (p *Program) CompileFairness(x syntax.Expr, set *TemporalSet) (*Temporal, error) {
	var ps []piece
	p.mu.Lock()
	for _, pc := range p.conjuncts(x, &scope{node: p.root}, nil) {
		if _, ok := boxAction(pc.x); ok {
			continue
		}
		if p.isTemporal(pc.x) {
			ps = append(ps, pc)
		}
	}
	p.mu.Unlock()
	return p.compilePieces(ps, set)
}

// piece is a conjunct with the scope it lives in.
type piece struct {
	x syntax.Expr
	s *scope
}

// conjuncts flattens x through /\ and zero-arity definitions (also those
// reached through instances), keeping each piece's scope.
func (p *Program) conjuncts(x syntax.Expr, s *scope, out []piece) []piece {
	switch t := x.(type) {
	case *syntax.Paren, *syntax.Label:
		return p.conjuncts(syntax.Inner(t), s, out)
	case *syntax.Junction:
		if t.Kind == syntax.And {
			for _, it := range t.Items {
				out = p.conjuncts(it, s, out)
			}
			return out
		}
	case *syntax.Ref:
		if t.Kind == syntax.RefDef && !t.Def.InLet && len(t.Def.Params) == 0 && !t.Def.IsFunc && p.isTemporal(t.Def.Body) {
			hasArgs := false
			for _, u := range t.Via {
				if len(u.Args) > 0 {
					hasArgs = true
				}
			}
			if !hasArgs && s.toBase() == 0 {
				n := p.descend(s.node, t.Via)
				return p.conjuncts(t.Def.Body, &scope{keys: n.baseKeys, node: n}, out)
			}
		}
	}
	return append(out, piece{x, s})
}

// isTemporal reports whether x contains [] or <> or fairness (looking
// through definitions).
func (p *Program) isTemporal(x syntax.Expr) bool {
	return reachesNode(x, func(x syntax.Expr) bool {
		switch t := x.(type) {
		case *syntax.Fairness, *syntax.TemporalQuant:
			return true
		case *syntax.OpApp:
			if t.Op.Kind == syntax.RefBuiltin {
				switch t.Op.Builtin {
				case syntax.BAlways, syntax.BEventually, syntax.BLeadsTo, syntax.BWhilePlus:
					return true
				}
			}
		}
		return false
	})
}

// reachesNode reports whether match holds for x, for one of its
// subexpressions, or for a subexpression of a definition they use (each
// definition is looked into once).
func reachesNode(x syntax.Expr, match func(syntax.Expr) bool) bool {
	found := false
	walkDefs(x, func(x syntax.Expr) bool {
		if !found && match(x) {
			found = true
		}
		return !found
	})
	return found
}

// boxAction recognises [][A]_v and returns the ActionExpr.
func boxAction(x syntax.Expr) (*syntax.ActionExpr, bool) {
	op, ok := x.(*syntax.OpApp)
	if !ok || op.Op.Kind != syntax.RefBuiltin || op.Op.Builtin != syntax.BAlways {
		return nil, false
	}
	a := op.Args[0]
	for {
		if q, ok := a.(*syntax.Paren); ok {
			a = q.X
			continue
		}
		break
	}
	ae, ok := a.(*syntax.ActionExpr)
	if !ok || ae.Angle {
		return nil, false
	}
	return ae, true
}

// LivenessError is returned for temporal formulas gotlc cannot check.
type LivenessError struct{ Err *Error }

func (l *LivenessError) Error() string { return l.Err.Error() }

// CompileProperty decomposes a temporal formula of the root module.
func (p *Program) CompileProperty(x syntax.Expr) (prop *Property, err error) {
	defer catch(&err)
	p.mu.Lock()
	defer p.mu.Unlock()
	prop = &Property{}
	// TLC names an action property by its definition when the definition
	// is [][A]_v itself, by the formula's location otherwise.
	direct := ""
	if r, ok := x.(*syntax.Ref); ok && r.Kind == syntax.RefDef {
		body := r.Def.Body
		for {
			if q, ok := body.(*syntax.Paren); ok {
				body = q.X
				continue
			}
			break
		}
		if _, ok := boxAction(body); ok {
			direct = r.Def.Name
		}
	}
	for _, pc := range p.conjuncts(x, &scope{node: p.root}, nil) {
		if ae, ok := boxAction(pc.x); ok {
			op := pc.x.(*syntax.OpApp)
			// TLC lists [A]_v, then A.
			f := p.traceTop(ae, p.compile(ae, pc.s))
			if p.run.TraceCalls {
				f = traceCall(unparen(op.Args[0]).Range(), f)
			}
			name := op.Span.TLCString(moduleOfSpan(op.Span))
			if direct != "" {
				name = direct
			}
			prop.Actions = append(prop.Actions, &ActionCheck{Name: name, f: f, env: func() *env { return nil }, expr: ae})
			continue
		}
		if op, ok := pc.x.(*syntax.OpApp); ok && op.Op.Kind == syntax.RefBuiltin && op.Op.Builtin == syntax.BAlways && !p.isTemporal(op.Args[0]) && !p.isAction(op.Args[0]) {
			f := p.traceTop(op.Args[0], p.compile(op.Args[0], pc.s))
			prop.Always = append(prop.Always, &StateCheck{Name: op.Span.TLCString(moduleOfSpan(op.Span)), f: f, x: op.Args[0]})
			continue
		}
		if p.isTemporal(pc.x) {
			prop.live = append(prop.live, pc)
			continue
		}
		f := p.traceTop(pc.x, p.compile(pc.x, pc.s))
		prop.Init = append(prop.Init, &StateCheck{Name: pc.x.Range().TLCString(moduleOfSpan(pc.x.Range())), f: f, x: pc.x})
	}
	return prop, nil
}

// isAction reports whether x contains, directly or through the definitions
// it uses, a prime, UNCHANGED or an [A]_v / <<A>>_v form.
func (p *Program) isAction(x syntax.Expr) bool {
	return reachesNode(x, func(x syntax.Expr) bool {
		switch t := x.(type) {
		case *syntax.ActionExpr:
			return true
		case *syntax.OpApp:
			return t.Op.Kind == syntax.RefBuiltin && (t.Op.Builtin == syntax.BPrime || t.Op.Builtin == syntax.BUnchanged)
		}
		return false
	})
}

// CompileSpec splits a SPECIFICATION formula Init /\ [][Next]_v /\ fairness
// into its initial predicate and next-state action. The other temporal
// conjuncts (fairness) are left to CompileFairness.
func (p *Program) CompileSpec(x syntax.Expr) (init, next *Action, err error) {
	defer catch(&err)
	p.mu.Lock()
	defer p.mu.Unlock()
	var inits []piece
	var nextPiece *piece
	for _, pc := range p.conjuncts(x, &scope{node: p.root}, nil) {
		if ae, ok := boxAction(pc.x); ok {
			if nextPiece != nil {
				fail(pc.x, "the specification has more than one [][Next]_vars conjunct")
			}
			nextPiece = &piece{ae.Action, pc.s}
			continue
		}
		if p.isTemporal(pc.x) {
			continue
		}
		inits = append(inits, pc)
	}
	if nextPiece == nil {
		fail(x, "the specification has no [][Next]_vars conjunct")
	}
	var ia []act
	for _, pc := range inits {
		ia = append(ia, p.compileAct(pc.x, pc.s, modeInit))
	}
	init = &Action{p: p, a: andAct(ia), init: true}
	lbl := newLabel("Next", nextPiece.x.Range())
	if r, ok := nextPiece.x.(*syntax.Ref); ok && r.Kind == syntax.RefDef {
		lbl = newLabel(r.Def.Name, r.Def.Body.Range())
	}
	next = p.splitAction(func() act { return p.compileSplit(nextPiece.x, nextPiece.s, lbl) })
	return init, next, nil
}
