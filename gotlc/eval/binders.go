package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// compileLet compiles the definitions of a LET: each is pushed on the
// environment (zero-arity ones as lazily evaluated thunks).
// bindThunk binds a LET definition without parameters (a value or a
// function definition): a thunk of body evaluated, at most once, in the
// environment that holds the thunk itself (so that it may be recursive).
func bindThunk(body fn) func(c *Ctx, e *env) *env {
	return func(c *Ctx, e *env) *env {
		te := c.newLet()
		te.th = thunk{f: body}
		te.e = env{v: &te.th, up: e}
		te.th.env = &te.e
		return &te.e
	}
}

// thunkEnv is a LET thunk and its binding, allocated together.
type thunkEnv struct {
	th thunk
	e  env
}

func (p *Program) compileLet(t *syntax.Let, s *scope) (func(c *Ctx, e *env) *env, *scope) {
	// Named instances of the LET need no binding: references through them
	// carry the instance in their path (syntax.Ref.Via), like references
	// through module-level instances, and their substitutions use only
	// module-level names (checked by the resolver).
	type binder func(c *Ctx, e *env) *env
	var binds []binder
	cur := s
	for _, d := range t.Defs {
		d := d
		cur = cur.with(d) // a definition sees itself (RECURSIVE) and earlier ones
		if d.IsFunc {
			body := p.compileFuncDef(d, cur)
			binds = append(binds, bindThunk(body))
			continue
		}
		if len(d.Params) == 0 {
			body := p.compile(d.Body, cur)
			binds = append(binds, bindThunk(body))
			continue
		}
		inner := cur.with(paramKeys(d.Params)...)
		body := p.compile(d.Body, inner)
		bodyAct := p.compileAct(d.Body, inner, modeNext)
		n := len(d.Params)
		binds = append(binds, func(c *Ctx, e *env) *env {
			op := &opVal{arity: n}
			ne := e.push(op)
			bind := func(args []any) *env { return pushValues(ne, args) }
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
		for _, v := range t.Values() {
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
		// single: bind pushes x itself (not a tuple's components), so
		// the loop may take its nodes from an envBlock.
		single bool
	}
	var steps []step
	cur := s
	indep := bindersIndependent(bs)
	for _, b := range bs {
		if b.Set == nil {
			fail(b, "internal: unbounded binder outside a quantifier")
		}
		if b.Tuple {
			set := p.compile(b.Set, cur)
			var set0 fn
			if indep {
				set0 = p.compile(b.Set, s)
			}
			steps = append(steps, step{set: set, set0: set0, bind: bindFn(b), node: b})
			cur = cur.with(binderKeys(b)...)
			continue
		}
		for _, v := range b.Vars {
			set := p.compile(b.Set, cur)
			var set0 fn
			if indep {
				set0 = p.compile(b.Set, s)
			}
			steps = append(steps, step{set: set, set0: set0, bind: func(e *env, x value.Value) *env { return e.push(x) }, node: b, single: true})
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
		if st.single {
			return eachBound(st.node, e, sv, func(e2 *env) bool { return run(i+1, c, e2, f) })
		}
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

// compileQuantBinders compiles the binders of a quantifier. An unbounded
// one (\E x : P) is, as in TLC, an error only when evaluated.
func (p *Program) compileQuantBinders(t *syntax.Quant, s *scope) (binderIter, *scope) {
	for _, b := range t.Binders {
		if b.Set != nil {
			continue
		}
		inner := s
		for _, b := range t.Binders {
			inner = inner.with(binderKeys(b)...)
		}
		k := t.Kind.String()
		return func(*Ctx, *env, func(*env) bool) bool {
			fail(t, "TLC attempted to evaluate an unbounded %s.\nMake sure that the expression is of form %s x \\in S: P(x).", k, k)
			return false
		}, inner
	}
	return p.compileBinders(t.Binders, s)
}

// singleBinder is the set of a quantifier or binder list with one bounded
// variable that is not a tuple (\E x \in S : ...), compiled in s, and the
// scope of the body; ok is false for any other binder list.
func (p *Program) singleBinder(bs []*syntax.Binder, s *scope) (set fn, node syntax.Node, inner *scope, ok bool) {
	if len(bs) != 1 || bs[0].Tuple || len(bs[0].Vars) != 1 || bs[0].Set == nil {
		return nil, nil, nil, false
	}
	b := bs[0]
	return p.compile(b.Set, s), b, s.with(b.Vars[0]), true
}

// eachBound calls f with e extended by each element of the set sv in turn
// (the nodes from an envBlock) until f returns false; it reports whether
// every call returned true. f does not escape, so a closure passed here is
// not allocated on the heap.
func eachBound(n syntax.Node, e *env, sv value.Value, f func(*env) bool) bool {
	if iv, ok := sv.(*value.Interval); ok {
		blk := newEnvBlock(e, int(iv.Len()))
		for x := iv.Lo; x <= iv.Hi; x++ {
			if !f(blk.bind(value.Int(x))) {
				return false
			}
		}
		return true
	}
	xs := elems(n, sv)
	blk := newEnvBlock(e, len(xs))
	for _, x := range xs {
		if !f(blk.bind(x)) {
			return false
		}
	}
	return true
}

func (p *Program) compileQuant(t *syntax.Quant, s *scope) fn {
	if set, node, inner, ok := p.singleBinder(t.Binders, s); ok {
		body := p.compile(t.Body, inner)
		exists := t.Kind == syntax.Exists
		return func(c *Ctx, e *env) value.Value {
			// \E: stop at the first witness; \A: at the first counterexample.
			all := eachBound(node, e, set(c, e), func(e2 *env) bool {
				return boolOf(t.Body, body(c, e2)) != exists
			})
			return value.Bool(all != exists)
		}
	}
	iter, inner := p.compileQuantBinders(t, s)
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

// noChoice fails with TLC's error for a CHOOSE no element satisfies.
func noChoice(t *syntax.Choose) {
	fail(t, "Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.\n%s", tlcWhere(t))
}

// chooseSet is the set sv of CHOOSE t, with TLC's error when it cannot
// be enumerated.
func chooseSet(t *syntax.Choose, sv value.Value) value.Value {
	if value.IsSet(sv) && !value.IsFinite(sv) {
		fail(t, "Attempted to compute the value of an expression of\nform CHOOSE x \\in S: P, but S was not enumerable.\n%s", tlcWhere(t))
	}
	return sv
}

func (p *Program) compileChoose(t *syntax.Choose, s *scope) fn {
	if t.Binder.Set == nil {
		// As TLC: an error when evaluated (never, when a native or the
		// .cfg replaces the definition, or the branch is not taken).
		return func(*Ctx, *env) value.Value {
			fail(t, "TLC attempted to evaluate an unbounded CHOOSE.\nMake sure that the expression is of form CHOOSE x \\in S: P(x).")
			return nil
		}
	}
	set := p.compile(t.Binder.Set, s)
	bind := bindFn(t.Binder)
	body := p.compile(t.Body, s.with(binderKeys(t.Binder)...))
	if !t.Binder.Tuple && len(t.Binder.Vars) == 1 {
		return func(c *Ctx, e *env) value.Value {
			var found value.Value
			eachBound(t.Binder.Set, e, chooseSet(t, set(c, e)), func(e2 *env) bool {
				if boolOf(t.Body, body(c, e2)) {
					found = e2.v.(value.Value)
					return false
				}
				return true
			})
			if found == nil {
				noChoice(t)
			}
			return found
		}
	}
	return func(c *Ctx, e *env) value.Value {
		sv := chooseSet(t, set(c, e))
		for _, x := range elems(t.Binder.Set, sv) {
			if boolOf(t.Body, body(c, bind(e, x))) {
				return x
			}
		}
		noChoice(t)
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

// bindersIndependent reports whether no binder's set mentions a variable
// bound by an earlier binder of the same list.
func bindersIndependent(bs []*syntax.Binder) bool {
	bound := map[*syntax.BoundVar]bool{}
	for _, b := range bs {
		dep := false
		if b.Set != nil {
			inspectValues(b.Set, func(x syntax.Expr) bool {
				if r, ok := x.(*syntax.Ref); ok && r.Kind == syntax.RefBound && bound[r.Bound] {
					dep = true
				}
				return !dep
			})
		}
		if dep {
			return false
		}
		for _, v := range b.Vars {
			bound[v] = true
		}
	}
	return true
}
