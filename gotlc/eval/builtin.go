package eval

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

func (p *Program) compileOpApp(t *syntax.OpApp, s *scope) fn {
	switch t.Op.Kind {
	case syntax.RefBuiltin:
		return p.compileBuiltin(t, t.Op.Builtin, t.Args, s)
	case syntax.RefDef:
		return p.compileCall(t.Op, t.Args, t, s)
	case syntax.RefParam:
		k := s.depth(t.Op.Param)
		if k < 0 {
			fail(t, "internal: unbound operator parameter %s", t.Op.Name)
		}
		args := p.compileList(t.Args, s)
		return func(c *Ctx, e *env) value.Value {
			op, ok := e.at(k).(*opVal)
			if !ok {
				fail(t, "%s is not an operator", t.Op.Name)
			}
			if op.arity != len(args) {
				fail(t, "operator %s takes %d arguments, %d given", t.Op.Name, op.arity, len(args))
			}
			vs := make([]any, len(args))
			for i, a := range args {
				vs[i] = a(c, e)
			}
			return op.call(c, vs)
		}
	case syntax.RefConst:
		op := p.constOp(t.Op, s)
		args := p.compileList(t.Args, s)
		return func(c *Ctx, e *env) value.Value {
			vs := make([]any, len(args))
			for i, a := range args {
				vs[i] = a(c, e)
			}
			return op(c, e).call(c, vs)
		}
	}
	fail(t, "gotlc cannot apply %s", t.Op.Name)
	return nil
}

func (p *Program) compileBuiltin(site syntax.Node, b syntax.Builtin, args []syntax.Expr, s *scope) fn {
	if r, ok := p.builtinDefs[b]; ok {
		if len(args) != len(r.def.Params) {
			fail(site, "%s, replaced by %s in the configuration, takes %d arguments, %d given", b, r.def.Name, len(r.def.Params), len(args))
		}
		return p.callRootDef(r.def, r.via, args, s)
	}
	if v, ok := p.builtinVals[b]; ok && len(args) == 0 {
		return constFn(v)
	}
	if ar := b.Arity(); ar >= 0 && ar != len(args) && !(len(args) == 0 && ar > 0) {
		fail(site, "%s takes %d arguments, %d given", b, ar, len(args))
	}
	if b.Arity() > 0 && len(args) == 0 {
		fail(site, "the operator %s is used without arguments", b)
	}
	// Operators whose arguments are not plain values.
	switch b {
	case syntax.BPrime:
		return p.compilePrime(site, args[0], s)
	case syntax.BUnchanged:
		a := p.compile(args[0], s)
		return func(c *Ctx, e *env) value.Value {
			return value.Bool(value.Equal(a(primed(c, site), e), a(c, e)))
		}
	case syntax.BEnabled:
		return p.compileEnabled(site, args[0], s)
	case syntax.BIn, syntax.BNotIn:
		if f := p.filterMember(site, b == syntax.BIn, args, s); f != nil {
			return f
		}
	case syntax.BRandomElement:
		a := p.compile(args[0], s)
		return func(c *Ctx, e *env) value.Value {
			c.seed = p.rngSeed
			return randomElement(c, site, elems(args[0], setOf(args[0], a(c, e))))
		}
	case syntax.BPrint, syntax.BPrintT:
		return p.compilePrint(b, args, s)
	case syntax.BTLCGet:
		return p.compileTLCGet(site, args[0], s)
	case syntax.BTLCSet:
		return p.compileTLCSet(site, args, s)
	case syntax.BSelectSeq:
		return p.seqWithOp(args, 1, s, func(c *Ctx, q *value.Fcn, o *opVal) value.Value {
			var out []value.Value
			for _, x := range q.Values() {
				if boolOf(site, o.call(c, []any{x})) {
					out = append(out, x)
				}
			}
			return value.NewTuple(out)
		})
	case syntax.BSortSeq:
		return p.seqWithOp(args, 2, s, func(c *Ctx, q *value.Fcn, o *opVal) value.Value {
			out := slices.Clone(q.Values())
			slices.SortStableFunc(out, func(x, y value.Value) int {
				if boolOf(site, o.call(c, []any{x, y})) {
					return -1
				}
				if boolOf(site, o.call(c, []any{y, x})) {
					return 1
				}
				return 0
			})
			return value.NewTuple(out)
		})
	case syntax.BBagOfAll:
		op := p.compileOpArg(args[0], 1, s)
		bag := p.compile(args[1], s)
		return func(c *Ctx, e *env) value.Value {
			bg := fcnOf(args[1], bag(c, e))
			o := op(c, e)
			var dom, cnt []value.Value
			for i := range bg.Values() {
				dom = append(dom, o.call(c, []any{fcnDom(bg, i)}))
				cnt = append(cnt, bg.At(i))
			}
			return sumBagPairs(site, dom, cnt)
		}
	case syntax.BCdot:
		return p.cdotValue(site, args, s)
	case syntax.BAlways, syntax.BEventually, syntax.BLeadsTo, syntax.BWhilePlus:
		fail(site, "the temporal operator %s is not supported by gotlc: liveness checking is not implemented", b)
	}
	if b == syntax.BIn || b == syntax.BNotIn {
		if t, ok := unparen(args[0]).(*syntax.Tuple); ok && len(t.Elems) > 0 && len(t.Elems) <= 4 {
			// <<a, b>> \in S: a finite S is searched for the tuple
			// without building it (Sailfish's <<v, c>> \in Edges(dag)).
			parts := p.compileList(t.Elems, s)
			set := p.compile(args[1], s)
			in := p.builtin2(site, b, args)
			want := b == syntax.BIn
			return func(c *Ctx, e *env) value.Value {
				var buf [4]value.Value
				vs := buf[:len(parts)]
				for i, f := range parts {
					vs[i] = f(c, e)
				}
				sv := set(c, e)
				if fs, ok := sv.(*value.Set); ok {
					return value.Bool(fs.ContainsTuple(vs) == want)
				}
				return in(value.NewTuple(slices.Clone(vs)), sv)
			}
		}
	}
	if f := p.withSetEnum(site, b, args, s); f != nil {
		return f
	}
	switch b {
	case syntax.BImplies:
		x, y := p.compile(args[0], s), p.compile(args[1], s)
		return func(c *Ctx, e *env) value.Value {
			if !boolOf(args[0], x(c, e)) {
				return value.True
			}
			return value.Bool(boolOf(args[1], y(c, e)))
		}
	}
	fs := p.compileList(args, s)
	switch len(fs) {
	case 0:
		return p.builtin0(site, b)
	case 1:
		f := p.builtin1(site, b, args[0])
		a := fs[0]
		return func(c *Ctx, e *env) value.Value { return f(a(c, e)) }
	case 2:
		f := p.builtin2(site, b, args)
		x, y := fs[0], fs[1]
		return func(c *Ctx, e *env) value.Value { return f(x(c, e), y(c, e)) }
	}
	switch b {
	case syntax.BTimes:
		return func(c *Ctx, e *env) value.Value {
			sets := make([]value.Value, len(fs))
			for i, f := range fs {
				sets[i] = setOf(args[i], f(c, e))
			}
			return product(site, sets)
		}
	case syntax.BSubSeq:
		return func(c *Ctx, e *env) value.Value {
			q := seqOf(args[0], fs[0](c, e))
			m, n := intOf(args[1], fs[1](c, e)), intOf(args[2], fs[2](c, e))
			if m > n {
				return value.EmptySeq
			}
			for i, k := range []value.Int{m, n} {
				if k < 1 || int(k) > q.Len() {
					panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Exit: 255,
						Msg: fmt.Sprintf("The %s argument of SubSeq must be in the domain of its first argument:\n%s\n, but instead it is\n%d", [...]string{"second", "third"}[i], str(q), k)})
				}
			}
			return value.NewTuple(slices.Clone(q.Values()[m-1 : n]))
		}
	}
	fail(site, "gotlc does not implement %s with %d arguments", b, len(args))
	return nil
}

func fcnDom(f *value.Fcn, i int) value.Value {
	if f.Dom == nil {
		return value.Int(i + 1)
	}
	return f.Dom[i]
}

// nextValue is the next-state value of variable slot (name), which must
// have been assigned.
func nextValue(c *Ctx, site syntax.Node, slot int, name string) value.Value {
	if c.N == nil {
		fail(site, "%s' was evaluated in a state predicate (no next state)", name)
	}
	v := c.N[slot]
	if v == nil {
		fail(site, "%s' is referenced before it is assigned a value", name)
	}
	return v
}

func (p *Program) compilePrime(site syntax.Node, arg syntax.Expr, s *scope) fn {
	if t := p.substChain(arg, s); t.renamed() {
		a := p.compile(arg, s)
		name := unparen(arg).(*syntax.Ref).Var.Name
		return func(c *Ctx, e *env) value.Value {
			sl := t.slotIn(c)
			if sl < 0 {
				return a(primed(c, site), e)
			}
			return nextValue(c, site, sl, name)
		}
	}
	if slot, ok := p.rootVarSlot(arg, s); ok {
		name := p.Vars[slot].Name
		return func(c *Ctx, e *env) value.Value { return nextValue(c, site, slot, name) }
	}
	a := p.compile(arg, s)
	if r, ok := unparen(arg).(*syntax.Ref); ok && r.Kind == syntax.RefParam && r.Param.Arity == 0 {
		// p' of a parameter passed by name (compileArgs): the argument in
		// the next state.
		k := s.depth(r.Param)
		return func(c *Ctx, e *env) value.Value {
			if la, ok := e.at(k).(*actArg); ok && la.vslot >= 0 {
				return nextValue(c, site, la.vslot, p.Vars[la.vslot].Name)
			}
			return a(primed(c, site), e)
		}
	}
	return func(c *Ctx, e *env) value.Value { return a(primed(c, site), e) }
}

// seqWithOp compiles a built-in whose arguments are a sequence and an
// operator of the given arity (SelectSeq, SortSeq); f gets both evaluated.
func (p *Program) seqWithOp(args []syntax.Expr, arity int, s *scope, f func(c *Ctx, q *value.Fcn, o *opVal) value.Value) fn {
	sq := p.compile(args[0], s)
	op := p.compileOpArg(args[1], arity, s)
	return func(c *Ctx, e *env) value.Value {
		return f(c, seqOf(args[0], sq(c, e)), op(c, e))
	}
}

// constBuiltins are the built-in operators without arguments whose value is
// a constant.
var constBuiltins = map[syntax.Builtin]value.Value{
	syntax.BBoolean:  value.BoolSet,
	syntax.BString:   value.StringSet,
	syntax.BNat:      value.Nat,
	syntax.BInt:      value.IntSet,
	syntax.BEmptyBag: value.EmptySeq,
	syntax.BJavaTime: value.Int(0),
}

func (p *Program) builtin0(site syntax.Node, b syntax.Builtin) fn {
	if v, ok := constBuiltins[b]; ok {
		return constFn(v)
	}
	fail(site, "gotlc does not implement %s", b)
	return nil
}

// arithBuiltins are the integer operators that can fail (overflow, division
// by zero).
var arithBuiltins = map[syntax.Builtin]func(value.Int, value.Int) (value.Int, error){
	syntax.BPlus:  value.Add,
	syntax.BMinus: value.Sub,
	syntax.BMul:   value.Mul,
	syntax.BPow:   value.Pow,
	syntax.BDiv:   value.Div,
	syntax.BMod:   value.Mod,
}

func (p *Program) builtin1(site syntax.Node, b syntax.Builtin, a syntax.Expr) func(value.Value) value.Value {
	switch b {
	case syntax.BNot:
		return func(v value.Value) value.Value { return value.Bool(!boolOf(a, v)) }
	case syntax.BNeg:
		return func(v value.Value) value.Value {
			r, err := value.Sub(0, intOf(a, v))
			if err != nil {
				failErr(site, err)
			}
			return r
		}
	case syntax.BPowerset:
		return func(v value.Value) value.Value { return &value.SubsetSet{Base: setOf(a, v)} }
	case syntax.BBigUnion:
		return func(v value.Value) value.Value {
			sets := elems(a, setOf(a, v))
			acc := value.EmptySet
			for _, x := range sets {
				if !value.IsFinite(setOf(a, x)) {
					// UNION {[D -> Int \cup {NULL}]}: membership only,
					// as TLC's lazy UnionValue (Disruptor's TypeOk).
					return bigUnionLazy(v, sets)
				}
				es, err := value.Enumerate(x)
				if err != nil {
					failErr(site, err)
				}
				acc = value.Union(acc, es)
			}
			return acc
		}
	case syntax.BDomain:
		return func(v value.Value) value.Value { return fcnOf(a, v).Domain() }
	case syntax.BSeq:
		return func(v value.Value) value.Value { return &value.SeqSet{Base: setOf(a, v)} }
	case syntax.BLen:
		return func(v value.Value) value.Value {
			if s, ok := v.(*value.Str); ok {
				return value.Int(len(s.S))
			}
			return value.Int(seqOf(a, v).Len())
		}
	case syntax.BHead:
		return func(v value.Value) value.Value {
			q := seqOf(a, v)
			if q.Len() == 0 {
				panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Msg: "Attempted to apply Head to the empty sequence.", Exit: 255})
			}
			return q.At(0)
		}
	case syntax.BTail:
		return func(v value.Value) value.Value {
			q := seqOf(a, v)
			if q.Len() == 0 {
				panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Msg: "Attempted to apply Tail to the empty sequence.", Exit: 255})
			}
			return value.NewTuple(q.Values()[1:])
		}
	case syntax.BIsFiniteSet:
		return func(v value.Value) value.Value { return value.Bool(value.IsFinite(setOf(a, v))) }
	case syntax.BCardinality:
		return func(v value.Value) value.Value {
			if value.IsSet(v) && !value.IsFinite(v) {
				panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Exit: 255,
					Msg: "Attempted to compute cardinality of the value\n" + str(v)})
			}
			n, err := value.Cardinality(setOf(a, v))
			if err != nil {
				failErr(site, err)
			}
			return value.Int(n)
		}
	case syntax.BPermutations:
		return func(v value.Value) value.Value { return permutations(setOf(a, v), site) }
	case syntax.BToString:
		return func(v value.Value) value.Value { return value.Intern(value.String(v)) }
	case syntax.BTLCEval:
		return func(v value.Value) value.Value { return v }
	case syntax.BIsABag:
		return func(v value.Value) value.Value {
			f, ok := v.(*value.Fcn)
			if !ok {
				return value.False
			}
			for _, x := range f.Values() {
				if n, ok := x.(value.Int); !ok || n <= 0 {
					return value.False
				}
			}
			return value.True
		}
	case syntax.BBagToSet:
		return func(v value.Value) value.Value { return fcnOf(a, v).Domain() }
	case syntax.BSetToBag:
		return func(v value.Value) value.Value {
			es := elems(a, setOf(a, v))
			ones := make([]value.Value, len(es))
			for i := range ones {
				ones[i] = value.Int(1)
			}
			return value.NewFcnSorted(es, ones)
		}
	case syntax.BBagCardinality:
		return func(v value.Value) value.Value {
			var n value.Int
			for _, x := range fcnOf(a, v).Values() {
				n += intOf(a, x)
			}
			return n
		}
	case syntax.BBagUnion:
		return func(v value.Value) value.Value {
			var dom, cnt []value.Value
			for _, bg := range elems(a, setOf(a, v)) {
				f := fcnOf(a, bg)
				for i := range f.Values() {
					dom = append(dom, fcnDom(f, i))
					cnt = append(cnt, f.At(i))
				}
			}
			return sumBagPairs(site, dom, cnt)
		}
	}
	fail(site, "gotlc does not implement %s", b)
	return nil
}

func sumBagPairs(site syntax.Node, dom, cnt []value.Value) value.Value {
	var d, c []value.Value
	idx := map[uint64][]int{}
	for i, x := range dom {
		h := value.Hash(x)
		found := false
		for _, j := range idx[h] {
			if value.Equal(d[j], x) {
				c[j] = intOf(site, c[j]) + intOf(site, cnt[i])
				found = true
			}
		}
		if !found {
			idx[h] = append(idx[h], len(d))
			d = append(d, x)
			c = append(c, cnt[i])
		}
	}
	return value.NewFcnPairs(d, c)
}

func permutations(s value.Value, site syntax.Node) value.Value {
	es := elems(site, s)
	n := len(es)
	if n > 8 {
		fail(site, "Permutations of a set of %d elements is too large for gotlc", n)
	}
	var out []value.Value
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			vals := make([]value.Value, n)
			for i, j := range perm {
				vals[i] = es[j]
			}
			out = append(out, value.NewFcnSorted(es, vals))
			return
		}
		for i := k; i < n; i++ {
			perm[k], perm[i] = perm[i], perm[k]
			rec(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	rec(0)
	return value.NewSet(out)
}

func (p *Program) builtin2(site syntax.Node, b syntax.Builtin, args []syntax.Expr) func(x, y value.Value) value.Value {
	a0, a1 := args[0], args[1]
	if op, ok := arithBuiltins[b]; ok {
		return func(x, y value.Value) value.Value {
			r, err := op(intArg(site, b, 0, x), intArg(site, b, 1, y))
			if err != nil {
				failErr(site, err)
			}
			return r
		}
	}
	finite := func(v value.Value, n syntax.Node) *value.Set {
		es, err := value.Enumerate(setOf(n, v))
		if err != nil {
			failErr(site, err)
		}
		return es
	}
	switch b {
	case syntax.BEquiv:
		return func(x, y value.Value) value.Value { return value.Bool(boolOf(a0, x) == boolOf(a1, y)) }
	case syntax.BEq:
		return func(x, y value.Value) value.Value { return value.Bool(equal(site, x, y)) }
	case syntax.BNeq:
		return func(x, y value.Value) value.Value { return value.Bool(!equal(site, x, y)) }
	case syntax.BIn, syntax.BNotIn:
		want := b == syntax.BIn
		return func(x, y value.Value) value.Value {
			ok, err := value.Member(x, y)
			if err != nil {
				failErr(site, err)
			}
			return value.Bool(ok == want)
		}
	case syntax.BSubseteq:
		return func(x, y value.Value) value.Value {
			for _, e := range finite(x, a0).Elems {
				ok, err := value.Member(e, setOf(a1, y))
				if err != nil {
					failErr(site, err)
				}
				if !ok {
					return value.False
				}
			}
			return value.True
		}
	case syntax.BCup:
		return func(x, y value.Value) value.Value {
			sx, sy := setOf(a0, x), setOf(a1, y)
			if value.IsFinite(sx) && value.IsFinite(sy) {
				return value.Union(finite(sx, a0), finite(sy, a1))
			}
			return &value.Custom{Desc: str(sx) + " \\cup " + str(sy), Mem: func(v value.Value) (bool, error) {
				ok, err := value.Member(v, sx)
				if ok || err != nil {
					return ok, err
				}
				return value.Member(v, sy)
			}}
		}
	case syntax.BCap:
		return func(x, y value.Value) value.Value {
			sx, sy := setOf(a0, x), setOf(a1, y)
			if !value.IsFinite(sx) && value.IsFinite(sy) {
				sx, sy = sy, sx
			}
			if !value.IsFinite(sx) {
				fail(site, "Attempted to compute the intersection of two infinite sets")
			}
			var out []value.Value
			for _, e := range finite(sx, a0).Elems {
				ok, err := value.Member(e, sy)
				if err != nil {
					failErr(site, err)
				}
				if ok {
					out = append(out, e)
				}
			}
			return value.NewSetSorted(out)
		}
	case syntax.BSetMinus:
		return func(x, y value.Value) value.Value {
			sx, sy := setOf(a0, x), setOf(a1, y)
			if !value.IsFinite(sx) {
				return &value.Custom{Desc: str(sx) + " \\ " + str(sy), Mem: func(v value.Value) (bool, error) {
					ok, err := value.Member(v, sx)
					if !ok || err != nil {
						return false, err
					}
					ok, err = value.Member(v, sy)
					return !ok, err
				}}
			}
			if ys, ok := sy.(*value.Set); ok {
				return value.Minus(finite(sx, a0), ys)
			}
			var out []value.Value
			for _, e := range finite(sx, a0).Elems {
				ok, err := value.Member(e, sy)
				if err != nil {
					failErr(site, err)
				}
				if !ok {
					out = append(out, e)
				}
			}
			return value.NewSetSorted(out)
		}
	case syntax.BTimes:
		return func(x, y value.Value) value.Value {
			return product(site, []value.Value{setOf(a0, x), setOf(a1, y)})
		}
	case syntax.BLt:
		return func(x, y value.Value) value.Value { return value.Bool(intArg(site, b, 0, x) < intArg(site, b, 1, y)) }
	case syntax.BGt:
		return func(x, y value.Value) value.Value { return value.Bool(intArg(site, b, 0, x) > intArg(site, b, 1, y)) }
	case syntax.BLe:
		return func(x, y value.Value) value.Value { return value.Bool(intArg(site, b, 0, x) <= intArg(site, b, 1, y)) }
	case syntax.BGe:
		return func(x, y value.Value) value.Value { return value.Bool(intArg(site, b, 0, x) >= intArg(site, b, 1, y)) }
	case syntax.BRange:
		return func(x, y value.Value) value.Value {
			return &value.Interval{Lo: int64(intArg(site, b, 0, x)), Hi: int64(intArg(site, b, 1, y))}
		}
	case syntax.BConcat:
		return func(x, y value.Value) value.Value {
			if sx, ok := x.(*value.Str); ok {
				if sy, ok := y.(*value.Str); ok {
					return value.Intern(sx.S + sy.S) // TLC concatenates strings
				}
			}
			return value.Concat(seqOf(a0, x), seqOf(a1, y))
		}
	case syntax.BAppend:
		return func(x, y value.Value) value.Value {
			if q, ok := x.(*value.Fcn); ok && q.IsSeq() {
				return q.Append(y)
			}
			panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Exit: 255,
				Msg: "Evaluating an expression of the form Append(s, v) when s is not a sequence:\n" + str(x)})
		}
	case syntax.BAssert:
		return func(x, y value.Value) value.Value {
			if !boolOf(a0, x) {
				panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Exit: 14,
					Msg: "The first argument of Assert evaluated to FALSE; the second argument was:\n" + value.String(y)})
			}
			return value.True
		}
	case syntax.BColonGt:
		return func(x, y value.Value) value.Value { return value.NewFcnPairs([]value.Value{x}, []value.Value{y}) }
	case syntax.BDoubleAt:
		return func(x, y value.Value) value.Value { return value.Merge(fcnOf(a0, x), fcnOf(a1, y)) }
	case syntax.BBagIn:
		return func(x, y value.Value) value.Value {
			_, ok := fcnOf(a1, y).Apply(x)
			return value.Bool(ok)
		}
	case syntax.BCopiesIn:
		return func(x, y value.Value) value.Value {
			v, ok := fcnOf(a1, y).Apply(x)
			if !ok {
				return value.Int(0)
			}
			return v
		}
	case syntax.BBagPlus:
		return func(x, y value.Value) value.Value {
			f, g := fcnOf(a0, x), fcnOf(a1, y)
			var d, c []value.Value
			for i := range f.Values() {
				d, c = append(d, fcnDom(f, i)), append(c, f.At(i))
			}
			for i := range g.Values() {
				d, c = append(d, fcnDom(g, i)), append(c, g.At(i))
			}
			return sumBagPairs(site, d, c)
		}
	case syntax.BBagMinus:
		return func(x, y value.Value) value.Value {
			f, g := fcnOf(a0, x), fcnOf(a1, y)
			var d, c []value.Value
			for i := range f.Values() {
				n := intOf(a0, f.At(i))
				if m, ok := g.Apply(fcnDom(f, i)); ok {
					n -= intOf(a1, m)
				}
				if n > 0 {
					d, c = append(d, fcnDom(f, i)), append(c, n)
				}
			}
			return value.NewFcnPairs(d, c)
		}
	case syntax.BSqSubseteq:
		return func(x, y value.Value) value.Value {
			f, g := fcnOf(a0, x), fcnOf(a1, y)
			for i := range f.Values() {
				m, ok := g.Apply(fcnDom(f, i))
				if !ok || intOf(a1, m) < intOf(a0, f.At(i)) {
					return value.False
				}
			}
			return value.True
		}
	}
	fail(site, "gotlc does not implement %s", b)
	return nil
}

// product is S1 \X S2 \X ...: enumerated when all factors are small and
// finite, lazy otherwise.
func product(site syntax.Node, sets []value.Value) value.Value {
	ps := &value.ProductSet{Sets: sets}
	total := 1.0
	for _, x := range sets {
		if !value.IsFinite(x) {
			return ps
		}
		n, err := value.Cardinality(x)
		if err != nil {
			failErr(site, err)
		}
		total *= float64(n)
	}
	if total > 1<<16 {
		return ps
	}
	es, err := value.Enumerate(ps)
	if err != nil {
		failErr(site, err)
	}
	return es
}

// bigUnionLazy is UNION S for a set S with an infinite element: it answers
// membership and is not enumerable.
func bigUnionLazy(s value.Value, sets []value.Value) value.Value {
	return &value.Custom{Desc: "UNION " + str(s), Mem: func(v value.Value) (bool, error) {
		for _, x := range sets {
			if ok, err := value.Member(v, x); ok || err != nil {
				return ok, err
			}
		}
		return false, nil
	}}
}

// filterMember compiles `x \in {y \in S : P}` (or \notin), the set filter
// written in place or as the body of a zero-arity state-level definition
// (tlaplus/Examples' Quicksort: UV \in DomainPartitions, a filter of
// SUBSET SUBSET (1..Len(seq0))), as TLC decides membership in a
// SetPredValue: x \in S, then P with y bound to x, without enumerating S.
// It returns nil for other forms.
func (p *Program) filterMember(site syntax.Node, want bool, args []syntax.Expr, s *scope) fn {
	fs, base := p.filterOf(args[1], s)
	if fs == nil {
		return nil
	}
	x := p.compile(args[0], s)
	set := p.compile(fs.Binder.Set, base.s)
	bind := bindFn(fs.Binder)
	pred := p.compile(fs.Pred, base.s.with(binderKeys(fs.Binder)...))
	// A constant filter that gotlc can enumerate is enumerated once
	// (compile caches it) and searched: faster than the predicate on every
	// test (MCBinarySearch's seq \in SortedSeqs, 1287 of 488280
	// sequences). One it cannot (too large, or an element on which the
	// predicate fails) is decided lazily, as TLC always does.
	var whole fn
	var mode atomic.Int32 // 0 undecided, 1 enumerated, 2 lazy
	if base.constant {
		whole = p.compile(args[1], s)
	} else {
		mode.Store(2)
	}
	return func(c *Ctx, e *env) value.Value {
		v := x(c, e)
		if mode.Load() == 0 {
			var err error
			func() {
				defer catch(&err)
				whole(c, e)
			}()
			if err != nil {
				mode.Store(2)
			} else {
				mode.Store(1)
			}
		}
		if mode.Load() == 1 {
			ok, err := value.Member(v, whole(c, e))
			if err != nil {
				failErr(site, err)
			}
			return value.Bool(ok == want)
		}
		b := base.env(c, e)
		ok, err := value.Member(v, setOf(fs.Binder.Set, set(c, b)))
		if err != nil {
			failErr(site, err)
		}
		if ok {
			ok = boolOf(fs.Pred, pred(c, bind(b, v)))
		}
		return value.Bool(ok == want)
	}
}

// filterBase is where a set filter found by filterOf is compiled and the
// environment it is evaluated in.
type filterBase struct {
	s        *scope
	env      func(c *Ctx, e *env) *env
	constant bool // the filter is of constant level
}

// filterOf finds the set filter x denotes syntactically: x itself, or the
// body of a zero-arity definition the configuration does not replace
// (constant or not: TLC keeps a constant filter lazy too).
func (p *Program) filterOf(x syntax.Expr, s *scope) (*syntax.SetFilter, filterBase) {
	switch t := unparen(x).(type) {
	case *syntax.SetFilter:
		return t, filterBase{s: s, env: func(_ *Ctx, e *env) *env { return e }, constant: p.closedConstant(t, s)}
	case *syntax.Ref:
		d := t.Def
		if t.Kind != syntax.RefDef || d.InLet || d.IsFunc || len(d.Params) != 0 || len(t.Via) != 0 {
			break
		}
		if _, ok := p.overrides[d]; ok {
			break
		}
		if _, ok := p.replaced[d]; ok {
			break
		}
		if _, ok := p.replacement(d); ok {
			break
		}
		fs, ok := unparen(d.Body).(*syntax.SetFilter)
		if !ok {
			break
		}
		n := p.descend(s.node, nil)
		return fs, filterBase{s: &scope{keys: n.baseKeys, node: n}, env: p.viaEnv(nil, s), constant: p.defIn(n, d).constant}
	}
	return nil, filterBase{}
}

// withSetEnum compiles x \in {a, b, ...} (and \notin) and S \cup {a},
// S \ {a} without building the set literal: membership compares x with
// each element (with value.Compare, as the search of a built set does,
// and as TLC searches an unnormalised enumeration), and a finite S gains
// or loses the one element directly (value.Set.With, Without). It returns
// nil for any other application.
func (p *Program) withSetEnum(site syntax.Node, b syntax.Builtin, args []syntax.Expr, s *scope) fn {
	if len(args) != 2 {
		return nil
	}
	se, ok := unparen(args[1]).(*syntax.SetEnum)
	if !ok || len(se.Elems) == 0 {
		return nil
	}
	switch b {
	case syntax.BIn, syntax.BNotIn:
		if len(se.Elems) > 8 {
			return nil
		}
		x := p.compile(args[0], s)
		parts := p.compileList(se.Elems, s)
		want := b == syntax.BIn
		return func(c *Ctx, e *env) value.Value {
			xv := x(c, e)
			var buf [8]value.Value
			vs := buf[:len(parts)]
			for i, f := range parts {
				vs[i] = f(c, e)
			}
			for _, v := range vs {
				if value.Compare(v, xv) == 0 {
					return value.Bool(want)
				}
			}
			return value.Bool(!want)
		}
	case syntax.BCup, syntax.BSetMinus:
		if len(se.Elems) != 1 {
			return nil
		}
		l, r := p.compile(args[0], s), p.compile(se.Elems[0], s)
		gen := p.builtin2(site, b, args)
		cup := b == syntax.BCup
		return func(c *Ctx, e *env) value.Value {
			lv, rv := l(c, e), r(c, e)
			if ls, ok := lv.(*value.Set); ok {
				if cup {
					return ls.With(rv)
				}
				return ls.Without(rv)
			}
			return gen(lv, value.NewSet([]value.Value{rv}))
		}
	}
	return nil
}
