package syntax

import (
	"strconv"
	"strings"
)

// Sexpr renders a node as a compact S-expression, for tests and debugging.
// Parentheses written in the source are not shown (Paren prints its
// operand). Examples: `a + b * c` is `(+ a (* b c))`, `x' = 1` is
// `(= (' x) 1)`, `\A x \in S : P` is `(\A ((x) \in S) P)`.
func Sexpr(n Node) string {
	var b strings.Builder
	w := &sexprWriter{b: &b}
	w.node(n)
	return b.String()
}

// SexprResolved is like Sexpr but suffixes every Ref with its resolution,
// e.g. `x:var`, `N:const`, `Op:def`, `y:bound`, `+:builtin`, `I!Op:def@I`.
func SexprResolved(n Node) string {
	var b strings.Builder
	w := &sexprWriter{b: &b, resolved: true}
	w.node(n)
	return b.String()
}

type sexprWriter struct {
	b        *strings.Builder
	resolved bool
}

func (w *sexprWriter) s(x string) { w.b.WriteString(x) }

// list writes (head item...): each item a Node, a *Binder or a []*Binder.
func (w *sexprWriter) list(head string, items ...any) {
	w.s("(")
	w.s(head)
	for _, it := range items {
		w.s(" ")
		switch it := it.(type) {
		case nil:
			w.node(nil)
		case *Binder:
			w.binder(it)
		case []*Binder:
			w.binders(it)
		default:
			w.node(it.(Node))
		}
	}
	w.s(")")
}

// fields writes (head (name value)...) for a record constructor or set.
func (w *sexprWriter) fields(head string, fs []*Field) {
	w.s("(" + head)
	for _, f := range fs {
		w.s(" (" + f.Name + " ")
		w.node(f.Value)
		w.s(")")
	}
	w.s(")")
}

func (w *sexprWriter) exprs(es []Expr) {
	for _, e := range es {
		w.s(" ")
		w.node(e)
	}
}

// form writes (head e...), the head written by head.
func (w *sexprWriter) form(head func(), es []Expr) {
	w.s("(")
	head()
	w.exprs(es)
	w.s(")")
}

func (w *sexprWriter) ref(r *Ref) {
	w.s(r.Name)
	if !w.resolved {
		return
	}
	w.s(":")
	w.s(r.Kind.String())
	if len(r.Via) > 0 {
		w.s("@")
		for i, v := range r.Via {
			if i > 0 {
				w.s("!")
			}
			if v.Inst.Name == "" {
				w.s("INSTANCE " + v.Inst.ModuleName)
			} else {
				w.s(v.Inst.Name)
			}
		}
	}
}

func (w *sexprWriter) binder(b *Binder) {
	w.s("(")
	if b.Tuple {
		w.s("<<")
	} else {
		w.s("(")
	}
	for i, v := range b.Vars {
		if i > 0 {
			w.s(" ")
		}
		w.s(v.Name)
	}
	if b.Tuple {
		w.s(">>")
	} else {
		w.s(")")
	}
	if b.Set != nil {
		w.s(` \in `)
		w.node(b.Set)
	}
	w.s(")")
}

func (w *sexprWriter) binders(bs []*Binder) { spaced(w, bs, w.binder) }

// spaced writes (x x ...), each of xs written by each.
func spaced[T any](w *sexprWriter, xs []T, each func(T)) {
	w.s("(")
	for i, x := range xs {
		if i > 0 {
			w.s(" ")
		}
		each(x)
	}
	w.s(")")
}

func (w *sexprWriter) params(ps []*Param) {
	w.s("(")
	for i, p := range ps {
		if i > 0 {
			w.s(" ")
		}
		w.s(p.Name)
		if p.Arity > 0 {
			w.s("/" + strconv.Itoa(p.Arity))
		}
	}
	w.s(")")
}

func (w *sexprWriter) def(d *OpDef) {
	if d.IsFunc {
		w.s("(fundef " + d.Name + " ")
		w.node(d.Body)
		w.s(")")
		return
	}
	w.s("(def ")
	if d.Local {
		w.s("LOCAL ")
	}
	w.s(d.Name + " ")
	w.params(d.Params)
	w.s(" ")
	w.node(d.Body)
	w.s(")")
}

func (w *sexprWriter) inst(in *InstanceDef) {
	w.s("(instance ")
	if in.Local {
		w.s("LOCAL ")
	}
	if in.Name != "" {
		w.s(in.Name + " ")
		if len(in.Params) > 0 {
			w.params(in.Params)
			w.s(" ")
		}
	}
	w.s(in.ModuleName)
	for _, s := range in.Subst {
		if s.Implicit {
			continue
		}
		w.s(" (" + s.Name + " <- ")
		w.node(s.Expr)
		w.s(")")
	}
	w.s(")")
}

func (w *sexprWriter) node(n Node) {
	switch x := n.(type) {
	case nil:
		w.s("nil")
	case *Ref:
		w.ref(x)
	case *OpApp:
		w.form(func() { w.ref(x.Op) }, x.Args)
	case *Junction:
		h := x.Kind.String()
		if x.Bulleted {
			h += "|"
		}
		w.form(func() { w.s(h) }, x.Items)
	case *NumLit:
		if x.Big {
			w.s(x.Text)
		} else {
			w.s(strconv.FormatInt(x.Value, 10))
		}
	case *StrLit:
		w.s(strconv.Quote(x.Value))
	case *BoolLit:
		if x.Value {
			w.s("TRUE")
		} else {
			w.s("FALSE")
		}
	case *At:
		w.s("@")
	case *Paren:
		w.node(x.X)
	case *Label:
		w.s("(:: " + x.Name + " ")
		w.node(x.X)
		w.s(")")
	case *If:
		w.list("if", x.Cond, x.Then, x.Else)
	case *Case:
		w.s("(case")
		for _, a := range x.Arms {
			w.s(" ")
			w.list("->", a.Guard, a.Body)
		}
		if x.Other != nil {
			w.s(" ")
			w.list("other", x.Other)
		}
		w.s(")")
	case *Let:
		w.s("(let (")
		for i, d := range x.Defs {
			if i > 0 {
				w.s(" ")
			}
			w.def(d)
		}
		for _, in := range x.Instances {
			w.s(" ")
			w.inst(in)
		}
		w.s(") ")
		w.node(x.Body)
		w.s(")")
	case *Quant:
		w.list(x.Kind.String(), x.Binders, x.Body)
	case *TemporalQuant:
		w.s("(" + x.Kind.String() + x.Kind.String()[1:] + " ")
		spaced(w, x.Vars, func(v *BoundVar) { w.s(v.Name) })
		w.s(" ")
		w.node(x.Body)
		w.s(")")
	case *Choose:
		w.list("choose", x.Binder, x.Body)
	case *SetEnum:
		w.form(func() { w.s("set") }, x.Elems)
	case *SetFilter:
		w.list("filter", x.Binder, x.Pred)
	case *SetMap:
		w.list("map", x.Elem, x.Binders)
	case *FuncCons:
		w.list("fn", x.Binders, x.Body)
	case *FuncApp:
		w.form(func() { w.s("app "); w.node(x.Fn) }, x.Args)
	case *FuncSet:
		w.list("->", x.Dom, x.Rng)
	case *Except:
		w.s("(except ")
		w.node(x.Fn)
		for _, u := range x.Updates {
			w.s(" (!")
			for _, st := range u.Path {
				if st.Index != nil {
					w.s("[")
					for i, e := range st.Index {
						if i > 0 {
							w.s(" ")
						}
						w.node(e)
					}
					w.s("]")
				} else {
					w.s("." + st.Field)
				}
			}
			w.s(" ")
			w.node(u.Value)
			w.s(")")
		}
		w.s(")")
	case *RecordCons:
		w.fields("record", x.Fields)
	case *RecordSet:
		w.fields("recordset", x.Fields)
	case *Dot:
		w.s("(. ")
		w.node(x.X)
		w.s(" " + x.Field + ")")
	case *Tuple:
		w.s("(tuple")
		w.exprs(x.Elems)
		w.s(")")
	case *Lambda:
		w.s("(lambda ")
		w.params(x.Params)
		w.s(" ")
		w.node(x.Body)
		w.s(")")
	case *ActionExpr:
		if x.Angle {
			w.list("<>_", x.Action, x.Sub)
		} else {
			w.list("[]_", x.Action, x.Sub)
		}
	case *Fairness:
		if x.Strong {
			w.list("SF", x.Sub, x.Action)
		} else {
			w.list("WF", x.Sub, x.Action)
		}
	case *Module:
		w.s("(module " + x.Name)
		if len(x.Extends) > 0 {
			w.s(" (extends")
			for _, e := range x.Extends {
				w.s(" " + e.Name)
			}
			w.s(")")
		}
		for _, u := range x.Units {
			if _, ok := u.(*Separator); ok {
				continue
			}
			w.s("\n  ")
			w.node(u)
		}
		w.s(")")
	case *ConstDecl:
		w.s("(constant " + x.Name)
		if x.Arity > 0 {
			w.s("/" + strconv.Itoa(x.Arity))
		}
		w.s(")")
	case *VarDecl:
		w.s("(variable " + x.Name + ")")
	case *OpDef:
		w.def(x)
	case *InstanceDef:
		w.inst(x)
	case *Assume:
		w.s("(assume ")
		if x.Name != "" {
			w.s(x.Name + " ")
		}
		w.node(x.Expr)
		w.s(")")
	case *Theorem:
		w.s("(theorem ")
		if x.Name != "" {
			w.s(x.Name + " ")
		}
		if x.AssumeProve {
			w.s("ASSUME-PROVE")
		} else {
			w.node(x.Expr)
		}
		w.s(")")
	case *RecursiveDecl:
		w.s("(recursive")
		for _, p := range x.Names {
			w.s(" " + p.Name)
		}
		w.s(")")
	case *Separator:
		w.s("----")
	default:
		w.s("?")
	}
}
