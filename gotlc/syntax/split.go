package syntax

// Next is split into sub-actions the way TLC splits it: these are the
// actions coverage counts, trace events name and the traceability matrix
// lists. SplitAt is the rule, SplitNext applies it to a whole Next; the
// evaluator (gotlc/eval, action.go), trace validation (tracecheck) and the
// matrix (cmd/veralloc) all use them.

// A Split is how an expression of Next splits (SplitAt): exactly one of
// Items, Exists and Def is set.
type Split struct {
	Items  []Expr // a disjunction: each item is split further
	Exists *Quant // an \E: its body is split, once per binding
	// Def is a definition used as an action (Ref, with Args for an
	// operator with parameters): its body is split further, and names
	// the sub-actions found below it.
	Def  *OpDef
	Ref  *Ref
	Args []Expr
	Site Node // the use of Def (for messages)
}

// SplitAt tells how Next splits at x (parentheses are looked through): a
// disjunction into its items, \E into its body, and a use of a definition
// that is not a LET definition nor a function into that definition's
// body. Anything else is one sub-action (ok false).
func SplitAt(x Expr) (s Split, ok bool) {
	for {
		p, isParen := x.(*Paren)
		if !isParen {
			break
		}
		x = p.X
	}
	switch t := x.(type) {
	case *Junction:
		if t.Kind == Or {
			return Split{Items: t.Items}, true
		}
	case *Quant:
		if t.Kind == Exists {
			return Split{Exists: t}, true
		}
	case *Ref:
		if t.Kind == RefDef && !t.Def.InLet && !t.Def.IsFunc && len(t.Def.Params) == 0 {
			return Split{Def: t.Def, Ref: t, Site: t}, true
		}
	case *OpApp:
		if t.Op.Kind == RefDef && !t.Op.Def.InLet && !t.Op.Def.IsFunc {
			return Split{Def: t.Op.Def, Ref: t.Op, Args: t.Args, Site: t}, true
		}
	}
	return Split{}, false
}

// A SubAction is one sub-action of Next.
type SubAction struct {
	// Def is the innermost definition above the sub-action, which names
	// it (nil for a part of Next's own body); Leaf is the sub-action's
	// expression (Def's body, or a part of it).
	Def  *OpDef
	Leaf Expr
	// Domains holds, for each parameter of Def, the set of the \E binder
	// its argument is bound by (nil when the argument is not a bound
	// variable, or is one of a tuple binder).
	Domains []Expr
	// Via lists the definitions split on the way to Def, outermost first
	// (for Allocator.tla's DrainRemote: Refill).
	Via []*OpDef
}

// maxSplitDepth bounds the definitions SplitNext descends through (a
// recursive operator used as an action would not end).
const maxSplitDepth = 32

// SplitNext returns the sub-actions of the action next (Next's
// definition) in source order.
func SplitNext(next *OpDef) []SubAction {
	var out []SubAction
	var walk func(x Expr, def *OpDef, domains []Expr, bound map[*BoundVar]Expr, params map[*Param]Expr, via []*OpDef)
	originOf := func(a Expr, bound map[*BoundVar]Expr, params map[*Param]Expr) Expr {
		for {
			p, ok := a.(*Paren)
			if !ok {
				break
			}
			a = p.X
		}
		if r, ok := a.(*Ref); ok {
			switch r.Kind {
			case RefBound:
				return bound[r.Bound]
			case RefParam:
				return params[r.Param]
			}
		}
		return nil
	}
	walk = func(x Expr, def *OpDef, domains []Expr, bound map[*BoundVar]Expr, params map[*Param]Expr, via []*OpDef) {
		sp, ok := SplitAt(x)
		switch {
		case !ok:
			out = append(out, SubAction{Def: def, Leaf: x, Domains: domains, Via: via})
		case sp.Items != nil:
			for _, it := range sp.Items {
				walk(it, def, domains, bound, params, via)
			}
		case sp.Exists != nil:
			nb := make(map[*BoundVar]Expr, len(bound)+1)
			for k, v := range bound {
				nb[k] = v
			}
			for _, b := range sp.Exists.Binders {
				for _, v := range b.Vars {
					if b.Tuple {
						nb[v] = nil
					} else {
						nb[v] = b.Set
					}
				}
			}
			walk(sp.Exists.Body, def, domains, nb, params, via)
		default:
			d := sp.Def
			if len(via) >= maxSplitDepth {
				out = append(out, SubAction{Def: d, Leaf: d.Body, Via: via})
				return
			}
			ds := make([]Expr, len(sp.Args))
			np := make(map[*Param]Expr, len(d.Params))
			for i, a := range sp.Args {
				ds[i] = originOf(a, bound, params)
				if i < len(d.Params) {
					np[d.Params[i]] = ds[i]
				}
			}
			nv := via
			if def != nil {
				nv = append(append([]*OpDef{}, via...), def)
			}
			walk(d.Body, d, ds, map[*BoundVar]Expr{}, np, nv)
		}
	}
	walk(next.Body, nil, nil, map[*BoundVar]Expr{}, map[*Param]Expr{}, nil)
	return out
}
