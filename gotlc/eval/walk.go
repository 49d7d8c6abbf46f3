package eval

import "github.com/veralloc/veralloc/gotlc/syntax"

// walkUnit visits a module unit in source order, reporting identifiers and
// string literals.
func walkUnit(u syntax.Unit, id func(string), lit func(string)) {
	switch t := u.(type) {
	case *syntax.ConstDecl:
		id(t.Name)
	case *syntax.VarDecl:
		id(t.Name)
	case *syntax.OpDef:
		walkDef(t, id, lit)
	case *syntax.InstanceDef:
		id(t.Name)
		for _, s := range t.Subst {
			if !s.Implicit {
				id(s.Name)
				walkExpr(s.Expr, id, lit)
			}
		}
	case *syntax.Assume:
		walkExpr(t.Expr, id, lit)
	}
}

func walkDef(d *syntax.OpDef, id func(string), lit func(string)) {
	id(d.Name)
	for _, p := range d.Params {
		id(p.Name)
	}
	walkExpr(d.Body, id, lit)
}

func walkBinders(bs []*syntax.Binder, id func(string), lit func(string)) {
	for _, b := range bs {
		walkBinder(b, id, lit)
	}
}

func walkBinder(b *syntax.Binder, id func(string), lit func(string)) {
	if b == nil {
		return
	}
	for _, v := range b.Vars {
		id(v.Name)
	}
	walkExpr(b.Set, id, lit)
}

// walkExpr visits x in source order (approximately: children left to right).
func walkExpr(x syntax.Expr, id func(string), lit func(string)) {
	w := func(y syntax.Expr) { walkExpr(y, id, lit) }
	switch t := x.(type) {
	case nil:
	case *syntax.Ref:
		id(t.Name)
	case *syntax.OpApp:
		if len(t.Args) > 0 && t.Op.Kind == syntax.RefBuiltin && t.Op.Builtin.Arity() == 2 {
			w(t.Args[0])
			id(t.Op.Name)
			for _, a := range t.Args[1:] {
				w(a)
			}
			return
		}
		id(t.Op.Name)
		for _, a := range t.Args {
			w(a)
		}
	case *syntax.Junction:
		for _, a := range t.Items {
			w(a)
		}
	case *syntax.StrLit:
		lit(t.Value)
	case *syntax.Paren:
		w(t.X)
	case *syntax.Label:
		w(t.X)
	case *syntax.If:
		w(t.Cond)
		w(t.Then)
		w(t.Else)
	case *syntax.Case:
		for _, a := range t.Arms {
			w(a.Guard)
			w(a.Body)
		}
		w(t.Other)
	case *syntax.Let:
		for _, d := range t.Defs {
			walkDef(d, id, lit)
		}
		w(t.Body)
	case *syntax.Quant:
		walkBinders(t.Binders, id, lit)
		w(t.Body)
	case *syntax.Choose:
		walkBinder(t.Binder, id, lit)
		w(t.Body)
	case *syntax.SetEnum:
		for _, a := range t.Elems {
			w(a)
		}
	case *syntax.SetFilter:
		walkBinder(t.Binder, id, lit)
		w(t.Pred)
	case *syntax.SetMap:
		w(t.Elem)
		walkBinders(t.Binders, id, lit)
	case *syntax.FuncCons:
		walkBinders(t.Binders, id, lit)
		w(t.Body)
	case *syntax.FuncApp:
		w(t.Fn)
		for _, a := range t.Args {
			w(a)
		}
	case *syntax.FuncSet:
		w(t.Dom)
		w(t.Rng)
	case *syntax.Except:
		w(t.Fn)
		for _, u := range t.Updates {
			for _, s := range u.Path {
				if s.Field != "" {
					id(s.Field)
				}
				for _, a := range s.Index {
					w(a)
				}
			}
			w(u.Value)
		}
	case *syntax.RecordCons:
		for _, f := range t.Fields {
			id(f.Name)
			w(f.Value)
		}
	case *syntax.RecordSet:
		for _, f := range t.Fields {
			id(f.Name)
			w(f.Value)
		}
	case *syntax.Dot:
		w(t.X)
		id(t.Field)
	case *syntax.Tuple:
		for _, a := range t.Elems {
			w(a)
		}
	case *syntax.Lambda:
		for _, p := range t.Params {
			id(p.Name)
		}
		w(t.Body)
	case *syntax.ActionExpr:
		w(t.Action)
		w(t.Sub)
	case *syntax.Fairness:
		w(t.Sub)
		w(t.Action)
	}
}
