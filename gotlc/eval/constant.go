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
	return closedSyntax(x) && p.isConstant(x, s.node, map[*syntax.OpDef]bool{})
}

// closedSyntax reports whether x mentions no bound variable, parameter, LET
// definition or @ itself (definitions it uses are not looked into).
func closedSyntax(x syntax.Expr) bool {
	closed := true
	inspectValues(x, func(y syntax.Expr) bool {
		if !closed {
			return false
		}
		switch t := y.(type) {
		case *syntax.Ref:
			if t.Kind == syntax.RefBound || t.Kind == syntax.RefParam || (t.Kind == syntax.RefDef && t.Def.InLet) {
				closed = false
			}
		case *syntax.OpApp:
			if t.Op.Kind == syntax.RefParam || (t.Op.Kind == syntax.RefDef && t.Op.Def.InLet) {
				closed = false
			}
		case *syntax.At, *syntax.Let, *syntax.Lambda:
			closed = false
		}
		return closed
	})
	return closed
}

// isConstant reports whether x (in instance node n) depends on no state
// variable, prime or run-time TLC facility, so its value can be computed
// once.
func (p *Program) isConstant(x syntax.Expr, n *instNode, visiting map[*syntax.OpDef]bool) bool {
	ok := true
	if x == nil {
		return ok
	}
	inspectValues(x, func(x syntax.Expr) bool {
		if !ok {
			return false
		}
		switch t := x.(type) {
		case *syntax.Ref:
			p.refConstant(t, n, visiting, &ok)
			return false
		case *syntax.OpApp:
			switch t.Op.Builtin {
			case syntax.BPrime, syntax.BUnchanged, syntax.BEnabled, syntax.BTLCGet, syntax.BTLCSet,
				syntax.BJavaTime, syntax.BAny:
				if t.Op.Kind == syntax.RefBuiltin {
					ok = false
					return false
				}
			case syntax.BRandomElement:
				if t.Op.Kind == syntax.RefBuiltin && !p.randomConstant {
					ok = false
					return false
				}
			}
			if t.Op.Kind == syntax.RefDef && isRandomDef(t.Op.Def) && !p.randomConstant {
				ok = false
				return false
			}
			p.refConstant(t.Op, n, visiting, &ok)
		case *syntax.ActionExpr, *syntax.Fairness, *syntax.TemporalQuant:
			ok = false
		}
		return ok
	})
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
			// WITH C <- k) differs between uses of the instance, unless
			// its substitute mentions no parameter (the implicit Nodes <-
			// Nodes of P(Succ) == INSTANCE M).
			if (len(sn.baseKeys) > 0 && !closedSyntax(sub.Expr)) || !p.isConstant(sub.Expr, sn.parent, visiting) {
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

// inspectValues calls f on x and, while f returns true, on the
// subexpressions x's value depends on (syntax.Inspect, minus the operator
// of an OpApp, which f sees as part of the OpApp, the arguments of
// instance paths, which refConstant checks, and LET instances).
func inspectValues(x syntax.Expr, f func(syntax.Expr) bool) {
	syntax.Inspect(x, func(n syntax.Node) bool {
		switch t := n.(type) {
		case *syntax.Ref:
			f(t)
			return false
		case *syntax.OpApp:
			if f(t) {
				for _, a := range t.Args {
					inspectValues(a, f)
				}
			}
			return false
		case *syntax.OpDef: // a LET definition: its body
			return true
		case *syntax.InstanceDef:
			return false
		}
		if e, ok := n.(syntax.Expr); ok {
			return f(e)
		}
		return true
	})
}

// walkDefs is inspectValues through definitions: it also walks the body of
// every definition x uses (directly or through other definitions), once
// each. f sees a use of a definition before its body; f returning false
// skips the node's subexpressions and, for a use, the definition's body.
func walkDefs(x syntax.Expr, f func(syntax.Expr) bool) {
	seen := map[*syntax.OpDef]bool{}
	var visit func(x syntax.Expr)
	visit = func(x syntax.Expr) {
		if x == nil {
			return
		}
		inspectValues(x, func(y syntax.Expr) bool {
			if !f(y) {
				return false
			}
			var d *syntax.OpDef
			switch t := y.(type) {
			case *syntax.OpApp:
				if t.Op.Kind == syntax.RefDef {
					d = t.Op.Def
				}
			case *syntax.Ref:
				if t.Kind == syntax.RefDef {
					d = t.Def
				}
			}
			if d != nil && !seen[d] {
				seen[d] = true
				visit(d.Body)
			}
			return true
		})
	}
	visit(x)
}
