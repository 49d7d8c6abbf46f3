package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// compileOpArg compiles an argument passed to a higher-order parameter: a
// LAMBDA, the name of a definition, a parameter that is itself an operator,
// or a built-in operator name.
func (p *Program) compileOpArg(a syntax.Expr, arity int, s *scope) func(c *Ctx, e *env) *opVal {
	for {
		if q, ok := a.(*syntax.Paren); ok {
			a = q.X
			continue
		}
		break
	}
	switch t := a.(type) {
	case *syntax.Lambda:
		inner := s.with(paramKeys(t.Params)...)
		body := p.compile(t.Body, inner)
		bodyAct := p.compileAct(t.Body, inner, modeNext)
		n := len(t.Params)
		return func(c *Ctx, e *env) *opVal {
			bind := func(args []any) *env {
				b := e
				for _, x := range args {
					b = b.push(x)
				}
				return b
			}
			return &opVal{arity: n,
				call: func(c2 *Ctx, args []any) value.Value { return body(c2, bind(args)) },
				act:  func(c2 *Ctx, args []any, k func()) { bodyAct(c2, bind(args), k) }}
		}
	case *syntax.Ref:
		switch t.Kind {
		case syntax.RefParam:
			k := s.depth(t.Param)
			return func(c *Ctx, e *env) *opVal {
				op, ok := e.at(k).(*opVal)
				if !ok {
					fail(t, "%s is not an operator", t.Name)
				}
				return op
			}
		case syntax.RefDef:
			d := t.Def
			if d.InLet {
				k := s.depth(d)
				return func(c *Ctx, e *env) *opVal {
					if op, ok := e.at(k).(*opVal); ok {
						return op
					}
					fail(t, "%s is not an operator", t.Name)
					return nil
				}
			}
			n := p.descend(s.node, t.Via)
			cd := p.defIn(n, d)
			base := p.viaEnv(t.Via, s)
			var dact act
			if !d.IsFunc {
				dact = p.defAct(cd, modeNext)
			}
			return func(c *Ctx, e *env) *opVal {
				b := base(c, e)
				bind := func(args []any) *env {
					bb := b
					for _, x := range args {
						bb = bb.push(x)
					}
					return bb
				}
				op := &opVal{arity: len(d.Params), call: func(c2 *Ctx, args []any) value.Value { return cd.body(c2, bind(args)) }}
				if dact != nil {
					op.act = func(c2 *Ctx, args []any, k func()) { dact(c2, bind(args), k) }
				}
				return op
			}
		case syntax.RefBuiltin:
			// A built-in used as an operator argument: wrap it as a LAMBDA.
			params := make([]*syntax.Param, arity)
			args := make([]syntax.Expr, arity)
			for i := range params {
				params[i] = &syntax.Param{Span: t.Span, Name: "_", Index: i}
				args[i] = &syntax.Ref{Span: t.Span, Name: "_", Kind: syntax.RefParam, Param: params[i]}
			}
			lam := &syntax.Lambda{Span: t.Span, Params: params, Body: &syntax.OpApp{Span: t.Span, Op: t, Args: args}}
			return p.compileOpArg(lam, arity, s)
		}
	}
	fail(a, "expected an operator argument (LAMBDA or operator name)")
	return nil
}

// compileLet compiles the definitions of a LET: each is pushed on the
// environment (zero-arity ones as lazily evaluated thunks).
func (p *Program) compileLet(t *syntax.Let, s *scope) (func(c *Ctx, e *env) *env, *scope) {
	if len(t.Instances) > 0 {
		fail(t, "INSTANCE inside LET is not supported by gotlc")
	}
	type binder func(c *Ctx, e *env) *env
	var binds []binder
	cur := s
	for _, d := range t.Defs {
		d := d
		cur = cur.with(d) // a definition sees itself (RECURSIVE) and earlier ones
		if d.IsFunc {
			body := p.compileFuncDef(d, cur)
			binds = append(binds, func(c *Ctx, e *env) *env {
				th := &thunk{f: body}
				ne := e.push(th)
				th.env = ne
				return ne
			})
			continue
		}
		if len(d.Params) == 0 {
			body := p.compile(d.Body, cur)
			binds = append(binds, func(c *Ctx, e *env) *env {
				th := &thunk{f: body}
				ne := e.push(th)
				th.env = ne
				return ne
			})
			continue
		}
		inner := cur.with(paramKeys(d.Params)...)
		body := p.compile(d.Body, inner)
		bodyAct := p.compileAct(d.Body, inner, modeNext)
		n := len(d.Params)
		binds = append(binds, func(c *Ctx, e *env) *env {
			op := &opVal{arity: n}
			ne := e.push(op)
			bind := func(args []any) *env {
				b := ne
				for _, x := range args {
					b = b.push(x)
				}
				return b
			}
			op.call = func(c2 *Ctx, args []any) value.Value { return body(c2, bind(args)) }
			op.act = func(c2 *Ctx, args []any, k func()) { bodyAct(c2, bind(args), k) }
			return ne
		})
	}
	return func(c *Ctx, e *env) *env {
		for _, b := range binds {
			e = b(c, e)
		}
		return e
	}, cur
}

// binderKeys lists the scope keys a binder introduces.
func binderKeys(b *syntax.Binder) []any {
	out := make([]any, len(b.Vars))
	for i, v := range b.Vars {
		out[i] = v
	}
	return out
}

// bindFn pushes the variables of a binder for one element x of its set.
func bindFn(b *syntax.Binder) func(e *env, x value.Value) *env {
	if !b.Tuple {
		return func(e *env, x value.Value) *env { return e.push(x) }
	}
	n := len(b.Vars)
	return func(e *env, x value.Value) *env {
		t, ok := x.(*value.Fcn)
		if !ok || !t.IsSeq() || t.Len() != n {
			fail(b, "Attempted to bind the tuple of %d variables to %s", n, str(x))
		}
		for _, v := range t.Vals {
			e = e.push(v)
		}
		return e
	}
}

// iterBinders calls f for every combination of values of the binders
// (expanded so that x, y \in S binds x and y separately); f returns false
// to stop. Later binder sets may depend on earlier variables.
type binderIter func(c *Ctx, e *env, f func(e *env) bool) bool

func (p *Program) compileBinders(bs []*syntax.Binder, s *scope) (binderIter, *scope) {
	type step struct {
		set  fn // in the scope of the earlier variables
		set0 fn // in the outer scope (independent binders only)
		bind func(e *env, x value.Value) *env
		node syntax.Node
	}
	var steps []step
	cur := s
	indep := bindersIndependent(bs)
	for _, b := range bs {
		if b.Set == nil {
			fail(b, "unbounded quantifiers cannot be evaluated by gotlc (give the variable a set: \\E x \\in S)")
		}
		if b.Tuple {
			set := p.compile(b.Set, cur)
			var set0 fn
			if indep {
				set0 = p.compile(b.Set, s)
			}
			steps = append(steps, step{set, set0, bindFn(b), b})
			cur = cur.with(binderKeys(b)...)
			continue
		}
		for _, v := range b.Vars {
			set := p.compile(b.Set, cur)
			var set0 fn
			if indep {
				set0 = p.compile(b.Set, s)
			}
			steps = append(steps, step{set, set0, func(e *env, x value.Value) *env { return e.push(x) }, b})
			cur = cur.with(v)
		}
	}
	// TLC enumerates the tuples of independent binders with the first
	// variable varying fastest (observed with TLC 2.18: \E i, j \in S tries
	// <<1,1>>, <<2,1>>, ...). Dependent binders are nested left to right.
	if len(steps) > 1 && indep {
		return func(c *Ctx, e *env, f func(e *env) bool) bool {
			sets := make([][]value.Value, len(steps))
			for i, st := range steps {
				sets[i] = elems(st.node, st.set0(c, e))
				if len(sets[i]) == 0 {
					return true
				}
			}
			idx := make([]int, len(steps))
			for {
				b := e
				for i, st := range steps {
					b = st.bind(b, sets[i][idx[i]])
				}
				if !f(b) {
					return false
				}
				i := 0
				for i < len(idx) {
					idx[i]++
					if idx[i] < len(sets[i]) {
						break
					}
					idx[i] = 0
					i++
				}
				if i == len(idx) {
					return true
				}
			}
		}, cur
	}
	var run func(i int, c *Ctx, e *env, f func(e *env) bool) bool
	run = func(i int, c *Ctx, e *env, f func(e *env) bool) bool {
		if i == len(steps) {
			return f(e)
		}
		st := steps[i]
		sv := st.set(c, e)
		if iv, ok := sv.(*value.Interval); ok {
			for x := iv.Lo; x <= iv.Hi; x++ {
				if !run(i+1, c, st.bind(e, value.Int(x)), f) {
					return false
				}
			}
			return true
		}
		for _, x := range elems(st.node, sv) {
			if !run(i+1, c, st.bind(e, x), f) {
				return false
			}
		}
		return true
	}
	return func(c *Ctx, e *env, f func(e *env) bool) bool { return run(0, c, e, f) }, cur
}

func (p *Program) compileQuant(t *syntax.Quant, s *scope) fn {
	iter, inner := p.compileBinders(t.Binders, s)
	body := p.compile(t.Body, inner)
	if t.Kind == syntax.Exists {
		return func(c *Ctx, e *env) value.Value {
			found := false
			iter(c, e, func(e2 *env) bool {
				if boolOf(t.Body, body(c, e2)) {
					found = true
					return false
				}
				return true
			})
			return value.Bool(found)
		}
	}
	return func(c *Ctx, e *env) value.Value {
		all := true
		iter(c, e, func(e2 *env) bool {
			if !boolOf(t.Body, body(c, e2)) {
				all = false
				return false
			}
			return true
		})
		return value.Bool(all)
	}
}

func (p *Program) compileChoose(t *syntax.Choose, s *scope) fn {
	if t.Binder.Set == nil {
		fail(t, "unbounded CHOOSE cannot be evaluated by gotlc")
	}
	set := p.compile(t.Binder.Set, s)
	bind := bindFn(t.Binder)
	body := p.compile(t.Body, s.with(binderKeys(t.Binder)...))
	return func(c *Ctx, e *env) value.Value {
		sv := set(c, e)
		for _, x := range elems(t.Binder.Set, sv) {
			if boolOf(t.Body, body(c, bind(e, x))) {
				return x
			}
		}
		fail(t, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.")
		return nil
	}
}

func (p *Program) compileSetFilter(t *syntax.SetFilter, s *scope) fn {
	set := p.compile(t.Binder.Set, s)
	bind := bindFn(t.Binder)
	pred := p.compile(t.Pred, s.with(binderKeys(t.Binder)...))
	return func(c *Ctx, e *env) value.Value {
		sv := setOf(t.Binder.Set, set(c, e))
		if !value.IsFinite(sv) {
			mem := func(x value.Value) (bool, error) {
				ok, err := value.Member(x, sv)
				if err != nil || !ok {
					return false, err
				}
				return boolOf(t.Pred, pred(c, bind(e, x))), nil
			}
			return &value.Custom{Mem: mem, Desc: "{x \\in " + str(sv) + " : ...}"}
		}
		var out []value.Value
		if iv, ok := sv.(*value.Interval); ok && !t.Binder.Tuple {
			// Walk the interval without building it; one binding node
			// serves every element (the predicate cannot keep it).
			node := &env{up: e}
			for x := iv.Lo; x <= iv.Hi; x++ {
				node.v = value.Int(x)
				if boolOf(t.Pred, pred(c, node)) {
					out = append(out, value.Int(x))
				}
			}
			return value.NewSetSorted(out)
		}
		for _, x := range elems(t.Binder.Set, sv) {
			if boolOf(t.Pred, pred(c, bind(e, x))) {
				out = append(out, x)
			}
		}
		return value.NewSetSorted(out)
	}
}

func (p *Program) compileSetMap(t *syntax.SetMap, s *scope) fn {
	iter, inner := p.compileBinders(t.Binders, s)
	elem := p.compile(t.Elem, inner)
	return func(c *Ctx, e *env) value.Value {
		var out []value.Value
		iter(c, e, func(e2 *env) bool {
			out = append(out, elem(c, e2))
			return true
		})
		return value.NewSet(out)
	}
}

func (p *Program) compileFuncCons(t *syntax.FuncCons, s *scope) fn {
	if len(t.Binders) == 1 && len(t.Binders[0].Vars) == 1 && !t.Binders[0].Tuple {
		b := t.Binders[0]
		set := p.compile(b.Set, s)
		body := p.compile(t.Body, s.with(b.Vars[0]))
		return func(c *Ctx, e *env) value.Value {
			sv := set(c, e)
			if iv, ok := sv.(*value.Interval); ok {
				n := iv.Len()
				vals := make([]value.Value, n)
				for i := int64(0); i < n; i++ {
					vals[i] = body(c, e.push(value.Int(iv.Lo+i)))
				}
				return value.NewFcnInterval(iv.Lo, vals)
			}
			dom := elems(b.Set, sv)
			vals := make([]value.Value, len(dom))
			for i, x := range dom {
				vals[i] = body(c, e.push(x))
			}
			return value.NewFcnSorted(dom, vals)
		}
	}
	// Several variables: the domain is the product of their sets and the
	// function takes tuples.
	iter, inner := p.compileBinders(t.Binders, s)
	body := p.compile(t.Body, inner)
	nvars := 0
	for _, b := range t.Binders {
		nvars += len(b.Vars)
	}
	return func(c *Ctx, e *env) value.Value {
		var dom, vals []value.Value
		iter(c, e, func(e2 *env) bool {
			key := make([]value.Value, nvars)
			x := e2
			for i := nvars - 1; i >= 0; i-- {
				key[i] = x.v.(value.Value)
				x = x.up
			}
			dom = append(dom, value.NewTuple(key))
			vals = append(vals, body(c, e2))
			return true
		})
		return value.NewFcnPairs(dom, vals)
	}
}

// compileFuncDef compiles `f[x \in S] == e`. Inside its own body, f[a] is
// evaluated by applying the body directly (so recursive definitions over
// infinite domains work); as a value, f is built over its (finite) domain.
func (p *Program) compileFuncDef(d *syntax.OpDef, s *scope) fn {
	fc, ok := d.Body.(*syntax.FuncCons)
	if !ok {
		return p.compile(d.Body, s)
	}
	return p.compileFuncCons(fc, s)
}

func (p *Program) compileFuncApp(t *syntax.FuncApp, s *scope) fn {
	// Direct application of a (possibly recursive) function definition.
	if r, ok := t.Fn.(*syntax.Ref); ok && r.Kind == syntax.RefDef && r.Def.IsFunc && len(t.Args) == 1 {
		if fc, ok := r.Def.Body.(*syntax.FuncCons); ok && len(fc.Binders) == 1 && len(fc.Binders[0].Vars) == 1 && !fc.Binders[0].Tuple {
			return p.compileDirectApp(t, r, fc, s)
		}
	}
	f := p.compile(t.Fn, s)
	args := p.compileList(t.Args, s)
	if len(args) == 1 {
		a := args[0]
		return func(c *Ctx, e *env) value.Value {
			return apply(t, f(c, e), a(c, e))
		}
	}
	return func(c *Ctx, e *env) value.Value {
		vs := make([]value.Value, len(args))
		for i, a := range args {
			vs[i] = a(c, e)
		}
		return apply(t, f(c, e), value.NewTuple(vs))
	}
}

func apply(n syntax.Node, fv, arg value.Value) value.Value {
	f, ok := fv.(*value.Fcn)
	if !ok {
		fail(n, "Attempted to apply %s, which is not a function, to argument %s", str(fv), str(arg))
	}
	v, ok := f.Apply(arg)
	if !ok {
		fail(n, "Attempted to apply function:\n%s\nto argument %s, which is not in the domain of the function.", str(fv), str(arg))
	}
	return v
}

// compileDirectApp evaluates f[a] for a function definition f by binding
// the definition's variable to a and evaluating its body (after checking
// that a is in the domain).
func (p *Program) compileDirectApp(t *syntax.FuncApp, r *syntax.Ref, fc *syntax.FuncCons, s *scope) fn {
	d := r.Def
	arg := p.compile(t.Args[0], s)
	b := fc.Binders[0]
	var base func(c *Ctx, e *env) *env
	var df *directFn
	if d.InLet {
		k := s.depth(d)
		if k < 0 {
			fail(r, "internal: LET function %s not in scope", d.Name)
		}
		inner := &scope{keys: s.keys[: len(s.keys)-k : len(s.keys)-k], node: s.node}
		df = p.directFor(directKey{s.node, d}, fc, inner)
		base = func(c *Ctx, e *env) *env { return e.walk(k) }
	} else {
		n := p.descend(s.node, r.Via)
		df = p.directFor(directKey{n, d}, fc, &scope{keys: n.baseKeys, node: n})
		base = p.viaEnv(r.Via, s)
	}
	return func(c *Ctx, e *env) value.Value {
		be := base(c, e)
		a := arg(c, e)
		ok, err := value.Member(a, setOf(b.Set, df.dom(c, be)))
		if err != nil {
			failErr(t, err)
		}
		if !ok {
			fail(t, "Attempted to apply function %s to argument %s, which is not in the domain of the function.", d.Name, str(a))
		}
		return df.body(c, be.push(a))
	}
}

type directKey struct {
	n *instNode
	d *syntax.OpDef
}

type directFn struct{ dom, body fn }

func (p *Program) directFor(k directKey, fc *syntax.FuncCons, inner *scope) *directFn {
	if df, ok := p.direct[k]; ok {
		return df
	}
	df := &directFn{}
	p.direct[k] = df
	b := fc.Binders[0]
	df.dom = p.compile(b.Set, inner)
	df.body = p.compile(fc.Body, inner.with(b.Vars[0]))
	return df
}

// bindersIndependent reports whether no binder's set mentions a variable
// bound by an earlier binder of the same list.
func bindersIndependent(bs []*syntax.Binder) bool {
	bound := map[*syntax.BoundVar]bool{}
	for _, b := range bs {
		dep := false
		var visit func(x syntax.Expr)
		visit = func(x syntax.Expr) {
			if dep || x == nil {
				return
			}
			if r, ok := x.(*syntax.Ref); ok && r.Kind == syntax.RefBound && bound[r.Bound] {
				dep = true
				return
			}
			for _, c := range children(x) {
				visit(c)
			}
		}
		visit(b.Set)
		if dep {
			return false
		}
		for _, v := range b.Vars {
			bound[v] = true
		}
	}
	return true
}
