package syntax

import (
	"fmt"
	"sort"
	"strconv"
)

// builtinByName maps canonical names to builtins.
var builtinByName = func() map[string]Builtin {
	m := make(map[string]Builtin, numBuiltins)
	for b := Builtin(1); b < numBuiltins; b++ {
		m[builtinTable[b].name] = b
	}
	return m
}()

// LookupBuiltin returns the builtin with the given canonical name (e.g.
// "Len", "+", "-." for unary minus, `\in`), or BNone.
func LookupBuiltin(name string) Builtin { return builtinByName[name] }

// resolver resolves the names of one module. Modules it extends or
// instantiates must have been resolved before.
type resolver struct {
	m       *Module
	src     *source // for error lines; may be nil
	scope   map[string]*Entity
	exports map[string]*Entity // entities visible to modules extending m
	std     map[string]bool    // standard modules visible in m
	stdExp  map[string]bool    // standard modules exported to extenders
	frames  []map[string]any   // local scopes: *BoundVar, *Param, *OpDef
	errs    ErrorList
	// selected holds the definitions made for subexpression selectors.
	selected map[string]*OpDef
	// infos and mods are resolveModule's, for instances inside LET.
	infos map[string]*moduleInfo
	mods  map[string]*Module
}

// moduleInfo holds per-module resolution results not in the AST.
type moduleInfo struct {
	exports map[string]*Entity
	stdExp  map[string]bool
	src     *source
}

func (r *resolver) errorf(s Span, format string, args ...any) {
	e := &Error{Pos: Pos{File: s.File, Line: s.Line, Col: s.Col}, Msg: fmt.Sprintf(format, args...)}
	if r.src != nil {
		e.Line = r.src.lineText(s.Line)
	}
	r.errs = append(r.errs, e)
	if len(r.errs) > 20 {
		panic(bailout{e})
	}
}

// addStd makes standard module name (and what it extends) visible.
func addStd(set map[string]bool, name string) {
	if set[name] {
		return
	}
	set[name] = true
	for _, x := range StandardExtends[name] {
		addStd(set, x)
	}
}

// define adds a module-level entity, reporting a clash with a different
// entity of the same name.
func (r *resolver) define(name string, e *Entity, at Span, export bool) {
	if old, ok := r.scope[name]; ok && !sameEntity(old, e) {
		r.errorf(at, "multiple definitions of %s", name)
		return
	}
	r.scope[name] = e
	if export {
		r.exports[name] = e
	}
}

func sameEntity(a, b *Entity) bool {
	if a.Kind != b.Kind || a.Const != b.Const || a.Var != b.Var || a.Def != b.Def ||
		a.Inst != b.Inst || a.Builtin != b.Builtin {
		return false
	}
	if a.Kind == RefDef && a.Def != nil && a.Def.Module != nil && !declaresParams(a.Def.Module, map[*Module]bool{}) {
		// A definition of a module without constants or variables means
		// the same through any chain of instances (UndirectedGraphs
		// instantiates Folds directly and through SequencesExt).
		return true
	}
	if len(a.Via) != len(b.Via) {
		return false
	}
	for i := range a.Via {
		if a.Via[i].Inst != b.Via[i].Inst {
			return false
		}
	}
	return true
}

// declaresParams reports whether m or a module it extends declares a
// CONSTANT or VARIABLE.
func declaresParams(m *Module, seen map[*Module]bool) bool {
	if seen[m] {
		return false
	}
	seen[m] = true
	if len(m.Constants) > 0 || len(m.Variables) > 0 {
		return true
	}
	for _, e := range m.ExtendsMods {
		if declaresParams(e, seen) {
			return true
		}
	}
	return false
}

// resolveModule resolves m. infos holds the results for the user modules m
// uses (by name).
func resolveModule(m *Module, src *source, infos map[string]*moduleInfo, mods map[string]*Module) (*moduleInfo, error) {
	r := &resolver{m: m, src: src, scope: map[string]*Entity{}, exports: map[string]*Entity{},
		std: map[string]bool{}, stdExp: map[string]bool{}, infos: infos, mods: mods}
	var err error
	func() {
		defer func() {
			if x := recover(); x != nil {
				if b, ok := x.(bailout); ok {
					if len(r.errs) == 0 {
						r.errs = append(r.errs, b.err)
					}
					return
				}
				r.errs = append(r.errs, &Error{Pos: m.Pos(), Msg: fmt.Sprintf("internal error in resolver: %v", x)})
			}
		}()
		r.run(infos, mods)
	}()
	if len(r.errs) > 0 {
		sort.SliceStable(r.errs, func(i, j int) bool {
			a, b := r.errs[i].Pos, r.errs[j].Pos
			return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
		})
		err = r.errs
		if len(r.errs) == 1 {
			err = r.errs[0]
		}
		return nil, err
	}
	m.Scope = r.scope
	m.Standard = r.std
	return &moduleInfo{exports: r.exports, stdExp: r.stdExp, src: src}, nil
}

func (r *resolver) run(infos map[string]*moduleInfo, mods map[string]*Module) {
	m := r.m
	for _, u := range m.Units {
		switch d := u.(type) {
		case *ConstDecl:
			d.Module = m
		case *VarDecl:
			d.Module = m
		case *OpDef:
			d.Module = m
		case *InstanceDef:
			d.Module = m
		}
	}
	// EXTENDS.
	m.ExtendsMods = nil
	for _, e := range m.Extends {
		if _, ok := StandardModules[e.Name]; ok {
			addStd(r.std, e.Name)
			addStd(r.stdExp, e.Name)
			continue
		}
		info := infos[e.Name]
		em := mods[e.Name]
		if info == nil || em == nil {
			r.errorf(e.Span, "module %s not found", e.Name)
			continue
		}
		m.ExtendsMods = append(m.ExtendsMods, em)
		for s := range info.stdExp {
			addStd(r.std, s)
			addStd(r.stdExp, s)
		}
		for _, name := range sortedKeys(info.exports) {
			r.define(name, info.exports[name], e.Span, true)
		}
	}
	// RECURSIVE declarations: make the later definitions visible early.
	recursive := map[string]*OpDef{}
	for i, u := range m.Units {
		rd, ok := u.(*RecursiveDecl)
		if !ok {
			continue
		}
		for _, n := range rd.Names {
			var def *OpDef
			for _, v := range m.Units[i+1:] {
				if d, ok := v.(*OpDef); ok && d.Name == n.Name {
					def = d
					break
				}
			}
			if def == nil {
				r.errorf(n.Span, "RECURSIVE %s is never defined", n.Name)
				continue
			}
			if len(def.Params) != n.Arity {
				r.errorf(def.Span, "%s is declared RECURSIVE with %d arguments but defined with %d",
					n.Name, n.Arity, len(def.Params))
			}
			def.Recursive = true
			recursive[n.Name] = def
		}
	}
	for _, u := range m.Units {
		switch d := u.(type) {
		case *RecursiveDecl:
			for _, n := range d.Names {
				if def := recursive[n.Name]; def != nil {
					r.define(n.Name, &Entity{Kind: RefDef, Def: def}, n.Span, !def.Local)
				}
			}
		case *ConstDecl:
			r.checkNotBuiltin(d.Name, d.Span)
			r.define(d.Name, &Entity{Kind: RefConst, Const: d}, d.Span, true)
		case *VarDecl:
			r.checkNotBuiltin(d.Name, d.Span)
			r.define(d.Name, &Entity{Kind: RefVar, Var: d}, d.Span, true)
		case *OpDef:
			r.checkNotBuiltin(d.Name, d.Span)
			r.resolveDef(d)
			if rd := recursive[d.Name]; rd == d {
				continue // already defined
			}
			r.define(d.Name, &Entity{Kind: RefDef, Def: d}, d.Span, !d.Local)
		case *InstanceDef:
			r.resolveInstance(d, infos, mods)
			if d.Name != "" {
				r.checkNotBuiltin(d.Name, d.Span)
				r.define(d.Name, &Entity{Kind: RefInstance, Inst: d}, d.Span, !d.Local)
				continue
			}
			if _, ok := StandardModules[d.ModuleName]; ok {
				addStd(r.std, d.ModuleName)
				if !d.Local {
					addStd(r.stdExp, d.ModuleName)
				}
				continue
			}
			info := infos[d.ModuleName]
			if info == nil {
				continue
			}
			if !d.Local {
				for s := range info.stdExp {
					addStd(r.stdExp, s)
				}
			}
			for s := range info.stdExp {
				addStd(r.std, s)
			}
			for _, name := range sortedKeys(info.exports) {
				e := info.exports[name]
				if e.Kind != RefDef && e.Kind != RefInstance {
					continue // constants and variables are substituted
				}
				ne := *e
				ne.Via = append([]*InstUse{{Inst: d}}, e.Via...)
				r.define(name, &ne, d.Span, !d.Local)
			}
		case *Assume:
			r.expr(d.Expr)
			if d.Name != "" {
				// A named assumption is a definition of a Boolean constant
				// expression; make it referable.
				def := &OpDef{Span: d.Span, Name: d.Name, Body: d.Expr, Module: m}
				r.define(d.Name, &Entity{Kind: RefDef, Def: def}, d.Span, true)
			}
		case *Theorem:
			if d.Expr != nil {
				r.expr(d.Expr)
			}
			if d.Name != "" && d.Expr != nil {
				def := &OpDef{Span: d.Span, Name: d.Name, Body: d.Expr, Module: m}
				r.define(d.Name, &Entity{Kind: RefDef, Def: def}, d.Span, true)
			}
		}
	}
}

func sortedKeys(m map[string]*Entity) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// checkNotBuiltin reports a module-level declaration or definition of a
// name that a visible standard module already defines (SANY: multiply
// defined). Kernel operators are symbols or keywords and cannot clash.
func (r *resolver) checkNotBuiltin(name string, at Span) {
	if b, ok := builtinByName[name]; ok && b.Module() != "" && r.std[b.Module()] {
		r.errorf(at, "multiple definitions of %s: standard module %s, which this module uses, defines it", name, b.Module())
	}
}

// resolveDef resolves an operator or function definition's body.
func (r *resolver) resolveDef(d *OpDef) {
	frame := map[string]any{}
	for _, p := range d.Params {
		r.checkFresh(p.Name, p.Span, frame)
		frame[p.Name] = p
	}
	if d.IsFunc {
		frame[d.Name] = d // recursive function definition
	}
	r.frames = append(r.frames, frame)
	r.expr(d.Body)
	r.frames = r.frames[:len(r.frames)-1]
}

// resolveInstance resolves an INSTANCE's substitutions and completes them
// with the implicit ones.
func (r *resolver) resolveInstance(d *InstanceDef, infos map[string]*moduleInfo, mods map[string]*Module) {
	frame := map[string]any{}
	for _, p := range d.Params {
		r.checkFresh(p.Name, p.Span, frame)
		frame[p.Name] = p
	}
	r.frames = append(r.frames, frame)
	defer func() { r.frames = r.frames[:len(r.frames)-1] }()
	for _, s := range d.Subst {
		r.arg(s.Expr) // an operator constant takes an operator: WITH Op <- MyOp
	}
	if _, ok := StandardModules[d.ModuleName]; ok {
		if len(d.Subst) > 0 {
			r.errorf(d.Span, "standard module %s has no parameters to substitute", d.ModuleName)
		}
		return
	}
	d.Target = mods[d.ModuleName]
	info := infos[d.ModuleName]
	if d.Target == nil || info == nil {
		r.errorf(d.Span, "module %s not found", d.ModuleName)
		return
	}
	explicit := map[string]*Subst{}
	for _, s := range d.Subst {
		e := info.exports[s.Name]
		switch {
		case e != nil && e.Kind == RefConst:
			s.Const = e.Const
			if n, what := operatorArity(s.Expr); n != e.Const.Arity && (n > 0 || e.Const.Arity > 0) {
				if what == "" {
					what = "an expression"
				}
				r.errorf(s.Span, "%s takes %d argument(s), but %s <- %s substitutes %s, which takes %d", s.Name, e.Const.Arity, s.Name, exprName(s.Expr), what, n)
			}
		case e != nil && e.Kind == RefVar:
			s.Var = e.Var
		default:
			r.errorf(s.Span, "%s is not a CONSTANT or VARIABLE of module %s", s.Name, d.ModuleName)
			continue
		}
		if explicit[s.Name] != nil {
			r.errorf(s.Span, "%s is substituted twice", s.Name)
		}
		explicit[s.Name] = s
	}
	for _, name := range sortedKeys(info.exports) {
		e := info.exports[name]
		if (e.Kind != RefConst && e.Kind != RefVar) || explicit[name] != nil {
			continue
		}
		ref := &Ref{Span: d.Span, Name: name}
		s := &Subst{Span: d.Span, Name: name, Expr: ref, Implicit: true}
		if e.Kind == RefConst {
			s.Const = e.Const
		} else {
			s.Var = e.Var
		}
		if !r.lookupInto(ref, name) {
			r.errorf(d.Span, "INSTANCE %s: no substitution for %s, and %s is not defined here",
				d.ModuleName, name, name)
			continue
		}
		d.Subst = append(d.Subst, s)
	}
}

// lookupInto resolves name into ref (locals, module scope, builtins) and
// reports whether it was found.
func (r *resolver) lookupInto(ref *Ref, name string) bool {
	for i := len(r.frames) - 1; i >= 0; i-- {
		if x, ok := r.frames[i][name]; ok {
			switch v := x.(type) {
			case *BoundVar:
				ref.Kind, ref.Bound = RefBound, v
			case *Param:
				ref.Kind, ref.Param = RefParam, v
			case *OpDef:
				ref.Kind, ref.Def = RefDef, v
			}
			return true
		}
	}
	if e := r.scope[name]; e != nil {
		ref.Kind = e.Kind
		ref.Const, ref.Var, ref.Def, ref.Builtin = e.Const, e.Var, e.Def, e.Builtin
		ref.Via = e.Via
		return true
	}
	if b, ok := builtinByName[name]; ok {
		mod := b.Module()
		if mod == "" || r.std[mod] {
			ref.Kind, ref.Builtin = RefBuiltin, b
			return true
		}
	}
	return false
}

// resolveRef resolves a name occurrence; args is the number of arguments it
// is applied to (-1 for a bare name, which may be an operator argument when
// asArg is set).
func (r *resolver) resolveRef(ref *Ref, nargs int, asArg bool) {
	if len(ref.sel) > 0 {
		r.resolveSelector(ref, nargs)
		return
	}
	if len(ref.path) > 0 {
		r.resolvePath(ref, nargs, asArg)
		return
	}
	name := ref.Name
	if !r.lookupInto(ref, name) {
		if b, ok := builtinByName[name]; ok && b.Module() != "" {
			r.errorf(ref.Span, "%s is defined in standard module %s, which module %s does not EXTEND",
				name, b.Module(), r.m.Name)
			return
		}
		r.errorf(ref.Span, "unknown identifier %s", name)
		return
	}
	r.checkArity(ref, nargs, asArg)
}

// resolveSelector resolves `Op!k...` and `Op!:`: Op (possibly reached
// through instances) must be a definition without parameters (or a named
// theorem); the result refers to a definition, made here once per
// selection, whose body is the selected subexpression of Op's body: `!:`
// the body itself, `!k` the k-th item of a /\ or \/ list or the k-th
// argument of an operator application.
func (r *resolver) resolveSelector(ref *Ref, nargs int) {
	sel := ref.sel
	ref.sel = nil
	r.resolveRef(ref, 0, false)
	if ref.Kind != RefDef {
		if ref.Kind != 0 {
			r.errorf(ref.Span, "%s is not a definition; it has no subexpressions to select", ref.Name)
		}
		return
	}
	d := ref.Def
	if len(d.Params) > 0 || d.IsFunc || d.InLet {
		r.errorf(ref.Span, "unsupported construct: a subexpression selector of %s, which has parameters or is defined in a LET", d.Name)
		return
	}
	body := d.Body
	name := d.Name
	for _, s := range sel {
		name += "!" + s
		if s == ":" {
			continue
		}
		k, err := strconv.Atoi(s)
		x := body
		for {
			if q, ok := x.(*Paren); ok {
				x = q.X
			} else if q, ok := x.(*Label); ok {
				x = q.X
			} else {
				break
			}
		}
		var parts []Expr
		switch t := x.(type) {
		case *Junction:
			parts = t.Items
		case *OpApp:
			parts = t.Args
		}
		if err != nil || k < 1 || k > len(parts) {
			r.errorf(ref.Span, "%s selects no subexpression of %s", name, d.Name)
			return
		}
		body = parts[k-1]
	}
	if r.selected == nil {
		r.selected = map[string]*OpDef{}
	}
	key := fmt.Sprintf("%p%s", d, name)
	nd := r.selected[key]
	if nd == nil {
		nd = &OpDef{Span: body.Range(), Name: name, Body: body, Module: d.Module, Local: true}
		r.selected[key] = nd
	}
	ref.Def = nd
	ref.Name = name
	if nargs > 0 {
		r.errorf(ref.Span, "%s takes no arguments but is applied to %d", name, nargs)
	}
}

// usesLocalNames reports whether x refers to a bound variable, a
// parameter or a LET definition.
func usesLocalNames(x Expr) bool {
	found := false
	Inspect(x, func(n Node) bool {
		if r, ok := n.(*Ref); ok && (r.Kind == RefBound || r.Kind == RefParam || r.Kind == RefDef && r.Def.InLet) {
			found = true
		}
		return !found
	})
	return found
}

// checkArity checks that a resolved ref is applied to the right number of
// arguments.
func (r *resolver) checkArity(ref *Ref, nargs int, asArg bool) {
	want := -2
	switch ref.Kind {
	case RefDef:
		want = len(ref.Def.Params)
	case RefParam:
		want = ref.Param.Arity
	case RefConst:
		want = ref.Const.Arity
	case RefBuiltin:
		want = ref.Builtin.Arity()
		if want < 0 {
			return
		}
	case RefBound, RefVar:
		want = 0
	case RefInstance:
		r.errorf(ref.Span, "%s is an instance; use %s!Name", ref.Name, ref.Name)
		return
	}
	if want == -2 {
		return
	}
	if nargs < 0 {
		if want == 0 || asArg {
			return
		}
		r.errorf(ref.Span, "%s takes %d argument(s) but is used without arguments", ref.Name, want)
		return
	}
	if nargs != want {
		r.errorf(ref.Span, "%s takes %d argument(s) but is applied to %d", ref.Name, want, nargs)
	}
}

// resolvePath resolves `I!Op`, `I(a)!J!Op`.
func (r *resolver) resolvePath(ref *Ref, nargs int, asArg bool) {
	var via []*InstUse
	scope := r.scope
	where := "module " + r.m.Name
	for _, seg := range ref.path {
		// Instances are module-level (INSTANCE inside LET is refused).
		e := scope[seg.name]
		if e == nil || e.Kind != RefInstance {
			r.errorf(ref.Span, "%s is not an instance defined in %s", seg.name, where)
			return
		}
		for _, a := range seg.args {
			r.arg(a)
		}
		if len(seg.args) != len(e.Inst.Params) {
			r.errorf(ref.Span, "instance %s takes %d argument(s) but is given %d",
				seg.name, len(e.Inst.Params), len(seg.args))
			return
		}
		via = append(via, e.Via...)
		via = append(via, &InstUse{Inst: e.Inst, Args: seg.args})
		if e.Inst.Target == nil {
			r.errorf(ref.Span, "instance %s of standard module %s has no definitions to select", seg.name, e.Inst.ModuleName)
			return
		}
		scope = e.Inst.Target.Scope
		where = "module " + e.Inst.Target.Name
	}
	last := lastSegName(ref)
	e := scope[last]
	if e == nil || e.Def != nil && e.Def.Local {
		// Builtins visible in the target module.
		tm := via[len(via)-1].Inst.Target
		if b, ok := builtinByName[last]; ok && (b.Module() == "" || tm.Standard[b.Module()]) {
			ref.Kind, ref.Builtin = RefBuiltin, b
			ref.path = nil
			r.checkArity(ref, nargs, asArg)
			return
		}
		r.errorf(ref.Span, "%s is not defined in %s", last, where)
		return
	}
	if e.Kind == RefConst || e.Kind == RefVar {
		// As SANY ("Unknown operator"): the constants and variables of an
		// instantiated module are its parameters, not definitions that
		// I!name can select.
		r.errorf(ref.Span, "%s is a parameter of %s, not a definition, so %s cannot select it", last, where, ref.Name)
		return
	}
	ref.Kind = e.Kind
	ref.Const, ref.Var, ref.Def, ref.Builtin = e.Const, e.Var, e.Def, e.Builtin
	ref.Via = append(via, e.Via...)
	ref.path = nil
	r.checkArity(ref, nargs, asArg)
}

// arg resolves an operator argument (a bare operator name is allowed).
func (r *resolver) arg(e Expr) {
	if ref, ok := e.(*Ref); ok {
		r.resolveRef(ref, -1, true)
		return
	}
	r.expr(e)
}

// paramArities returns, for each parameter of op, the number of arguments
// it takes (0 for an ordinary parameter), or nil when unknown.
func paramArities(op *Ref, nargs int) []int {
	out := make([]int, nargs)
	switch op.Kind {
	case RefDef:
		if len(op.Def.Params) != nargs {
			return nil
		}
		for i, p := range op.Def.Params {
			out[i] = p.Arity
		}
	case RefParam, RefConst, RefBound, RefVar:
		// Parameters of higher-order parameters and constants are `_`.
	case RefBuiltin:
		switch op.Builtin {
		case BSortSeq:
			if nargs == 2 {
				out[1] = 2
			}
		case BSelectSeq:
			if nargs == 2 {
				out[1] = 1
			}
		case BBagOfAll:
			if nargs == 2 {
				out[0] = 1
			}
		}
	default:
		return nil
	}
	return out
}

// operatorArity returns the number of arguments an argument expression
// takes when it is an operator (a LAMBDA, or the bare name of an operator
// with parameters), else 0.
func exprName(e Expr) string {
	if r, ok := e.(*Ref); ok {
		return r.Name
	}
	return "..."
}

func operatorArity(e Expr) (int, string) {
	switch a := e.(type) {
	case *Lambda:
		return len(a.Params), "LAMBDA expression"
	case *Ref:
		switch a.Kind {
		case RefDef:
			return len(a.Def.Params), "operator " + a.Name
		case RefParam:
			return a.Param.Arity, "operator " + a.Name
		case RefConst:
			return a.Const.Arity, "operator " + a.Name
		case RefBuiltin:
			if n := a.Builtin.Arity(); n > 0 {
				return n, "operator " + a.Name
			}
		}
	}
	return 0, ""
}

// checkOperatorArgs checks, as SANY does, that operator arguments (LAMBDA
// expressions and bare operator names) are passed exactly to higher-order
// parameters of the right arity, and ordinary expressions to ordinary ones.
func (r *resolver) checkOperatorArgs(x *OpApp) {
	want := paramArities(x.Op, len(x.Args))
	if want == nil {
		return
	}
	for i, a := range x.Args {
		got, what := operatorArity(a)
		switch {
		case got == want[i]:
		case want[i] == 0:
			r.errorf(a.Range(), "%s used where an expression is required (argument %d of %s)", what, i+1, x.Op.Name)
		default:
			r.errorf(a.Range(), "argument %d of %s must be an operator taking %d argument(s)", i+1, x.Op.Name, want[i])
		}
	}
}

func (r *resolver) push(vs []*BoundVar) {
	f := make(map[string]any, len(vs))
	for _, v := range vs {
		r.checkFresh(v.Name, v.Span, f)
		f[v.Name] = v
	}
	r.frames = append(r.frames, f)
}

// checkFresh reports, as SANY does ("Multiply-defined symbol"), a bound
// variable, parameter or LET definition whose name is already visible: in
// an enclosing scope, at module level, or as a standard-module operator.
// pending is the frame being built (nil if none).
func (r *resolver) checkFresh(name string, at Span, pending map[string]any) {
	where := ""
	if x, ok := pending[name]; ok {
		where = declSpan(x)
	}
	for i := len(r.frames) - 1; i >= 0 && where == ""; i-- {
		if x, ok := r.frames[i][name]; ok {
			where = declSpan(x)
		}
	}
	if where == "" {
		if e := r.scope[name]; e != nil {
			switch {
			case e.Def != nil:
				where = e.Def.Pos().String()
			case e.Const != nil:
				where = e.Const.Pos().String()
			case e.Var != nil:
				where = e.Var.Pos().String()
			case e.Inst != nil:
				where = e.Inst.Pos().String()
			}
		}
	}
	if where == "" {
		if b, ok := builtinByName[name]; ok && (b.Module() == "" || r.std[b.Module()]) {
			where = "standard module " + b.Module()
			if b.Module() == "" {
				where = "the TLA+ kernel"
			}
		}
	}
	if where != "" {
		r.errorf(at, "multiply-defined symbol %s: already defined at %s", name, where)
	}
}

func declSpan(x any) string {
	if n, ok := x.(Node); ok {
		return n.Pos().String()
	}
	return "?"
}

func (r *resolver) pop(n int) { r.frames = r.frames[:len(r.frames)-n] }

// binders resolves the sets of bs, binding each binder's variables for the
// later binders, and leaves len(bs) frames pushed.
func (r *resolver) binders(bs []*Binder) {
	for _, b := range bs {
		if b.Set != nil {
			r.expr(b.Set)
		}
		r.push(b.Vars)
	}
}

func (r *resolver) exprs(es []Expr) {
	for _, e := range es {
		r.expr(e)
	}
}

// bound resolves body in the scope of the binders bs.
func (r *resolver) bound(bs []*Binder, body Expr) {
	r.binders(bs)
	r.expr(body)
	r.pop(len(bs))
}

// pair resolves a, then b.
func (r *resolver) pair(a, b Expr) {
	r.expr(a)
	r.expr(b)
}

func (r *resolver) fields(fs []*Field) {
	for _, f := range fs {
		r.expr(f.Value)
	}
}

// expr resolves every name in e.
func (r *resolver) expr(e Expr) {
	switch x := e.(type) {
	case nil:
	case *Ref:
		r.resolveRef(x, -1, false)
	case *OpApp:
		r.resolveRef(x.Op, len(x.Args), false)
		for _, a := range x.Args {
			r.arg(a)
		}
		r.checkOperatorArgs(x)
	case *Junction:
		r.exprs(x.Items)
	case *NumLit, *StrLit, *BoolLit, *At:
	case *Paren:
		r.expr(x.X)
	case *Label:
		r.expr(x.X)
	case *If:
		r.exprs([]Expr{x.Cond, x.Then, x.Else})
	case *Case:
		for _, a := range x.Arms {
			r.expr(a.Guard)
			r.expr(a.Body)
		}
		r.expr(x.Other)
	case *Let:
		// Named instances of the LET are visible in its definitions and
		// body, like module-level ones (their substitutions may use only
		// module-level names).
		type savedEnt struct {
			name string
			old  *Entity
		}
		var saved []savedEnt
		for _, in := range x.Instances {
			r.resolveInstance(in, r.infos, r.mods)
			if in.Name == "" {
				r.errorf(in.Span, "unsupported construct: an unnamed INSTANCE inside LET")
				continue
			}
			for _, sb := range in.Subst {
				if !sb.Implicit && usesLocalNames(sb.Expr) {
					r.errorf(sb.Span, "unsupported construct: an INSTANCE inside LET whose substitution for %s uses a bound variable, parameter or LET definition", sb.Name)
				}
			}
			saved = append(saved, savedEnt{in.Name, r.scope[in.Name]})
			r.scope[in.Name] = &Entity{Kind: RefInstance, Inst: in}
		}
		defer func() {
			for i := len(saved) - 1; i >= 0; i-- {
				if saved[i].old == nil {
					delete(r.scope, saved[i].name)
				} else {
					r.scope[saved[i].name] = saved[i].old
				}
			}
		}()
		f := map[string]any{}
		r.frames = append(r.frames, f)
		for _, d := range x.Defs {
			if d.Recursive {
				r.checkFresh(d.Name, d.Span, f)
				f[d.Name] = d
			}
		}
		for _, d := range x.Defs {
			r.resolveDef(d)
			if !d.Recursive {
				r.checkFresh(d.Name, d.Span, f)
			}
			f[d.Name] = d
		}
		r.expr(x.Body)
		r.pop(1)
	case *Quant:
		r.bound(x.Binders, x.Body)
	case *TemporalQuant:
		r.push(x.Vars)
		r.expr(x.Body)
		r.pop(1)
	case *Choose:
		r.bound([]*Binder{x.Binder}, x.Body)
	case *SetEnum:
		r.exprs(x.Elems)
	case *SetFilter:
		r.bound([]*Binder{x.Binder}, x.Pred)
	case *SetMap:
		r.bound(x.Binders, x.Elem)
	case *FuncCons:
		r.bound(x.Binders, x.Body)
	case *FuncApp:
		r.expr(x.Fn)
		r.exprs(x.Args)
	case *FuncSet:
		r.pair(x.Dom, x.Rng)
	case *Except:
		r.expr(x.Fn)
		for _, u := range x.Updates {
			for _, st := range u.Path {
				r.exprs(st.Index)
			}
			r.expr(u.Value)
		}
	case *RecordCons:
		r.fields(x.Fields)
	case *RecordSet:
		r.fields(x.Fields)
	case *Dot:
		r.expr(x.X)
	case *Tuple:
		r.exprs(x.Elems)
	case *Lambda:
		f := map[string]any{}
		for _, p := range x.Params {
			r.checkFresh(p.Name, p.Span, f)
			f[p.Name] = p
		}
		r.frames = append(r.frames, f)
		r.expr(x.Body)
		r.pop(1)
	case *ActionExpr:
		r.pair(x.Action, x.Sub)
	case *Fairness:
		r.pair(x.Sub, x.Action)
	default:
		r.errorf(e.Range(), "internal error: unknown expression node %T", e)
	}
}
