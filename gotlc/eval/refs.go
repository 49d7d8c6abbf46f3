package eval

import (
	"slices"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// descend follows an instance path from the current node.
func (p *Program) descend(n *instNode, via []*syntax.InstUse) *instNode {
	for _, u := range via {
		n = n.child(u.Inst)
	}
	return n
}

// viaEnv compiles the construction of the callee base environment for a
// reference through via (the arguments of parameterised instances).
func (p *Program) viaEnv(via []*syntax.InstUse, s *scope) func(c *Ctx, e *env) *env {
	up := s.toBase()
	var argFns [][]fn
	any := false
	for _, u := range via {
		fs := p.compileList(u.Args, s)
		argFns = append(argFns, fs)
		if len(fs) > 0 {
			any = true
		}
	}
	if !any {
		if up == 0 {
			return func(_ *Ctx, e *env) *env { return e }
		}
		return func(_ *Ctx, e *env) *env { return e.walk(up) }
	}
	return func(c *Ctx, e *env) *env {
		b := e.walk(up)
		for _, fs := range argFns {
			for _, f := range fs {
				b = b.push(f(c, e))
			}
		}
		return b
	}
}

func (p *Program) compileRef(r *syntax.Ref, s *scope) fn {
	switch r.Kind {
	case syntax.RefBound:
		k := s.depth(r.Bound)
		if k < 0 {
			fail(r, "internal: unbound variable %s", r.Name)
		}
		return lookupFn(k)
	case syntax.RefParam:
		k := s.depth(r.Param)
		if k < 0 {
			fail(r, "internal: unbound parameter %s", r.Name)
		}
		if r.Param.Arity > 0 {
			fail(r, "operator parameter %s used without arguments", r.Name)
		}
		return func(c *Ctx, e *env) value.Value {
			x := e.at(k)
			if v, ok := boundValue(c, x); ok {
				return v
			}
			if a, ok := x.(*actArg); ok {
				return a.v(c, a.env)
			}
			fail(r, "operator %s used as a value", r.Name)
			return nil
		}
	case syntax.RefConst:
		return p.compileConst(r, s)
	case syntax.RefVar:
		return p.compileVar(r, s)
	case syntax.RefDef:
		return p.compileCall(r, nil, r, s)
	case syntax.RefBuiltin:
		return p.compileBuiltin(r, r.Builtin, nil, s)
	}
	fail(r, "unresolved name %s", r.Name)
	return nil
}

// substFor finds the substitution of a constant or variable declaration in
// the instance chain starting at n, returning the node whose subst holds it.
func substFor(n *instNode, decl any) (*instNode, *syntax.Subst) {
	for ; n != nil; n = n.parent {
		if sub, ok := n.subst[decl]; ok {
			return n, sub
		}
	}
	return nil, nil
}

// compileSubst compiles the use of a substituted constant or variable.
func (p *Program) compileSubst(n *instNode, sub *syntax.Subst, s *scope) fn {
	f, ok := n.substFns[sub]
	if !ok {
		f = p.compile(sub.Expr, &scope{keys: n.baseKeys, node: n.parent})
		n.substFns[sub] = f
	}
	up := len(s.keys) - len(n.baseKeys)
	if up == 0 {
		return f
	}
	return func(c *Ctx, e *env) value.Value { return f(c, e.walk(up)) }
}

func (p *Program) compileConst(r *syntax.Ref, s *scope) fn {
	// Constants are never reached through an instance path (the resolver
	// refuses I!C, as SANY does); the instance context is s.node.
	if sn, sub := substFor(s.node, r.Const); sub != nil {
		return p.compileSubst(sn, sub, s)
	}
	if v, ok := p.consts[r.Const]; ok {
		return constFn(v)
	}
	if d, ok := p.constDefs[r.Const]; ok {
		ref := &syntax.Ref{Span: r.Span, Name: d.Name, Kind: syntax.RefDef, Def: d}
		return p.compileCall(ref, nil, r, &scope{node: p.root})
	}
	fail(r, "The constant parameter %s is not assigned a value by the configuration file.", r.Name)
	return nil
}

// boundValue is the value an environment entry x holds, forcing a thunk,
// and false when x holds no value (an operator or an action argument).
func boundValue(c *Ctx, x any) (value.Value, bool) {
	switch x := x.(type) {
	case *thunk:
		return x.force(c), true
	case value.Value:
		return x, true
	}
	return nil, false
}

func unparen(x syntax.Expr) syntax.Expr {
	for {
		q, ok := x.(*syntax.Paren)
		if !ok {
			return x
		}
		x = q.X
	}
}

// constOp compiles a use of the operator-valued constant r
// (`CONSTANT Put(_, _, _)`): what an instance substitutes for it
// (`WITH Put <- MyPut`), else the definition the configuration binds it to
// (`Put <- MCPut`).
func (p *Program) constOp(r *syntax.Ref, s *scope) func(c *Ctx, e *env) *opVal {
	if sn, sub := substFor(s.node, r.Const); sub != nil {
		op := p.compileOpArg(sub.Expr, r.Const.Arity, &scope{keys: sn.baseKeys, node: sn.parent})
		up := len(s.keys) - len(sn.baseKeys)
		return func(c *Ctx, e *env) *opVal { return op(c, e.walk(up)) }
	}
	if d, ok := p.constDefs[r.Const]; ok {
		if len(d.Params) != r.Const.Arity {
			fail(r, "the configuration binds %s, which takes %d arguments, to %s, which takes %d", r.Name, r.Const.Arity, d.Name, len(d.Params))
		}
		return p.compileOpArg(&syntax.Ref{Span: r.Span, Name: d.Name, Kind: syntax.RefDef, Def: d}, r.Const.Arity, &scope{node: p.root})
	}
	fail(r, "The constant parameter %s is not assigned a value by the configuration file.", r.Name)
	return nil
}

// callRootDef compiles a use, with arguments args (in scope s), of the
// definition d that the root module sees through via: what the
// configuration put in place of a constant or a standard operator
// (`C <- D`, `Nat <- MCNat`).
func (p *Program) callRootDef(d *syntax.OpDef, via []*syntax.InstUse, args []syntax.Expr, s *scope) fn {
	cd := p.defIn(p.descend(p.root, via), d)
	if len(args) == 0 {
		return func(c *Ctx, _ *env) value.Value { return cd.body(c, nil) }
	}
	argFns := p.compileArgs(d, args, s)
	return func(c *Ctx, e *env) value.Value {
		var b *env
		for _, a := range argFns {
			b = b.push(a(c, e))
		}
		return cd.body(c, b)
	}
}

func (p *Program) compileVar(r *syntax.Ref, s *scope) fn {
	if sn, sub := substFor(s.node, r.Var); sub != nil {
		return p.renamedVar(r, s, sn, p.compileSubst(sn, sub, s))
	}
	slot := p.Slot(r.Var)
	if slot < 0 {
		fail(r, "internal: variable %s has no state slot", r.Name)
	}
	name := r.Name
	return func(c *Ctx, _ *env) value.Value {
		if slot >= len(c.S) {
			// No state: an ASSUME, a constant definition, a POSTCONDITION
			// (TLC's words for a variable looked up there).
			fail(r, "In evaluation, the identifier %s is either undefined or not an operator.", name)
		}
		v := c.S[slot]
		if v == nil {
			if c.enabPrimed {
				// TLC's lookup in ENABLED's partial state finds nothing.
				fail(r, "In evaluation, the identifier %s is either undefined or not an operator.", name)
			}
			fail(r, "The variable %s was referenced before it was assigned a value.", name)
		}
		return v
	}
}

// rootVarSlot reports the state slot when r (a variable reference, maybe
// through substitutions) denotes a root variable directly.
func (p *Program) rootVarSlot(x syntax.Expr, s *scope) (int, bool) {
	for {
		switch t := x.(type) {
		case *syntax.Paren:
			x = t.X
			continue
		case *syntax.Ref:
			if t.Kind != syntax.RefVar {
				return 0, false
			}
			n := p.descend(s.node, t.Via)
			if sn, sub := substFor(n, t.Var); sub != nil {
				x = sub.Expr
				s = &scope{keys: sn.baseKeys, node: sn.parent}
				continue
			}
			sl := p.Slot(t.Var)
			return sl, sl >= 0
		}
		return 0, false
	}
}

// defIn returns the compiled definition d in node n (compiling on demand).
func (p *Program) defIn(n *instNode, d *syntax.OpDef) *cdef {
	return p.defInAs(n, d, false)
}

// defInAs is defIn; direct marks d named through an instance path (I!D):
// as in TLC, the configuration's `D = value` and `D <- E` replace the
// definition the modules refer to, not the instance's own I!D, so I!D is
// the definition as written (the references inside its body still see
// the replacements). tlaplus/Examples' MCCheckpointCoordinationFailure
// replaces ShouldReplaceLease by an operator that calls
// CC!ShouldReplaceLease. A module-scoped entry (`D <- [M] E`) replaces
// I!D too (corpus cfgscope).
func (p *Program) defInAs(n *instNode, d *syntax.OpDef, direct bool) *cdef {
	if direct {
		_, over := p.overrides[d]
		_, repl := p.replacement(d)
		direct = (over || repl) && !p.scoped[d]
	}
	cache := n.defs
	if direct {
		if n.directDefs == nil {
			n.directDefs = map[*syntax.OpDef]*cdef{}
		}
		cache = n.directDefs
	}
	if cd, ok := cache[d]; ok {
		return cd
	}
	cd := &cdef{def: d, node: n, direct: direct}
	cache[d] = cd
	if v, ok := p.overrides[d]; ok && !direct {
		cd.body = constFn(v)
		return cd
	}
	if other, ok := p.replacement(d); ok && !direct {
		np := len(d.Params)
		if np == 0 {
			cd.body = func(c *Ctx, _ *env) value.Value { return other.body(c, nil) }
			return cd
		}
		// Move the arguments onto the replacement's (root) context. The
		// replacement may call d again (MCF(x) == ... F(x) ...): guard the
		// nesting as for RECURSIVE operators.
		cd.body = recursionGuard(d, func(c *Ctx, e *env) value.Value {
			args := make([]any, np)
			for i := np - 1; i >= 0; i-- {
				args[i] = e.v
				e = e.up
			}
			var b *env
			for _, a := range args {
				b = b.push(a)
			}
			return other.body(c, b)
		})
		return cd
	}
	if nb, ok := nativeBody(d); ok && len(n.baseKeys) == 0 {
		seed := p.rngSeed
		cd.body = func(c *Ctx, e *env) value.Value {
			c.seed = seed // for the Randomization natives
			return nb(c, e)
		}
		return cd
	}
	inner := &scope{keys: append(slices.Clip(n.baseKeys), paramKeys(d.Params)...), node: n}
	// A zero-arity constant-level definition is evaluated once, as TLC
	// does at startup, also when it draws at random (R == RandomElement(S)
	// has one value for the whole run); random draws elsewhere are not
	// cached (randomConstant is off for subexpressions).
	p.randomConstant = true
	cd.constant = len(d.Params) == 0 && len(n.baseKeys) == 0 && p.isConstant(d.Body, n, map[*syntax.OpDef]bool{})
	p.randomConstant = false
	var body fn
	cd.body = func(c *Ctx, e *env) value.Value { return body(c, e) } // allows recursion
	if d.IsFunc {
		body = p.compileFuncDef(d, inner)
	} else {
		body = p.compile(d.Body, inner)
		if p.run.TraceCalls {
			// TLC lists an operator's body after its call site.
			body = traceCall(d.Body.Range(), body)
		}
	}
	if cd.constant {
		raw := body
		body = func(c *Ctx, e *env) value.Value {
			if v := cd.cached.Load(); v != nil {
				return *v
			}
			v := raw(&Ctx{rng: p.constRand}, e)
			cd.cached.Store(&v)
			return v
		}
	}
	return cd
}

// compileCall compiles a use of a definition: r.Def applied to args (nil for
// a bare name). site is the node errors are reported at.
func (p *Program) compileCall(r *syntax.Ref, args []syntax.Expr, site syntax.Node, s *scope) fn {
	f := p.compileCall1(r, args, site, s)
	if r.Def.Recursive {
		f = recursionGuard(site, f)
	}
	if p.run.TraceCalls {
		f = traceCall(callSpan(site, r.Def), f)
	}
	return f
}

// callSpan is the location a call is listed at in an Error's Chain: the
// call site, or the definition's body when the "call" is the reference
// the checker makes to a definition the cfg names (DefRef, whose span is
// the whole definition), as TLC lists Next's body first.
func callSpan(site syntax.Node, d *syntax.OpDef) syntax.Span {
	if sp := site.Range(); sp != d.Span || d.Body == nil {
		return sp
	}
	return d.Body.Range()
}

// traceCall adds the call site to the Chain of an evaluation error raised
// by the call (RunInfo.TraceCalls).
func traceCall(sp syntax.Span, f fn) fn {
	return func(c *Ctx, e *env) value.Value {
		defer func() {
			if r := recover(); r != nil {
				chainAdd(r, sp)
				panic(r)
			}
		}()
		return f(c, e)
	}
}

// chainAdd records sp in the Chain of r if it is an evaluation error.
func chainAdd(r any, sp syntax.Span) {
	if ee, ok := r.(*Error); ok && !ee.Overflow {
		if n := len(ee.Chain); n == 0 || ee.Chain[n-1] != sp {
			ee.Chain = append(ee.Chain, sp)
		}
	}
}

// maxRecursion bounds the nesting of RECURSIVE operator calls, well
// below what exhausts the goroutine stack (a Go stack overflow is fatal).
const maxRecursion = 20000

// recursionGuard counts the nesting of calls of a RECURSIVE operator and
// fails, as TLC does on a Java StackOverflowError (exit 255), when it
// exceeds maxRecursion.
func recursionGuard(site syntax.Node, f fn) fn {
	return func(c *Ctx, e *env) value.Value {
		c.depth++
		defer func() { c.depth-- }()
		if c.depth > maxRecursion {
			panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Exit: 255, Overflow: true,
				Msg: "This was a Java StackOverflowError. It was probably the result\nof an incorrect recursive function definition that caused TLC to enter\nan infinite loop when trying to compute the function or its application\nto an element in its putative domain."})
		}
		return f(c, e)
	}
}

func (p *Program) compileCall1(r *syntax.Ref, args []syntax.Expr, site syntax.Node, s *scope) fn {
	d := r.Def
	if d.InLet {
		k := s.depth(d)
		if k < 0 {
			fail(r, "internal: LET definition %s not in scope", d.Name)
		}
		if len(d.Params) == 0 {
			return func(c *Ctx, e *env) value.Value {
				if v, ok := boundValue(c, e.at(k)); ok {
					return v
				}
				fail(r, "internal: bad LET binding %s", d.Name)
				return nil
			}
		}
		argFns := p.compileArgs(d, args, s)
		return func(c *Ctx, e *env) value.Value {
			op := e.at(k).(*opVal)
			return op.call(c, evalArgs(c, e, argFns))
		}
	}
	if len(args) != len(d.Params) {
		fail(site, "operator %s takes %d arguments, %d given", d.Name, len(d.Params), len(args))
	}
	n := p.descend(s.node, r.Via)
	cd := p.defInAs(n, d, len(r.Via) > 0)
	base := p.viaEnv(r.Via, s)
	if len(args) == 0 {
		if len(n.baseKeys) == 0 && len(r.Via) == 0 && !cd.constant && p.memoizable(d, n) {
			// A costly state-level definition such as GameOfLife's
			// sc[<<x, y>> \in ...] == ... grid ...: its value is the same
			// wherever it is used while one state is evaluated, so it is
			// built once per state (see Ctx.memo).
			return func(c *Ctx, e *env) value.Value {
				if v, ok := c.memoGet(cd, 0, nil); ok {
					return v
				}
				v := cd.body(c, base(c, e))
				c.memoPut(cd, 0, nil, v)
				return v
			}
		}
		if len(r.Via) == 0 && s.toBase() == 0 {
			return cd.body
		}
		return func(c *Ctx, e *env) value.Value { return cd.body(c, base(c, e)) }
	}
	argFns := p.compileArgs(d, args, s)
	if len(n.baseKeys) == 0 && len(r.Via) == 0 && p.memoizable(d, n) {
		// A state-level operator that is costly to evaluate: memoise its
		// results for the state being evaluated (see Ctx.memo).
		return func(c *Ctx, e *env) value.Value {
			var buf [4]value.Value
			vals := buf[:0]
			for _, a := range argFns {
				vals = append(vals, a(c, e).(value.Value))
			}
			h := uint64(len(vals))
			for _, v := range vals {
				h = h*0x9E3779B97F4A7C15 ^ value.Hash(v)
			}
			if v, ok := c.memoGet(cd, h, vals); ok {
				return v
			}
			b := base(c, e)
			for _, v := range vals {
				b = c.newEnv(v, b)
			}
			v := cd.body(c, b)
			c.memoPut(cd, h, vals, v)
			return v
		}
	}
	return func(c *Ctx, e *env) value.Value {
		b := base(c, e)
		b = pushArgs(c, e, b, argFns)
		return cd.body(c, b)
	}
}

// memoizable reports whether calls of d are pure functions of the current
// state and their arguments (no primes, ENABLED or TLC side effects; no
// operator parameters) and costly enough to be worth memoising. Zero-arity
// definitions and function definitions qualify too (their callers memoise
// them with no arguments).
func (p *Program) memoizable(d *syntax.OpDef, n *instNode) bool {
	if d.IsFunc && len(d.Params) != 0 {
		return false
	}
	for _, pr := range d.Params {
		if pr.Arity > 0 {
			return false
		}
	}
	if m, ok := p.memoOK[d]; ok {
		return m
	}
	p.memoOK[d] = false // while deciding (recursion)
	pure, costly := true, d.Recursive
	walkDefs(d.Body, func(x syntax.Expr) bool {
		if !pure {
			return false
		}
		switch t := x.(type) {
		case *syntax.ActionExpr, *syntax.Fairness, *syntax.TemporalQuant:
			pure = false
		case *syntax.Quant, *syntax.SetFilter, *syntax.SetMap, *syntax.FuncCons, *syntax.Choose:
			costly = true
		case *syntax.OpApp:
			if t.Op.Kind == syntax.RefBuiltin {
				switch t.Op.Builtin {
				case syntax.BPrime, syntax.BUnchanged, syntax.BEnabled, syntax.BTLCGet, syntax.BTLCSet,
					syntax.BPrint, syntax.BPrintT, syntax.BRandomElement, syntax.BJavaTime, syntax.BAny, syntax.BAssert:
					pure = false
				}
			}
			if t.Op.Kind == syntax.RefDef && t.Op.Def == d {
				costly = true
			}
			if t.Op.Kind == syntax.RefDef && isRandomDef(t.Op.Def) {
				pure = false
			}
		}
		return pure
	})
	p.memoOK[d] = pure && costly
	return pure && costly
}

// argFn evaluates one operator argument: a value, or an operator for a
// higher-order parameter.
type argFn func(c *Ctx, e *env) any

func evalArgs(c *Ctx, e *env, fs []argFn) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = f(c, e)
	}
	return out
}

// compileArgs compiles the arguments of a use of d (nil: an operator
// parameter or constant). An argument of a parameter that d primes (see
// primedParams) is passed by name, as TLC substitutes it: an *actArg
// evaluated where it is used, so that `Lose(q) == q' = Tail(q)` used as
// Lose(msgQ) reads and assigns msgQ'.
func (p *Program) compileArgs(d *syntax.OpDef, args []syntax.Expr, s *scope) []argFn {
	var params []*syntax.Param
	var primed []bool
	if d != nil {
		params, primed = d.Params, p.primedParams(d)
	}
	out := make([]argFn, len(args))
	for i, a := range args {
		if i < len(params) && params[i].Arity > 0 {
			op := p.compileOpArg(a, params[i].Arity, s)
			out[i] = func(c *Ctx, e *env) any { return op(c, e) }
			continue
		}
		if i < len(primed) && primed[i] {
			if r, ok := unparen(a).(*syntax.Ref); ok && r.Kind == syntax.RefParam && r.Param.Arity == 0 {
				if k := s.depth(r.Param); k >= 0 {
					out[i] = func(_ *Ctx, e *env) any { return e.at(k) }
					continue
				}
			}
			v := p.compile(a, s)
			ac := predAct(a, v)
			vslot := -1
			if sl, ok := p.rootVarSlot(a, s); ok {
				vslot = sl
			}
			unch := p.unchangedAct(a, s)
			out[i] = func(_ *Ctx, e *env) any {
				return &actArg{v: v, a: ac, env: e, slot: -1, vslot: vslot, unch: unch}
			}
			continue
		}
		f := p.compile(a, s)
		out[i] = func(c *Ctx, e *env) any { return f(c, e) }
	}
	return out
}

// unchangedAct is `UNCHANGED a` compiled as a next-state action.
func (p *Program) unchangedAct(a syntax.Expr, s *scope) act {
	sp := a.Range()
	u := &syntax.Ref{Span: sp, Name: "UNCHANGED", Kind: syntax.RefBuiltin, Builtin: syntax.BUnchanged}
	return p.compileAct(&syntax.OpApp{Span: sp, Op: u, Args: []syntax.Expr{a}}, s, modeNext)
}

// primedParams marks the ordinary parameters of d that its body primes:
// used in a primed expression (p', UNCHANGED p, the subscript of [A]_p or
// WF_p(A)) or passed where another definition primes its parameter.
func (p *Program) primedParams(d *syntax.OpDef) []bool {
	if m, ok := p.primed[d]; ok {
		return m
	}
	m := make([]bool, len(d.Params))
	p.primed[d] = m // while deciding (recursion): filled in place
	idx := map[*syntax.Param]int{}
	for i, pr := range d.Params {
		if pr.Arity == 0 {
			idx[pr] = i
		}
	}
	if len(idx) == 0 || d.Body == nil {
		return m
	}
	mark := func(x syntax.Expr) {
		syntax.Inspect(x, func(n syntax.Node) bool {
			if r, ok := n.(*syntax.Ref); ok && r.Kind == syntax.RefParam {
				if i, ok := idx[r.Param]; ok {
					m[i] = true
				}
			}
			return true
		})
	}
	syntax.Inspect(d.Body, func(n syntax.Node) bool {
		switch t := n.(type) {
		case *syntax.OpApp:
			switch t.Op.Kind {
			case syntax.RefBuiltin:
				if t.Op.Builtin == syntax.BPrime || t.Op.Builtin == syntax.BUnchanged {
					for _, a := range t.Args {
						mark(a)
					}
					return false
				}
			case syntax.RefDef:
				callee := p.primedParams(t.Op.Def)
				for i, a := range t.Args {
					if i < len(callee) && callee[i] {
						mark(a)
					}
				}
			}
		case *syntax.ActionExpr:
			mark(t.Sub)
		case *syntax.Fairness:
			mark(t.Sub)
		}
		return true
	})
	return m
}

// compileOpArg compiles an argument passed to a higher-order parameter: a
// LAMBDA, the name of a definition, a parameter that is itself an operator,
// or a built-in operator name.
func (p *Program) compileOpArg(a syntax.Expr, arity int, s *scope) func(c *Ctx, e *env) *opVal {
	for {
		if q, ok := a.(*syntax.Paren); ok {
			a = q.X
			continue
		}
		break
	}
	switch t := a.(type) {
	case *syntax.Lambda:
		inner := s.with(paramKeys(t.Params)...)
		body := p.compile(t.Body, inner)
		bodyAct := p.compileAct(t.Body, inner, modeNext)
		n := len(t.Params)
		return func(c *Ctx, e *env) *opVal {
			bind := func(args []any) *env { return pushValues(e, args) }
			return &opVal{arity: n,
				call: func(c2 *Ctx, args []any) value.Value { return body(c2, bind(args)) },
				act:  func(c2 *Ctx, args []any, k func()) { bodyAct(c2, bind(args), k) }}
		}
	case *syntax.Ref:
		switch t.Kind {
		case syntax.RefParam:
			k := s.depth(t.Param)
			return func(c *Ctx, e *env) *opVal {
				op, ok := e.at(k).(*opVal)
				if !ok {
					fail(t, "%s is not an operator", t.Name)
				}
				return op
			}
		case syntax.RefDef:
			d := t.Def
			if d.InLet {
				k := s.depth(d)
				return func(c *Ctx, e *env) *opVal {
					if op, ok := e.at(k).(*opVal); ok {
						return op
					}
					fail(t, "%s is not an operator", t.Name)
					return nil
				}
			}
			n := p.descend(s.node, t.Via)
			cd := p.defIn(n, d)
			base := p.viaEnv(t.Via, s)
			var dact act
			if !d.IsFunc {
				dact = p.defAct(cd, modeNext)
			}
			return func(c *Ctx, e *env) *opVal {
				b := base(c, e)
				bind := func(args []any) *env { return pushValues(b, args) }
				op := &opVal{arity: len(d.Params), call: func(c2 *Ctx, args []any) value.Value { return cd.body(c2, bind(args)) }}
				if dact != nil {
					op.act = func(c2 *Ctx, args []any, k func()) { dact(c2, bind(args), k) }
				}
				return op
			}
		case syntax.RefConst:
			return p.constOp(t, s)
		case syntax.RefBuiltin:
			// A built-in used as an operator argument: wrap it as a LAMBDA.
			params := make([]*syntax.Param, arity)
			args := make([]syntax.Expr, arity)
			for i := range params {
				params[i] = &syntax.Param{Span: t.Span, Name: "_", Index: i}
				args[i] = &syntax.Ref{Span: t.Span, Name: "_", Kind: syntax.RefParam, Param: params[i]}
			}
			lam := &syntax.Lambda{Span: t.Span, Params: params, Body: &syntax.OpApp{Span: t.Span, Op: t, Args: args}}
			return p.compileOpArg(lam, arity, s)
		}
	}
	fail(a, "expected an operator argument (LAMBDA or operator name)")
	return nil
}

// actArg is the argument of an ordinary parameter given, where a definition
// is used as an action, an expression that may itself be an action
// (`W(A) == A /\ y' = y` used as `W(x' = 1 - x)`). TLC substitutes such an
// argument for the parameter, so a use of the parameter as a conjunct of
// the action assigns x'; as a value it is evaluated where it was written,
// each time it is used (it depends on the primed variables assigned so far).
type actArg struct {
	v    fn
	a    act
	env  *env
	slot int // the state slot of x when the argument is x', else -1
	// vslot is the state slot of x when the argument is the variable x
	// (else -1): the callee's p' is then x', which `p' = e` assigns.
	vslot int
	// unch is `UNCHANGED arg` as a next-state action, for the callee's
	// UNCHANGED p (set when the argument is passed by name).
	unch act
}

// compileActArgs is compileArgs for a definition used as an action: an
// argument of an ordinary parameter that may be an action is passed as an
// *actArg (with the slot of x when the argument is x', or x in an initial
// predicate, which the callee may assign: `new = Append(old, m)` with new bound to ch'), and a parameter
// given as an argument is passed on as it was bound.
func (p *Program) compileActArgs(d *syntax.OpDef, args []syntax.Expr, s *scope, mode int) []argFn {
	out := p.compileArgs(d, args, s)
	var params []*syntax.Param
	if d != nil {
		params = d.Params
	}
	for i, a := range args {
		if i < len(params) && params[i].Arity > 0 {
			continue
		}
		x := unparen(a)
		if r, ok := x.(*syntax.Ref); ok && r.Kind == syntax.RefParam && r.Param.Arity == 0 {
			if k := s.depth(r.Param); k >= 0 {
				out[i] = func(_ *Ctx, e *env) any { return e.at(k) }
			}
			continue
		}
		slot := -1
		if sl, ok := p.assignTarget(x, s, mode); ok {
			slot = sl // x' (x in an initial predicate): the callee may assign it
		}
		if slot < 0 && !p.isAction(a) {
			continue
		}
		v, ac := p.compile(a, s), p.compileAct(a, s, mode)
		vslot := -1
		if sl, ok := p.rootVarSlot(x, s); ok && mode == modeNext {
			vslot = sl
		}
		var unch act
		if d != nil && p.primedParams(d)[i] {
			unch = p.unchangedAct(a, s)
		}
		out[i] = func(c *Ctx, e *env) any { return &actArg{v: v, a: ac, env: e, slot: slot, vslot: vslot, unch: unch} }
	}
	return out
}

// paramAct is the action form of an ordinary parameter used as a conjunct
// (or any part) of an action: the argument's action when it is an
// *actArg, else the parameter's value as a predicate.
func (p *Program) paramAct(r *syntax.Ref, s *scope) act {
	k := s.depth(r.Param)
	pred := p.compileRef(r, s)
	return func(c *Ctx, e *env, kk func()) {
		if x, ok := e.at(k).(*actArg); ok {
			x.a(c, x.env, kk)
			return
		}
		if boolOf(r, pred(c, e)) {
			kk()
		}
	}
}
