package eval

import (
	"sync/atomic"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// scope is the compile-time mirror of env: keys[len-1] is the innermost
// binding. node is the instance context the expression belongs to; the
// bottom len(node.baseKeys) keys are the instance's parameters.
type scope struct {
	keys []any
	node *instNode
}

func (s *scope) with(keys ...any) *scope {
	k := make([]any, 0, len(s.keys)+len(keys))
	k = append(k, s.keys...)
	k = append(k, keys...)
	return &scope{keys: k, node: s.node}
}

// depth returns how many links up key is bound, or -1.
func (s *scope) depth(key any) int {
	for i := len(s.keys) - 1; i >= 0; i-- {
		if s.keys[i] == key {
			return len(s.keys) - 1 - i
		}
	}
	return -1
}

// toBase is the number of links from the innermost binding down to the
// instance base.
func (s *scope) toBase() int { return len(s.keys) - len(s.node.baseKeys) }

// atKey marks the binding of @ inside an EXCEPT update.
type atKey struct{ u *syntax.ExceptUpdate }

func constFn(v value.Value) fn { return func(*Ctx, *env) value.Value { return v } }

func lookupFn(k int) fn {
	switch k {
	case 0:
		return func(_ *Ctx, e *env) value.Value { return asValue(e.v) }
	case 1:
		return func(_ *Ctx, e *env) value.Value { return asValue(e.up.v) }
	case 2:
		return func(_ *Ctx, e *env) value.Value { return asValue(e.up.up.v) }
	}
	return func(_ *Ctx, e *env) value.Value { return asValue(e.at(k)) }
}

func asValue(x any) value.Value {
	if v, ok := x.(value.Value); ok {
		return v
	}
	panic(&Error{Msg: "an operator was used where a value is expected"})
}

// compile compiles x in scope s. Callers hold p.mu. A closed,
// constant-level subexpression (no state variable, bound variable,
// parameter or prime) is evaluated once and its value reused.
func (p *Program) compile(x syntax.Expr, s *scope) fn {
	if p.caching == 0 && worthCaching(x) && p.closedConstant(x, s) {
		p.caching++
		f := p.compile1(x, s)
		p.caching--
		var cached atomic.Pointer[value.Value]
		return func(c *Ctx, e *env) value.Value {
			if v := cached.Load(); v != nil {
				return *v
			}
			v := f(c, e)
			cached.Store(&v)
			return v
		}
	}
	return p.compile1(x, s)
}

func (p *Program) compile1(x syntax.Expr, s *scope) fn {
	switch t := x.(type) {
	case *syntax.NumLit:
		if t.Big {
			fail(t, "the number %s is too large for gotlc (64-bit integers)", t.Text)
		}
		return constFn(value.Int(t.Value))
	case *syntax.StrLit:
		return constFn(value.Intern(t.Value))
	case *syntax.BoolLit:
		return constFn(value.Bool(t.Value))
	case *syntax.Paren, *syntax.Label:
		return p.compile(syntax.Inner(t), s)
	case *syntax.At:
		for i := len(s.keys) - 1; i >= 0; i-- {
			if _, ok := s.keys[i].(atKey); ok {
				return lookupFn(len(s.keys) - 1 - i)
			}
		}
		fail(t, "@ used outside an EXCEPT")
	case *syntax.Ref:
		return p.compileRef(t, s)
	case *syntax.OpApp:
		return p.compileOpApp(t, s)
	case *syntax.Junction:
		return p.compileJunction(t, s)
	case *syntax.If:
		c, th, el := p.compile(t.Cond, s), p.compile(t.Then, s), p.compile(t.Else, s)
		return func(ctx *Ctx, e *env) value.Value {
			if ifCond(t, c(ctx, e)) {
				return th(ctx, e)
			}
			return el(ctx, e)
		}
	case *syntax.Case:
		guards := make([]fn, len(t.Arms))
		bodies := make([]fn, len(t.Arms))
		for i, a := range t.Arms {
			guards[i] = p.compile(a.Guard, s)
			bodies[i] = p.compile(a.Body, s)
		}
		var other fn
		if t.Other != nil {
			other = p.compile(t.Other, s)
		}
		return func(ctx *Ctx, e *env) value.Value {
			for i, g := range guards {
				if boolOf(t.Arms[i].Guard, g(ctx, e)) {
					return bodies[i](ctx, e)
				}
			}
			if other == nil {
				fail(t, "Attempted to evaluate a CASE with no conditions true.")
			}
			return other(ctx, e)
		}
	case *syntax.Let:
		bind, inner := p.compileLet(t, s)
		body := p.compile(t.Body, inner)
		return func(ctx *Ctx, e *env) value.Value { return body(ctx, bind(ctx, e)) }
	case *syntax.Quant:
		return p.compileQuant(t, s)
	case *syntax.Choose:
		return p.compileChoose(t, s)
	case *syntax.SetEnum:
		elems := p.compileList(t.Elems, s)
		return func(ctx *Ctx, e *env) value.Value {
			vs := evalAll(ctx, e, elems)
			return value.NewSet(vs)
		}
	case *syntax.SetFilter:
		return p.compileSetFilter(t, s)
	case *syntax.SetMap:
		return p.compileSetMap(t, s)
	case *syntax.FuncCons:
		return p.compileFuncCons(t, s)
	case *syntax.FuncApp:
		return p.compileFuncApp(t, s)
	case *syntax.FuncSet:
		d, r := p.compile(t.Dom, s), p.compile(t.Rng, s)
		return func(ctx *Ctx, e *env) value.Value {
			return &value.FcnSet{Dom: setOf(t.Dom, d(ctx, e)), Rng: setOf(t.Rng, r(ctx, e))}
		}
	case *syntax.Except:
		return p.compileExcept(t, s)
	case *syntax.RecordCons:
		names, fs := p.compileFields(t.Fields, s)
		if sh, err := value.NewRecordShape(names); err == nil {
			// The layout is computed once; each record costs its values.
			return func(ctx *Ctx, e *env) value.Value {
				vs := make([]value.Value, len(fs))
				for i, f := range fs {
					vs[sh.Pos(i)] = f(ctx, e)
				}
				return sh.Build(vs)
			}
		}
		return func(ctx *Ctx, e *env) value.Value {
			vs := evalAll(ctx, e, fs)
			r, err := value.NewRecord(names, vs)
			if err != nil {
				failErr(t, err)
			}
			return r
		}
	case *syntax.RecordSet:
		names, fs := p.compileFields(t.Fields, s)
		return func(ctx *Ctx, e *env) value.Value {
			sets := make([]value.Value, len(fs))
			for i, f := range fs {
				sets[i] = setOf(t.Fields[i].Value, f(ctx, e))
			}
			return &value.RecSet{Names: names, Sets: sets}
		}
	case *syntax.Dot:
		rec := p.compile(t.X, s)
		name := value.Intern(t.Field)
		return func(ctx *Ctx, e *env) value.Value {
			r := rec(ctx, e)
			f, ok := r.(*value.Fcn)
			if !ok {
				fail(t, "Attempted to access field %s of the non-record %s", t.Field, str(r))
			}
			v, ok := f.Apply(name)
			if !ok {
				fail(t, "Attempted to select nonexistent field \"%s\" from the record\n%s\n%s", t.Field, str(r), tlcWhere(t))
			}
			return v
		}
	case *syntax.Tuple:
		elems := p.compileList(t.Elems, s)
		if len(elems) == 0 {
			return constFn(value.EmptySeq)
		}
		if len(elems) == 2 {
			// One allocation for the function and its values.
			f0, f1 := elems[0], elems[1]
			return func(ctx *Ctx, e *env) value.Value {
				return value.NewPair(f0(ctx, e), f1(ctx, e))
			}
		}
		return func(ctx *Ctx, e *env) value.Value {
			vs := evalAll(ctx, e, elems)
			return value.NewTuple(vs)
		}
	case *syntax.ActionExpr:
		// [A]_v == A \/ v' = v ; <<A>>_v == A /\ v' # v
		a := p.compile(t.Action, s)
		sub := p.compile(t.Sub, s)
		return func(ctx *Ctx, e *env) value.Value {
			changed := !value.Equal(sub(primed(ctx, t), e), sub(ctx, e))
			if t.Angle {
				return value.Bool(changed && boolOf(t.Action, a(ctx, e)))
			}
			return value.Bool(!changed || boolOf(t.Action, a(ctx, e)))
		}
	case *syntax.Lambda:
		fail(t, "LAMBDA is only allowed as the argument of an operator")
	case *syntax.Fairness, *syntax.TemporalQuant:
		fail(x, "temporal formulas (fairness, \\AA, \\EE) are not supported by gotlc: liveness checking is not implemented")
	}
	fail(x, "gotlc cannot evaluate this kind of expression (%T)", x)
	return nil
}

func (p *Program) compileList(xs []syntax.Expr, s *scope) []fn {
	out := make([]fn, len(xs))
	for i, x := range xs {
		out[i] = p.compile(x, s)
	}
	return out
}

// primed returns a context where the next state is current.
func primed(c *Ctx, n syntax.Node) *Ctx {
	if c.N == nil {
		fail(n, "a primed expression was evaluated where no next state exists (in a state predicate)")
	}
	return &Ctx{S: c.N, enab: c.enab, enabPrimed: c.enab != nil}
}

func (p *Program) compileJunction(t *syntax.Junction, s *scope) fn {
	items := p.compileList(t.Items, s)
	if t.Kind == syntax.And {
		return func(ctx *Ctx, e *env) value.Value {
			for i, f := range items {
				if !boolOf(t.Items[i], f(ctx, e)) {
					return value.False
				}
			}
			return value.True
		}
	}
	return func(ctx *Ctx, e *env) value.Value {
		for i, f := range items {
			if boolOf(t.Items[i], f(ctx, e)) {
				return value.True
			}
		}
		return value.False
	}
}

// ---------------------------------------------------------------------------
// Names

// compileFields compiles the fields of a record constructor or a record
// set: their names (interned) and their values' code.
func (p *Program) compileFields(fields []*syntax.Field, s *scope) ([]*value.Str, []fn) {
	names := make([]*value.Str, len(fields))
	fs := make([]fn, len(fields))
	for i, f := range fields {
		names[i] = value.Intern(f.Name)
		fs[i] = p.compile(f.Value, s)
	}
	return names, fs
}

// evalAll evaluates each of fs in (ctx, e): the elements of a set or tuple
// enumeration, the fields of a record.

func evalAll(ctx *Ctx, e *env, fs []fn) []value.Value {
	vs := make([]value.Value, len(fs))
	for i, f := range fs {
		vs[i] = f(ctx, e)
	}
	return vs
}
