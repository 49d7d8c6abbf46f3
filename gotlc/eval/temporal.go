package eval

import (
	"fmt"
	"slices"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// A temporal formula of a PROPERTY or of the fairness part of a
// SPECIFICATION, with its definitions expanded, its bounded quantifiers
// over constant sets expanded into conjunctions and disjunctions, and its
// non-temporal subformulas compiled into atoms. The liveness checker
// (gotlc/liveness) negates it, normalises it and checks it.

// TKind is the operator of a Temporal node.
type TKind uint8

const (
	TAtom       TKind = iota // a state or action predicate
	TNot                     // ~F
	TAnd                     // F /\ G /\ ... (no arguments: TRUE)
	TOr                      // F \/ G \/ ... (no arguments: FALSE)
	TAlways                  // []F
	TEventually              // <>F
)

// Temporal is a node of a temporal formula.
type Temporal struct {
	Kind TKind
	Args []*Temporal
	Atom *Atom // TAtom
	// Span locates the formula in its module (for messages).
	Span syntax.Span
}

// Atom is a compiled non-temporal subformula: a state predicate (Action
// false, evaluated in one state) or an action (evaluated on a step).
type Atom struct {
	Name   string // the location of the subformula, as TLC prints it
	Action bool
	Index  int // the atom's position in its TemporalSet
	f      fn
	e      *env
	x      syntax.Expr
}

// Holds evaluates the atom in state s (and next state t for an action).
func (a *Atom) Holds(s, t []value.Value) (ok bool, err error) {
	c := &Ctx{S: s, N: t}
	c.carve()
	defer c.Release()
	return a.HoldsIn(c)
}

// HoldsIn evaluates the atom in c; atoms evaluated in the same context
// share memoised operator results (see NewCtx).
func (a *Atom) HoldsIn(c *Ctx) (ok bool, err error) {
	defer catch(&err)
	return boolOf(a.x, a.f(c, a.e)), nil
}

// Stutters reports whether the atom is <<A>>_v, false on every stuttering
// step.
func (a *Atom) Stutters() bool {
	ae, ok := a.x.(*syntax.ActionExpr)
	return ok && ae.Angle
}

// TemporalSet collects the atoms of the temporal formulas of one model,
// each atom once (the same subformula with the same bound values).
type TemporalSet struct {
	Atoms []*Atom
	byKey map[atomKey]*Atom
	// fair caches the ENABLED and <<A>>_v nodes made for a WF/SF formula.
	fair map[*syntax.Fairness][2]syntax.Expr
	// lets are the LET expressions around the formula being translated:
	// each atom inside is compiled under them (a LET definition is a
	// macro, so LET d == e IN []F is [](LET d == e IN F)).
	lets []*syntax.Let
}

type atomKey struct {
	x   syntax.Expr
	env string
}

// NewTemporalSet returns an empty set of atoms.
func NewTemporalSet() *TemporalSet {
	return &TemporalSet{byKey: map[atomKey]*Atom{}, fair: map[*syntax.Fairness][2]syntax.Expr{}}
}

// CannotHandleError is TLC's refusal of a temporal formula it cannot
// translate (TLC's error 2213, exit code 255).
type CannotHandleError struct {
	Span   syntax.Span
	Module string
	Why    string // gotlc's explanation, printed after TLC's message
}

func (e *CannotHandleError) Error() string {
	msg := "TLC cannot handle the temporal formula " + e.Span.TLCString(e.Module)
	if e.Why != "" {
		msg += ":\n" + e.Why
	}
	return msg
}

func cannotHandle(x syntax.Node, why string, args ...any) {
	panic(&CannotHandleError{Span: x.Range(), Module: moduleOfSpan(x.Range()), Why: fmt.Sprintf(why, args...)})
}

// CompileTemporal translates the temporal formula x of the root module.
func (p *Program) CompileTemporal(x syntax.Expr, set *TemporalSet) (t *Temporal, err error) {
	defer catch(&err)
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.temporal(x, &scope{node: p.root}, nil, set), nil
}

// temporal translates x in scope s with bindings e.
func (p *Program) temporal(x syntax.Expr, s *scope, e *env, set *TemporalSet) *Temporal {
	if !p.isTemporal(x) {
		return p.atom(x, s, e, set, false)
	}
	node := func(k TKind, args ...*Temporal) *Temporal {
		return &Temporal{Kind: k, Args: args, Span: x.Range()}
	}
	switch t := x.(type) {
	case *syntax.Paren, *syntax.Label:
		return p.temporal(syntax.Inner(t), s, e, set)
	case *syntax.Junction:
		k := TAnd
		if t.Kind == syntax.Or {
			k = TOr
		}
		out := node(k)
		for _, it := range t.Items {
			out.Args = append(out.Args, p.temporal(it, s, e, set))
		}
		return out
	case *syntax.OpApp:
		if t.Op.Kind == syntax.RefDef && !t.Op.Def.InLet {
			return p.temporalCall(t.Op, t.Args, s, e, set)
		}
		if t.Op.Kind != syntax.RefBuiltin {
			break
		}
		arg := func(i int) *Temporal { return p.temporal(t.Args[i], s, e, set) }
		switch t.Op.Builtin {
		case syntax.BAlways:
			return node(TAlways, arg(0))
		case syntax.BEventually:
			return node(TEventually, arg(0))
		case syntax.BLeadsTo:
			// P ~> Q is [](P => <>Q).
			return node(TAlways, node(TOr, node(TNot, arg(0)), node(TEventually, arg(1))))
		case syntax.BNot:
			return node(TNot, arg(0))
		case syntax.BImplies:
			return node(TOr, node(TNot, arg(0)), arg(1))
		}
	case *syntax.Ref:
		if t.Kind == syntax.RefDef && !t.Def.InLet {
			return p.temporalCall(t, nil, s, e, set)
		}
	case *syntax.Fairness:
		return p.fairness(t, s, e, set)
	case *syntax.Let:
		set.lets = append(set.lets, t)
		defer func() { set.lets = set.lets[:len(set.lets)-1] }()
		return p.temporal(t.Body, s, e, set)
	case *syntax.If:
		// IF c THEN F ELSE G, for a state predicate c, is
		// (c /\ F) \/ (~c /\ G).
		if !p.isTemporal(t.Cond) {
			c := p.atom(t.Cond, s, e, set, false)
			return node(TOr, node(TAnd, c, p.temporal(t.Then, s, e, set)),
				node(TAnd, node(TNot, c), p.temporal(t.Else, s, e, set)))
		}
	case *syntax.Quant:
		return p.temporalQuant(t, s, e, set)
	case *syntax.TemporalQuant:
		cannotHandle(x, "gotlc, like TLC, cannot check temporal quantification (\\AA, \\EE)")
	}
	cannotHandle(x, "a temporal formula may appear only under /\\, \\/, ~, =>, [], <>, ~>, bounded \\A and \\E and definitions")
	return nil
}

// temporalCall expands a use of a definition whose body is temporal: the
// arguments must be constant (they are evaluated now).
func (p *Program) temporalCall(r *syntax.Ref, args []syntax.Expr, s *scope, e *env, set *TemporalSet) *Temporal {
	d := r.Def
	if len(args) != len(d.Params) {
		fail(r, "operator %s takes %d arguments, %d given", d.Name, len(d.Params), len(args))
	}
	n := p.descend(s.node, r.Via)
	base := p.viaEnv(r.Via, s)
	if other, ok := p.replacement(d); ok {
		// cfg `D <- E`: E's body, in E's own context.
		d, n = other.def, other.node
		base = func(*Ctx, *env) *env { return nil }
	}
	argFns := p.compileArgs(d, args, s)
	var be *env
	func() {
		defer func() {
			if rec := recover(); rec != nil {
				cannotHandle(r, "the arguments of %s must be constant (%v)", d.Name, rec)
			}
		}()
		c := &Ctx{}
		be = pushArgs(c, e, base(c, e), argFns)
	}()
	inner := &scope{keys: append(slices.Clip(n.baseKeys), paramKeys(d.Params)...), node: n}
	// The definition's body is outside the LETs around its use.
	lets := set.lets
	set.lets = nil
	defer func() { set.lets = lets }()
	return p.temporal(d.Body, inner, be, set)
}

// temporalQuant expands \A x \in S : F (a conjunction) and \E x \in S : F
// (a disjunction) over the values of constant sets S.
func (p *Program) temporalQuant(t *syntax.Quant, s *scope, e *env, set *TemporalSet) *Temporal {
	for _, b := range t.Binders {
		if b.Set == nil {
			cannotHandle(t, "a quantifier over a temporal formula must be bounded by a constant set")
		}
	}
	iter, inner := p.compileBinders(t.Binders, s)
	k := TAnd
	if t.Kind == syntax.Exists {
		k = TOr
	}
	out := &Temporal{Kind: k, Span: t.Span}
	var envs []*env
	func() {
		defer func() {
			if rec := recover(); rec != nil {
				cannotHandle(t, "the bound of a quantifier over a temporal formula must be a constant set (%v)", rec)
			}
		}()
		iter(&Ctx{}, e, func(e2 *env) bool {
			envs = append(envs, e2)
			return true
		})
	}()
	for _, e2 := range envs {
		out.Args = append(out.Args, p.temporal(t.Body, inner, e2, set))
	}
	return out
}

// fairness translates WF_v(A) into []<>~ENABLED <<A>>_v \/ []<><<A>>_v and
// SF_v(A) into <>[]~ENABLED <<A>>_v \/ []<><<A>>_v.
func (p *Program) fairness(t *syntax.Fairness, s *scope, e *env, set *TemporalSet) *Temporal {
	xs, ok := set.fair[t]
	if !ok {
		ang := &syntax.ActionExpr{Span: t.Span, Action: t.Action, Sub: t.Sub, Angle: true}
		en := &syntax.OpApp{Span: t.Span, Op: &syntax.Ref{Span: t.Span, Name: "ENABLED", Kind: syntax.RefBuiltin, Builtin: syntax.BEnabled}, Args: []syntax.Expr{ang}}
		xs = [2]syntax.Expr{en, ang}
		set.fair[t] = xs
	}
	en := p.atom(xs[0], s, e, set, true)
	act := p.atom(xs[1], s, e, set, true)
	node := func(k TKind, args ...*Temporal) *Temporal { return &Temporal{Kind: k, Args: args, Span: t.Span} }
	notEn := node(TNot, en)
	var left *Temporal
	if t.Strong {
		left = node(TEventually, node(TAlways, notEn))
	} else {
		left = node(TAlways, node(TEventually, notEn))
	}
	return node(TOr, left, node(TAlways, node(TEventually, act)))
}

// atom compiles a non-temporal subformula (synthetic: one the checker
// wrote, such as ENABLED <<A>>_v for WF_v(A), which TLC does not list in
// an error's nested positions).
func (p *Program) atom(x syntax.Expr, s *scope, e *env, set *TemporalSet, synthetic bool) *Temporal {
	for i := len(set.lets) - 1; i >= 0; i-- {
		l := set.lets[i]
		x = &syntax.Let{Span: x.Range(), Defs: l.Defs, Instances: l.Instances, Body: x}
	}
	if !synthetic {
		if b, ok := p.constantAtom(x, s, e); ok {
			// As TLC: a constant subformula (`(oi # oj) => WF_v(A)` under
			// \A oi, oj) is TRUE or FALSE before the search, so it adds
			// no branch to the tableau (tlaplus/Examples' MCInnerSerial).
			if b {
				return &Temporal{Kind: TAnd, Span: x.Range()}
			}
			return &Temporal{Kind: TOr, Span: x.Range()}
		}
	}
	key := atomKey{x: x, env: envKey(e)}
	a, ok := set.byKey[key]
	if !ok {
		f := p.compile(x, s)
		if !synthetic {
			f = p.traceTop(x, f)
		}
		a = &Atom{Name: x.Range().TLCString(moduleOfSpan(x.Range())), Action: p.actionLevel(x), Index: len(set.Atoms), f: f, e: e, x: x}
		set.byKey[key] = a
		set.Atoms = append(set.Atoms, a)
	}
	return &Temporal{Kind: TAtom, Atom: a, Span: x.Range()}
}

// constantAtom evaluates x, with the bindings e, when it depends on no
// variable: its value, and whether it is a constant Boolean.
func (p *Program) constantAtom(x syntax.Expr, s *scope, e *env) (v bool, ok bool) {
	if !p.isConstant(x, s.node, map[*syntax.OpDef]bool{}) {
		return false, false
	}
	defer func() {
		if recover() != nil {
			v, ok = false, false // left to the search, which reports the error
		}
	}()
	b, isBool := p.compile(x, s)(&Ctx{}, e).(value.Bool)
	return bool(b), isBool
}

// envKey identifies the values bound in e (atoms are shared only between
// uses with the same bindings).
func envKey(e *env) string {
	k := ""
	for ; e != nil; e = e.up {
		switch v := e.v.(type) {
		case value.Value:
			k += value.String(v) + "\x00"
		default:
			k += fmt.Sprintf("%p\x00", e.v)
		}
	}
	return k
}

// actionLevel reports whether x mentions primes, UNCHANGED or [A]_v
// outside ENABLED (looking through definitions): ENABLED A is a state
// predicate.
func (p *Program) actionLevel(x syntax.Expr) bool {
	found := false
	walkDefs(x, func(x syntax.Expr) bool {
		if found {
			return false
		}
		switch t := x.(type) {
		case *syntax.ActionExpr:
			found = true
		case *syntax.OpApp:
			if t.Op.Kind == syntax.RefBuiltin {
				switch t.Op.Builtin {
				case syntax.BPrime, syntax.BUnchanged:
					found = true
				case syntax.BEnabled:
					return false
				}
			}
		}
		return !found
	})
	return found
}
