package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

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
				bs := make([]env, n) // the bindings of x, one allocation
				for i := int64(0); i < n; i++ {
					bs[i] = env{v: value.Int(iv.Lo + i), up: e}
					vals[i] = body(c, &bs[i])
				}
				return value.NewFcnInterval(iv.Lo, vals)
			}
			dom := elems(b.Set, sv)
			vals := make([]value.Value, len(dom))
			bs := make([]env, len(dom))
			for i, x := range dom {
				bs[i] = env{v: x, up: e}
				vals[i] = body(c, &bs[i])
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
	if r, ok := t.Fn.(*syntax.Ref); ok && r.Kind == syntax.RefDef && r.Def.IsFunc {
		if fc, ok := r.Def.Body.(*syntax.FuncCons); ok {
			if n := directVars(fc); n > 0 && (len(t.Args) == n || len(t.Args) == 1) {
				return p.compileDirectApp(t, r, fc, s)
			}
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

// directVars is the number of variables of a function constructor whose
// binders are all plain (x, y \in S, not <<x, y>> \in S), or 0.
func directVars(fc *syntax.FuncCons) int {
	n := 0
	for _, b := range fc.Binders {
		if b.Tuple || b.Set == nil {
			return 0
		}
		n += len(b.Vars)
	}
	return n
}

func apply(n syntax.Node, fv, arg value.Value) value.Value {
	f, ok := fv.(*value.Fcn)
	if !ok {
		if k := tlcKind(fv); k != "" {
			fail(n, "A non-function (%s) was applied as a function.\n%s", k, tlcWhere(n))
		}
		fail(n, "Attempted to apply %s, which is not a function, to argument %s", str(fv), str(arg))
	}
	v, ok := f.Apply(arg)
	if !ok {
		fail(n, "Attempted to apply function:\n%s\nto argument %s, which is not in the domain of the function.", str(fv), str(arg))
	}
	return v
}

// compileDirectApp evaluates f[a] (or f[a, b, ...]) for a function
// definition f by binding the definition's variables to the arguments and
// evaluating its body, after checking that each is in its set. The function
// is never built as a whole, so recursive definitions over infinite domains
// (CR[n \in Nat, v \in S] == ...) work, as TLC's lazy functions do.
func (p *Program) compileDirectApp(t *syntax.FuncApp, r *syntax.Ref, fc *syntax.FuncCons, s *scope) fn {
	d := r.Def
	nvars := directVars(fc)
	args := p.compileList(t.Args, s)
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
	outside := func(a value.Value) {
		fail(t, "Attempted to apply function %s to argument %s, which is not in the domain of the function.", d.Name, str(a))
	}
	return func(c *Ctx, e *env) value.Value {
		be := base(c, e)
		var vs []value.Value
		if len(args) == nvars {
			vs = make([]value.Value, nvars)
			for i, a := range args {
				vs[i] = a(c, e)
			}
		} else {
			// f[<<a, b>>] of a function of two variables.
			a := args[0](c, e)
			tup, ok := a.(*value.Fcn)
			if !ok || !tup.IsSeq() || tup.Len() != nvars {
				outside(a)
			}
			vs = tup.Values()
		}
		for i, a := range vs {
			ok, err := value.Member(a, setOf(fc, df.doms[i](c, be)))
			if err != nil {
				failErr(t, err)
			}
			if !ok {
				if nvars == 1 {
					outside(a)
				}
				outside(value.NewTuple(vs))
			}
		}
		for _, a := range vs {
			be = be.push(a)
		}
		return df.body(c, be)
	}
}

type directKey struct {
	n *instNode
	d *syntax.OpDef
}

// directFn is a function definition compiled for direct application: the
// set of each variable and the body in the scope of all of them.
type directFn struct {
	doms []fn
	body fn
}

func (p *Program) directFor(k directKey, fc *syntax.FuncCons, inner *scope) *directFn {
	if df, ok := p.direct[k]; ok {
		return df
	}
	df := &directFn{}
	p.direct[k] = df
	var keys []any
	for _, b := range fc.Binders {
		set := p.compile(b.Set, inner)
		for _, v := range b.Vars {
			df.doms = append(df.doms, set)
			keys = append(keys, v)
		}
	}
	df.body = p.compile(fc.Body, inner.with(keys...))
	return df
}

func (p *Program) compileExcept(t *syntax.Except, s *scope) fn {
	base := p.compile(t.Fn, s)
	type stepFn struct {
		field *value.Str
		index []fn
		node  syntax.Node
	}
	type upd struct {
		path []stepFn
		val  fn
		at   bool // val refers to @ (else it is compiled without @'s binding)
	}
	ups := make([]upd, len(t.Updates))
	for i, u := range t.Updates {
		var path []stepFn
		for _, st := range u.Path {
			if st.Field != "" {
				path = append(path, stepFn{field: value.Intern(st.Field), node: st})
			} else {
				path = append(path, stepFn{index: p.compileList(st.Index, s), node: st})
			}
		}
		if usesAt(u.Value) {
			ups[i] = upd{path: path, val: p.compile(u.Value, s.with(atKey{u})), at: true}
		} else {
			ups[i] = upd{path: path, val: p.compile(u.Value, s)}
		}
	}
	var update func(c *Ctx, e *env, v value.Value, path []stepFn, u *upd) value.Value
	update = func(c *Ctx, e *env, v value.Value, path []stepFn, u *upd) value.Value {
		if len(path) == 0 {
			if !u.at {
				return u.val(c, e)
			}
			return u.val(c, c.newEnv(v, e))
		}
		st := path[0]
		var key value.Value
		if st.field != nil {
			key = st.field
		} else if len(st.index) == 1 {
			key = st.index[0](c, e)
		} else {
			ks := make([]value.Value, len(st.index))
			for i, f := range st.index {
				ks[i] = f(c, e)
			}
			key = value.NewTuple(ks)
		}
		f, ok := v.(*value.Fcn)
		if !ok {
			fail(st.node, "Attempted to apply EXCEPT to %s, which is not a function", str(v))
		}
		i, ok := f.Index(key)
		if !ok {
			return f // TLC: updating outside the domain leaves the function unchanged
		}
		return f.Update(i, update(c, e, f.At(i), path[1:], u))
	}
	return func(c *Ctx, e *env) value.Value {
		v := base(c, e)
		for i := range ups {
			v = update(c, e, v, ups[i].path, &ups[i])
		}
		return v
	}
}

// usesAt reports whether @ occurs in x (an EXCEPT update's value; an @ of
// an EXCEPT nested in x counts too, which only costs that binding).
func usesAt(x syntax.Expr) bool {
	found := false
	syntax.Inspect(x, func(n syntax.Node) bool {
		if _, ok := n.(*syntax.At); ok {
			found = true
		}
		return !found
	})
	return found
}
