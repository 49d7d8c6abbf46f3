package eval

import "github.com/veralloc/veralloc/gotlc/syntax"

// walkUnit visits a module unit with syntax.Inspect, reporting identifiers
// and string literals in source order (the order TLC interns them in, which
// orders strings). It reports what the checker evaluates: not theorems, not
// the arguments of instance paths, not implicit substitutions.
func walkUnit(u syntax.Unit, id func(string), lit func(string)) {
	var f func(n syntax.Node) bool
	walk := func(x syntax.Expr) {
		if x != nil {
			syntax.Inspect(x, f)
		}
	}
	binder := func(b *syntax.Binder) {
		if b == nil {
			return
		}
		for _, v := range b.Vars {
			id(v.Name)
		}
		walk(b.Set)
	}
	f = func(n syntax.Node) bool {
		switch t := n.(type) {
		case *syntax.ConstDecl:
			id(t.Name)
		case *syntax.VarDecl:
			id(t.Name)
		case *syntax.OpDef:
			id(t.Name)
			for _, p := range t.Params {
				id(p.Name)
			}
		case *syntax.InstanceDef:
			id(t.Name)
			for _, s := range t.Subst {
				if !s.Implicit {
					id(s.Name)
					walk(s.Expr)
				}
			}
			return false
		case *syntax.Theorem, *syntax.TemporalQuant:
			return false
		case *syntax.Ref:
			id(t.Name)
			return false
		case *syntax.OpApp:
			args := t.Args
			if len(args) > 0 && t.Op.Kind == syntax.RefBuiltin && t.Op.Builtin.Arity() == 2 {
				walk(args[0]) // infix: the operator stands after its left operand
				args = args[1:]
			}
			id(t.Op.Name)
			for _, a := range args {
				walk(a)
			}
			return false
		case *syntax.StrLit:
			lit(t.Value)
		case *syntax.Let:
			for _, d := range t.Defs {
				syntax.Inspect(d, f)
			}
			walk(t.Body)
			return false
		case *syntax.Quant:
			for _, b := range t.Binders {
				binder(b)
			}
			walk(t.Body)
			return false
		case *syntax.Choose:
			binder(t.Binder)
			walk(t.Body)
			return false
		case *syntax.SetFilter:
			binder(t.Binder)
			walk(t.Pred)
			return false
		case *syntax.SetMap:
			walk(t.Elem)
			for _, b := range t.Binders {
				binder(b)
			}
			return false
		case *syntax.FuncCons:
			for _, b := range t.Binders {
				binder(b)
			}
			walk(t.Body)
			return false
		case *syntax.Except:
			walk(t.Fn)
			for _, u := range t.Updates {
				for _, s := range u.Path {
					if s.Field != "" {
						id(s.Field)
					}
					for _, a := range s.Index {
						walk(a)
					}
				}
				walk(u.Value)
			}
			return false
		case *syntax.RecordCons:
			for _, fl := range t.Fields {
				id(fl.Name)
				walk(fl.Value)
			}
			return false
		case *syntax.RecordSet:
			for _, fl := range t.Fields {
				id(fl.Name)
				walk(fl.Value)
			}
			return false
		case *syntax.Dot:
			walk(t.X)
			id(t.Field)
			return false
		case *syntax.Lambda:
			for _, p := range t.Params {
				id(p.Name)
			}
		}
		return true
	}
	syntax.Inspect(u, f)
}
