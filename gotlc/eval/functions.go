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
		ups[i] = upd{path: path, val: p.compile(u.Value, s.with(atKey{u}))}
	}
	var update func(c *Ctx, e *env, v value.Value, path []stepFn, val fn) value.Value
	update = func(c *Ctx, e *env, v value.Value, path []stepFn, val fn) value.Value {
		if len(path) == 0 {
			return val(c, e.push(v))
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
		return f.Update(i, update(c, e, f.Vals[i], path[1:], val))
	}
	return func(c *Ctx, e *env) value.Value {
		v := base(c, e)
		for _, u := range ups {
			v = update(c, e, v, u.path, u.val)
		}
		return v
	}
}
