package eval

import (
	"slices"
	"sync/atomic"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// scope is the compile-time mirror of env: keys[len-1] is the innermost
// binding. node is the instance context the expression belongs to; the
// bottom len(node.baseKeys) keys are the instance's parameters.
type scope struct {
	keys []any
	node *instNode
}

func (s *scope) with(keys ...any) *scope {
	k := make([]any, 0, len(s.keys)+len(keys))
	k = append(k, s.keys...)
	k = append(k, keys...)
	return &scope{keys: k, node: s.node}
}

// depth returns how many links up key is bound, or -1.
func (s *scope) depth(key any) int {
	for i := len(s.keys) - 1; i >= 0; i-- {
		if s.keys[i] == key {
			return len(s.keys) - 1 - i
		}
	}
	return -1
}

// toBase is the number of links from the innermost binding down to the
// instance base.
func (s *scope) toBase() int { return len(s.keys) - len(s.node.baseKeys) }

// atKey marks the binding of @ inside an EXCEPT update.
type atKey struct{ u *syntax.ExceptUpdate }

func constFn(v value.Value) fn { return func(*Ctx, *env) value.Value { return v } }

func lookupFn(k int) fn {
	switch k {
	case 0:
		return func(_ *Ctx, e *env) value.Value { return asValue(e.v) }
	case 1:
		return func(_ *Ctx, e *env) value.Value { return asValue(e.up.v) }
	case 2:
		return func(_ *Ctx, e *env) value.Value { return asValue(e.up.up.v) }
	}
	return func(_ *Ctx, e *env) value.Value { return asValue(e.at(k)) }
}

func asValue(x any) value.Value {
	if v, ok := x.(value.Value); ok {
		return v
	}
	panic(&Error{Msg: "an operator was used where a value is expected"})
}

// compile compiles x in scope s. Callers hold p.mu. A closed,
// constant-level subexpression (no state variable, bound variable,
// parameter or prime) is evaluated once and its value reused.
func (p *Program) compile(x syntax.Expr, s *scope) fn {
	if p.caching == 0 && worthCaching(x) && p.closedConstant(x, s) {
		p.caching++
		f := p.compile1(x, s)
		p.caching--
		var cached atomic.Pointer[value.Value]
		return func(c *Ctx, e *env) value.Value {
			if v := cached.Load(); v != nil {
				return *v
			}
			v := f(c, e)
			cached.Store(&v)
			return v
		}
	}
	return p.compile1(x, s)
}

// worthCaching excludes leaves that are already cheap.
func worthCaching(x syntax.Expr) bool {
	switch x.(type) {
	case *syntax.NumLit, *syntax.StrLit, *syntax.BoolLit, *syntax.Ref, *syntax.At, *syntax.Lambda,
		*syntax.Paren, *syntax.Label:
		return false
	}
	return true
}

// closedConstant reports whether x mentions no bound variable, parameter,
// LET definition, @, state variable or prime (directly or through the
// definitions it uses).
func (p *Program) closedConstant(x syntax.Expr, s *scope) bool {
	closed := true
	var visit func(y syntax.Expr)
	visit = func(y syntax.Expr) {
		if !closed || y == nil {
			return
		}
		switch t := y.(type) {
		case *syntax.Ref:
			if t.Kind == syntax.RefBound || t.Kind == syntax.RefParam || (t.Kind == syntax.RefDef && t.Def.InLet) {
				closed = false
				return
			}
		case *syntax.OpApp:
			if t.Op.Kind == syntax.RefParam || (t.Op.Kind == syntax.RefDef && t.Op.Def.InLet) {
				closed = false
				return
			}
		case *syntax.At, *syntax.Let, *syntax.Lambda:
			closed = false
			return
		}
		for _, c := range children(y) {
			visit(c)
		}
	}
	visit(x)
	return closed && p.isConstant(x, s.node, map[*syntax.OpDef]bool{})
}

func (p *Program) compile1(x syntax.Expr, s *scope) fn {
	switch t := x.(type) {
	case *syntax.NumLit:
		if t.Big {
			fail(t, "the number %s is too large for gotlc (64-bit integers)", t.Text)
		}
		return constFn(value.Int(t.Value))
	case *syntax.StrLit:
		return constFn(value.Intern(t.Value))
	case *syntax.BoolLit:
		return constFn(value.Bool(t.Value))
	case *syntax.Paren:
		return p.compile(t.X, s)
	case *syntax.Label:
		return p.compile(t.X, s)
	case *syntax.At:
		for i := len(s.keys) - 1; i >= 0; i-- {
			if _, ok := s.keys[i].(atKey); ok {
				return lookupFn(len(s.keys) - 1 - i)
			}
		}
		fail(t, "@ used outside an EXCEPT")
	case *syntax.Ref:
		return p.compileRef(t, s)
	case *syntax.OpApp:
		return p.compileOpApp(t, s)
	case *syntax.Junction:
		return p.compileJunction(t, s)
	case *syntax.If:
		c, th, el := p.compile(t.Cond, s), p.compile(t.Then, s), p.compile(t.Else, s)
		return func(ctx *Ctx, e *env) value.Value {
			if boolOf(t.Cond, c(ctx, e)) {
				return th(ctx, e)
			}
			return el(ctx, e)
		}
	case *syntax.Case:
		guards := make([]fn, len(t.Arms))
		bodies := make([]fn, len(t.Arms))
		for i, a := range t.Arms {
			guards[i] = p.compile(a.Guard, s)
			bodies[i] = p.compile(a.Body, s)
		}
		var other fn
		if t.Other != nil {
			other = p.compile(t.Other, s)
		}
		return func(ctx *Ctx, e *env) value.Value {
			for i, g := range guards {
				if boolOf(t.Arms[i].Guard, g(ctx, e)) {
					return bodies[i](ctx, e)
				}
			}
			if other == nil {
				fail(t, "Attempted to evaluate a CASE with no conditions true.")
			}
			return other(ctx, e)
		}
	case *syntax.Let:
		bind, inner := p.compileLet(t, s)
		body := p.compile(t.Body, inner)
		return func(ctx *Ctx, e *env) value.Value { return body(ctx, bind(ctx, e)) }
	case *syntax.Quant:
		return p.compileQuant(t, s)
	case *syntax.Choose:
		return p.compileChoose(t, s)
	case *syntax.SetEnum:
		elems := p.compileList(t.Elems, s)
		return func(ctx *Ctx, e *env) value.Value {
			vs := make([]value.Value, len(elems))
			for i, f := range elems {
				vs[i] = f(ctx, e)
			}
			return value.NewSet(vs)
		}
	case *syntax.SetFilter:
		return p.compileSetFilter(t, s)
	case *syntax.SetMap:
		return p.compileSetMap(t, s)
	case *syntax.FuncCons:
		return p.compileFuncCons(t, s)
	case *syntax.FuncApp:
		return p.compileFuncApp(t, s)
	case *syntax.FuncSet:
		d, r := p.compile(t.Dom, s), p.compile(t.Rng, s)
		return func(ctx *Ctx, e *env) value.Value {
			return &value.FcnSet{Dom: setOf(t.Dom, d(ctx, e)), Rng: setOf(t.Rng, r(ctx, e))}
		}
	case *syntax.Except:
		return p.compileExcept(t, s)
	case *syntax.RecordCons:
		names := make([]*value.Str, len(t.Fields))
		fs := make([]fn, len(t.Fields))
		for i, f := range t.Fields {
			names[i] = value.Intern(f.Name)
			fs[i] = p.compile(f.Value, s)
		}
		return func(ctx *Ctx, e *env) value.Value {
			vs := make([]value.Value, len(fs))
			for i, f := range fs {
				vs[i] = f(ctx, e)
			}
			r, err := value.NewRecord(names, vs)
			if err != nil {
				failErr(t, err)
			}
			return r
		}
	case *syntax.RecordSet:
		names := make([]*value.Str, len(t.Fields))
		fs := make([]fn, len(t.Fields))
		for i, f := range t.Fields {
			names[i] = value.Intern(f.Name)
			fs[i] = p.compile(f.Value, s)
		}
		return func(ctx *Ctx, e *env) value.Value {
			sets := make([]value.Value, len(fs))
			for i, f := range fs {
				sets[i] = setOf(t.Fields[i].Value, f(ctx, e))
			}
			return &value.RecSet{Names: names, Sets: sets}
		}
	case *syntax.Dot:
		rec := p.compile(t.X, s)
		name := value.Intern(t.Field)
		return func(ctx *Ctx, e *env) value.Value {
			r := rec(ctx, e)
			f, ok := r.(*value.Fcn)
			if !ok {
				fail(t, "Attempted to access field %s of the non-record %s", t.Field, str(r))
			}
			v, ok := f.Apply(name)
			if !ok {
				fail(t, "Attempted to access nonexistent field '%s' of record\n%s", t.Field, str(r))
			}
			return v
		}
	case *syntax.Tuple:
		elems := p.compileList(t.Elems, s)
		if len(elems) == 0 {
			return constFn(value.EmptySeq)
		}
		return func(ctx *Ctx, e *env) value.Value {
			vs := make([]value.Value, len(elems))
			for i, f := range elems {
				vs[i] = f(ctx, e)
			}
			return value.NewTuple(vs)
		}
	case *syntax.ActionExpr:
		// [A]_v == A \/ v' = v ; <<A>>_v == A /\ v' # v
		a := p.compile(t.Action, s)
		sub := p.compile(t.Sub, s)
		return func(ctx *Ctx, e *env) value.Value {
			changed := !value.Equal(sub(primed(ctx, t), e), sub(ctx, e))
			if t.Angle {
				return value.Bool(changed && boolOf(t.Action, a(ctx, e)))
			}
			return value.Bool(!changed || boolOf(t.Action, a(ctx, e)))
		}
	case *syntax.Lambda:
		fail(t, "LAMBDA is only allowed as the argument of an operator")
	case *syntax.Fairness, *syntax.TemporalQuant:
		fail(x, "temporal formulas (fairness, \\AA, \\EE) are not supported by gotlc: liveness checking is not implemented")
	}
	fail(x, "gotlc cannot evaluate this kind of expression (%T)", x)
	return nil
}

func (p *Program) compileList(xs []syntax.Expr, s *scope) []fn {
	out := make([]fn, len(xs))
	for i, x := range xs {
		out[i] = p.compile(x, s)
	}
	return out
}

// primed returns a context where the next state is current.
func primed(c *Ctx, n syntax.Node) *Ctx {
	if c.N == nil {
		fail(n, "a primed expression was evaluated where no next state exists (in a state predicate)")
	}
	return &Ctx{S: c.N}
}

func boolOf(n syntax.Node, v value.Value) bool {
	b, ok := v.(value.Bool)
	if !ok {
		fail(n, "Attempted to evaluate an expression as a boolean, but its value is %s", str(v))
	}
	return bool(b)
}

func intOf(n syntax.Node, v value.Value) value.Int {
	i, ok := v.(value.Int)
	if !ok {
		fail(n, "Attempted to use %s as an integer", str(v))
	}
	return i
}

func setOf(n syntax.Node, v value.Value) value.Value {
	if !value.IsSet(v) {
		fail(n, "Attempted to use %s as a set", str(v))
	}
	return v
}

func fcnOf(n syntax.Node, v value.Value) *value.Fcn {
	f, ok := v.(*value.Fcn)
	if !ok {
		fail(n, "Attempted to use %s as a function", str(v))
	}
	return f
}

func seqOf(n syntax.Node, v value.Value) *value.Fcn {
	f, ok := v.(*value.Fcn)
	if !ok || !f.IsSeq() {
		fail(n, "Attempted to use %s as a sequence", str(v))
	}
	return f
}

// elems enumerates a set value for iteration.
func elems(n syntax.Node, v value.Value) []value.Value {
	switch t := v.(type) {
	case *value.Set:
		return t.Elems
	}
	if !value.IsSet(v) {
		fail(n, "Attempted to enumerate %s, which is not a set", str(v))
	}
	es, err := value.Enumerate(v)
	if err != nil {
		failErr(n, err)
	}
	return es.Elems
}

func (p *Program) compileJunction(t *syntax.Junction, s *scope) fn {
	items := p.compileList(t.Items, s)
	if t.Kind == syntax.And {
		return func(ctx *Ctx, e *env) value.Value {
			for i, f := range items {
				if !boolOf(t.Items[i], f(ctx, e)) {
					return value.False
				}
			}
			return value.True
		}
	}
	return func(ctx *Ctx, e *env) value.Value {
		for i, f := range items {
			if boolOf(t.Items[i], f(ctx, e)) {
				return value.True
			}
		}
		return value.False
	}
}

// ---------------------------------------------------------------------------
// Names

// descend follows an instance path from the current node.
func (p *Program) descend(n *instNode, via []*syntax.InstUse) *instNode {
	for _, u := range via {
		n = n.child(u.Inst)
	}
	return n
}

// viaEnv compiles the construction of the callee base environment for a
// reference through via (the arguments of parameterised instances).
func (p *Program) viaEnv(via []*syntax.InstUse, s *scope) func(c *Ctx, e *env) *env {
	up := s.toBase()
	var argFns [][]fn
	any := false
	for _, u := range via {
		fs := p.compileList(u.Args, s)
		argFns = append(argFns, fs)
		if len(fs) > 0 {
			any = true
		}
	}
	if !any {
		if up == 0 {
			return func(_ *Ctx, e *env) *env { return e }
		}
		return func(_ *Ctx, e *env) *env { return e.walk(up) }
	}
	return func(c *Ctx, e *env) *env {
		b := e.walk(up)
		for _, fs := range argFns {
			for _, f := range fs {
				b = b.push(f(c, e))
			}
		}
		return b
	}
}

func (p *Program) compileRef(r *syntax.Ref, s *scope) fn {
	switch r.Kind {
	case syntax.RefBound:
		k := s.depth(r.Bound)
		if k < 0 {
			fail(r, "internal: unbound variable %s", r.Name)
		}
		return lookupFn(k)
	case syntax.RefParam:
		k := s.depth(r.Param)
		if k < 0 {
			fail(r, "internal: unbound parameter %s", r.Name)
		}
		if r.Param.Arity > 0 {
			fail(r, "operator parameter %s used without arguments", r.Name)
		}
		return func(c *Ctx, e *env) value.Value {
			switch x := e.at(k).(type) {
			case *thunk:
				return x.force(c)
			case value.Value:
				return x
			}
			fail(r, "operator %s used as a value", r.Name)
			return nil
		}
	case syntax.RefConst:
		return p.compileConst(r, s)
	case syntax.RefVar:
		return p.compileVar(r, s)
	case syntax.RefDef:
		return p.compileCall(r, nil, r, s)
	case syntax.RefBuiltin:
		return p.compileBuiltin(r, r.Builtin, nil, s)
	}
	fail(r, "unresolved name %s", r.Name)
	return nil
}

// substFor finds the substitution of a constant or variable declaration in
// the instance chain starting at n, returning the node whose subst holds it.
func substFor(n *instNode, decl any) (*instNode, *syntax.Subst) {
	for ; n != nil; n = n.parent {
		if sub, ok := n.subst[decl]; ok {
			return n, sub
		}
	}
	return nil, nil
}

// compileSubst compiles the use of a substituted constant or variable.
func (p *Program) compileSubst(n *instNode, sub *syntax.Subst, s *scope) fn {
	f, ok := n.substFns[sub]
	if !ok {
		f = p.compile(sub.Expr, &scope{keys: n.baseKeys, node: n.parent})
		n.substFns[sub] = f
	}
	up := len(s.keys) - len(n.baseKeys)
	if up == 0 {
		return f
	}
	return func(c *Ctx, e *env) value.Value { return f(c, e.walk(up)) }
}

func (p *Program) compileConst(r *syntax.Ref, s *scope) fn {
	n := p.descend(s.node, r.Via)
	if len(r.Via) > 0 {
		// A constant reached as I!C: evaluate in the instance's base.
		base := p.viaEnv(r.Via, s)
		inner := &scope{keys: n.baseKeys, node: n}
		f := p.compileConst(&syntax.Ref{Span: r.Span, Name: r.Name, Kind: r.Kind, Const: r.Const}, inner)
		return func(c *Ctx, e *env) value.Value { return f(c, base(c, e)) }
	}
	if sn, sub := substFor(n, r.Const); sub != nil {
		return p.compileSubst(sn, sub, s)
	}
	if v, ok := p.consts[r.Const]; ok {
		return constFn(v)
	}
	if d, ok := p.constDefs[r.Const]; ok {
		ref := &syntax.Ref{Span: r.Span, Name: d.Name, Kind: syntax.RefDef, Def: d}
		return p.compileCall(ref, nil, r, &scope{node: p.root})
	}
	fail(r, "The constant parameter %s is not assigned a value by the configuration file.", r.Name)
	return nil
}

func (p *Program) compileVar(r *syntax.Ref, s *scope) fn {
	n := p.descend(s.node, r.Via)
	if len(r.Via) > 0 {
		base := p.viaEnv(r.Via, s)
		inner := &scope{keys: n.baseKeys, node: n}
		f := p.compileVar(&syntax.Ref{Span: r.Span, Name: r.Name, Kind: r.Kind, Var: r.Var}, inner)
		return func(c *Ctx, e *env) value.Value { return f(c, base(c, e)) }
	}
	if sn, sub := substFor(n, r.Var); sub != nil {
		return p.compileSubst(sn, sub, s)
	}
	slot := p.Slot(r.Var)
	if slot < 0 {
		fail(r, "internal: variable %s has no state slot", r.Name)
	}
	name := r.Name
	return func(c *Ctx, _ *env) value.Value {
		v := c.S[slot]
		if v == nil {
			fail(r, "The variable %s was referenced before it was assigned a value.", name)
		}
		return v
	}
}

// rootVarSlot reports the state slot when r (a variable reference, maybe
// through substitutions) denotes a root variable directly.
func (p *Program) rootVarSlot(x syntax.Expr, s *scope) (int, bool) {
	for {
		switch t := x.(type) {
		case *syntax.Paren:
			x = t.X
			continue
		case *syntax.Ref:
			if t.Kind != syntax.RefVar {
				return 0, false
			}
			n := p.descend(s.node, t.Via)
			if sn, sub := substFor(n, t.Var); sub != nil {
				x = sub.Expr
				s = &scope{keys: sn.baseKeys, node: sn.parent}
				continue
			}
			sl := p.Slot(t.Var)
			return sl, sl >= 0
		}
		return 0, false
	}
}

// defIn returns the compiled definition d in node n (compiling on demand).
func (p *Program) defIn(n *instNode, d *syntax.OpDef) *cdef {
	if cd, ok := n.defs[d]; ok {
		return cd
	}
	cd := &cdef{def: d, node: n}
	n.defs[d] = cd
	if v, ok := p.overrides[d]; ok {
		cd.body = constFn(v)
		return cd
	}
	if other, ok := p.replacement(d); ok {
		np := len(d.Params)
		if np == 0 {
			cd.body = func(c *Ctx, _ *env) value.Value { return other.body(c, nil) }
			return cd
		}
		// Move the arguments onto the replacement's (root) context.
		cd.body = func(c *Ctx, e *env) value.Value {
			args := make([]any, np)
			for i := np - 1; i >= 0; i-- {
				args[i] = e.v
				e = e.up
			}
			var b *env
			for _, a := range args {
				b = b.push(a)
			}
			return other.body(c, b)
		}
		return cd
	}
	inner := &scope{keys: append(slices.Clip(n.baseKeys), paramKeys(d.Params)...), node: n}
	cd.constant = len(d.Params) == 0 && len(n.baseKeys) == 0 && p.isConstant(d.Body, n, map[*syntax.OpDef]bool{})
	var body fn
	cd.body = func(c *Ctx, e *env) value.Value { return body(c, e) } // allows recursion
	if d.IsFunc {
		body = p.compileFuncDef(d, inner)
	} else {
		body = p.compile(d.Body, inner)
	}
	if cd.constant {
		raw := body
		body = func(c *Ctx, e *env) value.Value {
			if v := cd.cached.Load(); v != nil {
				return *v
			}
			v := raw(&Ctx{}, e)
			cd.cached.Store(&v)
			return v
		}
	}
	return cd
}

// compileCall compiles a use of a definition: r.Def applied to args (nil for
// a bare name). site is the node errors are reported at.
func (p *Program) compileCall(r *syntax.Ref, args []syntax.Expr, site syntax.Node, s *scope) fn {
	d := r.Def
	if d.InLet {
		k := s.depth(d)
		if k < 0 {
			fail(r, "internal: LET definition %s not in scope", d.Name)
		}
		if len(d.Params) == 0 {
			return func(c *Ctx, e *env) value.Value {
				switch x := e.at(k).(type) {
				case *thunk:
					return x.force(c)
				case value.Value:
					return x
				}
				fail(r, "internal: bad LET binding %s", d.Name)
				return nil
			}
		}
		argFns := p.compileArgs(d.Params, args, s)
		return func(c *Ctx, e *env) value.Value {
			op := e.at(k).(*opVal)
			return op.call(c, evalArgs(c, e, argFns))
		}
	}
	if len(args) != len(d.Params) {
		fail(site, "operator %s takes %d arguments, %d given", d.Name, len(d.Params), len(args))
	}
	n := p.descend(s.node, r.Via)
	cd := p.defIn(n, d)
	base := p.viaEnv(r.Via, s)
	if len(args) == 0 {
		if len(r.Via) == 0 && s.toBase() == 0 {
			return cd.body
		}
		return func(c *Ctx, e *env) value.Value { return cd.body(c, base(c, e)) }
	}
	argFns := p.compileArgs(d.Params, args, s)
	if len(n.baseKeys) == 0 && len(r.Via) == 0 && p.memoizable(d, n) {
		// A state-level operator that is costly to evaluate: memoise its
		// results for the state being evaluated (see Ctx.memo).
		return func(c *Ctx, e *env) value.Value {
			var buf [4]value.Value
			vals := buf[:0]
			for _, a := range argFns {
				vals = append(vals, a(c, e).(value.Value))
			}
			h := uint64(len(vals))
			for _, v := range vals {
				h = h*0x9E3779B97F4A7C15 ^ value.Hash(v)
			}
			if v, ok := c.memoGet(cd, h, vals); ok {
				return v
			}
			b := base(c, e)
			for _, v := range vals {
				b = b.push(v)
			}
			v := cd.body(c, b)
			c.memoPut(cd, h, vals, v)
			return v
		}
	}
	return func(c *Ctx, e *env) value.Value {
		b := base(c, e)
		b = pushArgs(c, e, b, argFns)
		return cd.body(c, b)
	}
}

// memoizable reports whether calls of d are pure functions of the current
// state and their arguments (no primes, ENABLED or TLC side effects; no
// operator parameters) and costly enough to be worth memoising.
func (p *Program) memoizable(d *syntax.OpDef, n *instNode) bool {
	if d.IsFunc || len(d.Params) == 0 {
		return false
	}
	for _, pr := range d.Params {
		if pr.Arity > 0 {
			return false
		}
	}
	if m, ok := p.memoOK[d]; ok {
		return m
	}
	p.memoOK[d] = false // while deciding (recursion)
	pure, costly := true, d.Recursive
	seen := map[*syntax.OpDef]bool{}
	var visit func(x syntax.Expr)
	visit = func(x syntax.Expr) {
		if !pure || x == nil {
			return
		}
		switch t := x.(type) {
		case *syntax.ActionExpr, *syntax.Fairness, *syntax.TemporalQuant:
			pure = false
			return
		case *syntax.Quant, *syntax.SetFilter, *syntax.SetMap, *syntax.FuncCons, *syntax.Choose:
			costly = true
		case *syntax.OpApp:
			if t.Op.Kind == syntax.RefBuiltin {
				switch t.Op.Builtin {
				case syntax.BPrime, syntax.BUnchanged, syntax.BEnabled, syntax.BTLCGet, syntax.BTLCSet,
					syntax.BPrint, syntax.BPrintT, syntax.BRandomElement, syntax.BJavaTime, syntax.BAny, syntax.BAssert:
					pure = false
					return
				}
			}
			if t.Op.Kind == syntax.RefDef && !seen[t.Op.Def] {
				seen[t.Op.Def] = true
				if t.Op.Def == d {
					costly = true
				}
				visit(t.Op.Def.Body)
			}
		case *syntax.Ref:
			if t.Kind == syntax.RefDef && !seen[t.Def] {
				seen[t.Def] = true
				visit(t.Def.Body)
			}
			return
		}
		for _, c := range children(x) {
			visit(c)
		}
	}
	visit(d.Body)
	p.memoOK[d] = pure && costly
	return pure && costly
}

// argFn evaluates one operator argument: a value, or an operator for a
// higher-order parameter.
type argFn func(c *Ctx, e *env) any

func evalArgs(c *Ctx, e *env, fs []argFn) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = f(c, e)
	}
	return out
}

func (p *Program) compileArgs(params []*syntax.Param, args []syntax.Expr, s *scope) []argFn {
	out := make([]argFn, len(args))
	for i, a := range args {
		if i < len(params) && params[i].Arity > 0 {
			op := p.compileOpArg(a, params[i].Arity, s)
			out[i] = func(c *Ctx, e *env) any { return op(c, e) }
			continue
		}
		f := p.compile(a, s)
		out[i] = func(c *Ctx, e *env) any { return f(c, e) }
	}
	return out
}
