package eval

import "github.com/veralloc/veralloc/gotlc/syntax"

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
		} else if d, bound := p.constDefs[r.Const]; bound && !visiting[d] {
			// cfg `C <- D`: as constant as D.
			visiting[d] = true
			if !p.isConstant(d.Body, p.root, visiting) {
				*ok = false
			}
		}
	case syntax.RefBuiltin:
		if rp, bound := p.builtinDefs[r.Builtin]; bound && !visiting[rp.def] {
			visiting[rp.def] = true
			if !p.isConstant(rp.def.Body, p.descend(p.root, rp.via), visiting) {
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
