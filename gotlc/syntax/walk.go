package syntax

// Inspect walks the tree rooted at n in depth-first source order, calling
// f for every node (expressions, binders' sets, LET definitions and their
// bodies, EXCEPT paths, instance substitutions, module units). If f returns
// false, the children of that node are skipped. Binder and BoundVar nodes
// are not visited themselves; their sets are.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || !f(n) {
		return
	}
	ex := func(e Expr) {
		if e != nil {
			Inspect(e, f)
		}
	}
	exs := func(es []Expr) {
		for _, e := range es {
			ex(e)
		}
	}
	bs := func(b []*Binder) {
		for _, x := range b {
			ex(x.Set)
		}
	}
	switch x := n.(type) {
	case *Module:
		for _, u := range x.Units {
			Inspect(u, f)
		}
	case *OpDef:
		ex(x.Body)
	case *InstanceDef:
		for _, s := range x.Subst {
			ex(s.Expr)
		}
	case *Assume:
		ex(x.Expr)
	case *Theorem:
		ex(x.Expr)
	case *Ref:
		for _, v := range x.Via {
			exs(v.Args)
		}
		for _, seg := range x.path {
			exs(seg.args)
		}
	case *OpApp:
		Inspect(x.Op, f)
		exs(x.Args)
	case *Junction:
		exs(x.Items)
	case *Paren:
		ex(x.X)
	case *Label:
		ex(x.X)
	case *If:
		ex(x.Cond)
		ex(x.Then)
		ex(x.Else)
	case *Case:
		for _, a := range x.Arms {
			ex(a.Guard)
			ex(a.Body)
		}
		ex(x.Other)
	case *Let:
		for _, d := range x.Defs {
			Inspect(d, f)
		}
		for _, in := range x.Instances {
			Inspect(in, f)
		}
		ex(x.Body)
	case *Quant:
		bs(x.Binders)
		ex(x.Body)
	case *TemporalQuant:
		ex(x.Body)
	case *Choose:
		bs([]*Binder{x.Binder})
		ex(x.Body)
	case *SetEnum:
		exs(x.Elems)
	case *SetFilter:
		bs([]*Binder{x.Binder})
		ex(x.Pred)
	case *SetMap:
		ex(x.Elem)
		bs(x.Binders)
	case *FuncCons:
		bs(x.Binders)
		ex(x.Body)
	case *FuncApp:
		ex(x.Fn)
		exs(x.Args)
	case *FuncSet:
		ex(x.Dom)
		ex(x.Rng)
	case *Except:
		ex(x.Fn)
		for _, u := range x.Updates {
			for _, st := range u.Path {
				exs(st.Index)
			}
			ex(u.Value)
		}
	case *RecordCons:
		for _, fl := range x.Fields {
			ex(fl.Value)
		}
	case *RecordSet:
		for _, fl := range x.Fields {
			ex(fl.Value)
		}
	case *Dot:
		ex(x.X)
	case *Tuple:
		exs(x.Elems)
	case *Lambda:
		ex(x.Body)
	case *ActionExpr:
		ex(x.Action)
		ex(x.Sub)
	case *Fairness:
		ex(x.Sub)
		ex(x.Action)
	}
}

// BoundVars returns the variables node n binds: those of the binders of a
// quantifier, CHOOSE, set filter, set map, function constructor or
// temporal quantifier; nil for any other node.
func BoundVars(n Node) []*BoundVar {
	var bs []*Binder
	switch x := n.(type) {
	case *Quant:
		bs = x.Binders
	case *SetMap:
		bs = x.Binders
	case *FuncCons:
		bs = x.Binders
	case *Choose:
		return x.Binder.Vars
	case *SetFilter:
		return x.Binder.Vars
	case *TemporalQuant:
		return x.Vars
	}
	var vs []*BoundVar
	for _, b := range bs {
		vs = append(vs, b.Vars...)
	}
	return vs
}
