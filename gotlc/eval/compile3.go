package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

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

// isConstant reports whether x (in instance node n) depends on no state
// variable, prime or run-time TLC facility, so its value can be computed
// once.
func (p *Program) isConstant(x syntax.Expr, n *instNode, visiting map[*syntax.OpDef]bool) bool {
	ok := true
	var visit func(x syntax.Expr, n *instNode)
	visit = func(x syntax.Expr, n *instNode) {
		if !ok || x == nil {
			return
		}
		switch t := x.(type) {
		case *syntax.Ref:
			p.refConstant(t, n, visiting, &ok)
			return
		case *syntax.OpApp:
			switch t.Op.Builtin {
			case syntax.BPrime, syntax.BUnchanged, syntax.BEnabled, syntax.BTLCGet, syntax.BTLCSet,
				syntax.BRandomElement, syntax.BJavaTime, syntax.BAny:
				if t.Op.Kind == syntax.RefBuiltin {
					ok = false
					return
				}
			}
			p.refConstant(t.Op, n, visiting, &ok)
		case *syntax.ActionExpr, *syntax.Fairness, *syntax.TemporalQuant:
			ok = false
			return
		}
		for _, c := range children(x) {
			visit(c, n)
		}
	}
	visit(x, n)
	return ok
}

func (p *Program) refConstant(r *syntax.Ref, n *instNode, visiting map[*syntax.OpDef]bool, ok *bool) {
	for _, u := range r.Via {
		for _, a := range u.Args {
			if !p.isConstant(a, n, visiting) {
				*ok = false
				return
			}
		}
	}
	switch r.Kind {
	case syntax.RefVar:
		*ok = false
	case syntax.RefConst:
		tn := p.descend(n, r.Via)
		if sn, sub := substFor(tn, r.Const); sub != nil {
			// A constant of a parameterised instance (I(k) == INSTANCE M
			// WITH C <- k) differs between uses of the instance.
			if len(sn.baseKeys) > 0 || !p.isConstant(sub.Expr, sn.parent, visiting) {
				*ok = false
			}
		}
	case syntax.RefDef:
		if r.Def.InLet {
			return
		}
		if visiting[r.Def] {
			return
		}
		visiting[r.Def] = true
		if !p.isConstant(r.Def.Body, p.descend(n, r.Via), visiting) {
			*ok = false
		}
	}
}

// children lists the direct subexpressions of x.
func children(x syntax.Expr) []syntax.Expr {
	var out []syntax.Expr
	add := func(xs ...syntax.Expr) {
		for _, y := range xs {
			if y != nil {
				out = append(out, y)
			}
		}
	}
	binders := func(bs ...*syntax.Binder) {
		for _, b := range bs {
			if b != nil && b.Set != nil {
				add(b.Set)
			}
		}
	}
	switch t := x.(type) {
	case *syntax.OpApp:
		add(t.Args...)
	case *syntax.Junction:
		add(t.Items...)
	case *syntax.Paren:
		add(t.X)
	case *syntax.Label:
		add(t.X)
	case *syntax.If:
		add(t.Cond, t.Then, t.Else)
	case *syntax.Case:
		for _, a := range t.Arms {
			add(a.Guard, a.Body)
		}
		add(t.Other)
	case *syntax.Let:
		for _, d := range t.Defs {
			add(d.Body)
		}
		add(t.Body)
	case *syntax.Quant:
		binders(t.Binders...)
		add(t.Body)
	case *syntax.Choose:
		binders(t.Binder)
		add(t.Body)
	case *syntax.SetEnum:
		add(t.Elems...)
	case *syntax.SetFilter:
		binders(t.Binder)
		add(t.Pred)
	case *syntax.SetMap:
		binders(t.Binders...)
		add(t.Elem)
	case *syntax.FuncCons:
		binders(t.Binders...)
		add(t.Body)
	case *syntax.FuncApp:
		add(t.Fn)
		add(t.Args...)
	case *syntax.FuncSet:
		add(t.Dom, t.Rng)
	case *syntax.Except:
		add(t.Fn)
		for _, u := range t.Updates {
			for _, st := range u.Path {
				add(st.Index...)
			}
			add(u.Value)
		}
	case *syntax.RecordCons:
		for _, f := range t.Fields {
			add(f.Value)
		}
	case *syntax.RecordSet:
		for _, f := range t.Fields {
			add(f.Value)
		}
	case *syntax.Dot:
		add(t.X)
	case *syntax.Tuple:
		add(t.Elems...)
	case *syntax.Lambda:
		add(t.Body)
	case *syntax.ActionExpr:
		add(t.Action, t.Sub)
	case *syntax.Fairness:
		add(t.Sub, t.Action)
	case *syntax.TemporalQuant:
		add(t.Body)
	}
	return out
}
