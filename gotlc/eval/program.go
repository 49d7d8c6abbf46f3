package eval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Program is a loaded spec prepared for evaluation: state variables mapped
// to slots, constants bound to values, definitions compiled on demand.
// Configure it (SetConst, SetConstDef, Override, Replace) before the first
// evaluation; after that it is safe for concurrent use (compilation is
// guarded by a mutex; evaluation only reads).
type Program struct {
	Src  *syntax.Program
	Root *syntax.Module
	// Vars are the state variables of the root module in TLC's order; a
	// state is a []value.Value indexed like Vars.
	Vars []*syntax.VarDecl
	slot map[*syntax.VarDecl]int

	consts      map[*syntax.ConstDecl]value.Value
	constDefs   map[*syntax.ConstDecl]*syntax.OpDef // CONSTANT C <- Def
	overrides   map[*syntax.OpDef]value.Value       // cfg `Def = value`
	replaced    map[*syntax.OpDef]*syntax.OpDef     // cfg `Def <- Def2`
	replacedVia map[*syntax.OpDef][]*syntax.InstUse
	builtinDefs map[syntax.Builtin]defUse      // cfg `Nat <- MCNat`
	builtinVals map[syntax.Builtin]value.Value // cfg `Nat = {0, 1}`
	scoped      map[*syntax.OpDef]bool         // cfg `D <- [M] E`, `D = [M] v`

	root   *instNode
	direct map[directKey]*directFn
	// directAct holds the action forms of lazily applied function
	// definitions (funcAppAct).
	directAct map[directActKey]*directAct
	mu        sync.Mutex // guards compilation caches
	// caching > 0 while compiling inside a cached constant subexpression.
	caching int
	// randomConstant counts random draws as constant-level while defIn
	// decides whether a zero-arity definition is evaluated once.
	randomConstant bool
	// constRand is the generator of the initial predicate, ASSUMEs and
	// constant definitions (random.go).
	constRand *rand.Rand
	// rngSeed seeds the per-state generators (seedMix of -seed).
	rngSeed uint64
	memoOK  map[*syntax.OpDef]bool
	// primed caches primedParams.
	primed map[*syntax.OpDef][]bool
	// splitLabels collects the labels of the sub-actions compiled by
	// compileSplit (see splitAction).
	splitLabels []*Label
	// enabNames gives the names of substituted instance variables their
	// slots past Vars in an ENABLED next state; enabWidth is that state's
	// length (enabledvars.go).
	enabNames map[string]int
	enabWidth atomic.Int32

	// run is what TLCGet("config") reports; regs are the TLCSet registers.
	run  RunInfo
	regs registers
	// stats is what TLCGet("stats") reports, once the search is over.
	stats *SearchStats

	// Out receives Print and PrintT output.
	Out io.Writer
}

// instNode is a static instance context: the root module (def == nil) or an
// instance reached from its parent through def. Definitions are compiled
// once per node.
type instNode struct {
	def      *syntax.InstanceDef
	parent   *instNode
	baseKeys []any // scope keys at the instance base (outer params, own params)
	subst    map[any]*syntax.Subst
	defs     map[*syntax.OpDef]*cdef
	children map[*syntax.InstanceDef]*instNode
	substFns map[*syntax.Subst]fn
	// directDefs holds the definitions named through an instance path
	// that the configuration replaces elsewhere (see defInAs).
	directDefs map[*syntax.OpDef]*cdef
}

// cdef is a definition compiled in one instance context.
type cdef struct {
	def  *syntax.OpDef
	node *instNode
	body fn
	act  [2]act // action forms (next-state, init)
	// direct: I!D as written, ignoring the configuration's replacement.
	direct bool
	// constant-level zero-arity definitions are evaluated once.
	constant bool
	cached   atomic.Pointer[value.Value]
}

// New prepares p for evaluation. consts binds the root module's constants
// (by name) to values; constDefs binds constants to definitions of the root
// module (cfg `C <- Def`); overrides replaces definitions by values.
func New(p *syntax.Program) *Program {
	pr := &Program{
		Src:         p,
		Root:        p.Root,
		slot:        map[*syntax.VarDecl]int{},
		consts:      map[*syntax.ConstDecl]value.Value{},
		constDefs:   map[*syntax.ConstDecl]*syntax.OpDef{},
		overrides:   map[*syntax.OpDef]value.Value{},
		direct:      map[directKey]*directFn{},
		directAct:   map[directActKey]*directAct{},
		replaced:    map[*syntax.OpDef]*syntax.OpDef{},
		replacedVia: map[*syntax.OpDef][]*syntax.InstUse{},
		builtinDefs: map[syntax.Builtin]defUse{},
		builtinVals: map[syntax.Builtin]value.Value{},
		memoOK:      map[*syntax.OpDef]bool{},
		primed:      map[*syntax.OpDef][]bool{},
		constRand:   newConstRand(randomSeed),
		rngSeed:     randomSeed,
		run:         RunInfo{Deadlock: true, Workers: 1},
		Out:         os.Stdout,
	}
	pr.root = &instNode{defs: map[*syntax.OpDef]*cdef{}, children: map[*syntax.InstanceDef]*instNode{}, substFns: map[*syntax.Subst]fn{}}
	seen := map[*syntax.VarDecl]bool{}
	for _, ent := range p.Root.Scope {
		if ent.Kind == syntax.RefVar && ent.Var != nil && len(ent.Via) == 0 && !seen[ent.Var] {
			seen[ent.Var] = true
			pr.Vars = append(pr.Vars, ent.Var)
		}
	}
	modIdx := map[*syntax.Module]int{}
	for i, m := range p.Order {
		modIdx[m] = i
	}
	slices.SortFunc(pr.Vars, func(a, b *syntax.VarDecl) int {
		if a.Index != b.Index {
			return a.Index - b.Index
		}
		return modIdx[a.Module] - modIdx[b.Module]
	})
	for i, v := range pr.Vars {
		pr.slot[v] = i
	}
	internSource(p)
	return pr
}

// SetConst binds a root-module constant to a value.
func (p *Program) SetConst(c *syntax.ConstDecl, v value.Value) { p.consts[c] = v }

// SetConstDef binds a root-module constant to a definition (cfg `C <- D`).
func (p *Program) SetConstDef(c *syntax.ConstDecl, d *syntax.OpDef) { p.constDefs[c] = d }

// Override replaces a definition by a value (cfg `D = v` for a defined D).
func (p *Program) Override(d *syntax.OpDef, v value.Value) { p.overrides[d] = v }

// defUse is a definition as the root module sees it: through the chain of
// unnamed instances via (nil for its own and extended definitions).
type defUse struct {
	def *syntax.OpDef
	via []*syntax.InstUse
}

// ReplaceBuiltin makes every use of the standard-module operator b (Nat,
// Seq, ...) use the definition d instead (cfg `Nat <- MCNat`); via is as
// for Replace.
func (p *Program) ReplaceBuiltin(b syntax.Builtin, d *syntax.OpDef, via []*syntax.InstUse) {
	p.builtinDefs[b] = defUse{d, via}
}

// OverrideBuiltin replaces the zero-arity standard-module operator b by a
// value (cfg `Nat = {0, 1, 2}`).
func (p *Program) OverrideBuiltin(b syntax.Builtin, v value.Value) { p.builtinVals[b] = v }

// Slot is the state slot of a root-module variable, or -1.
func (p *Program) Slot(v *syntax.VarDecl) int {
	if i, ok := p.slot[v]; ok {
		return i
	}
	return -1
}

// child returns the instance node reached from n through inst.
func (n *instNode) child(inst *syntax.InstanceDef) *instNode {
	if c, ok := n.children[inst]; ok {
		return c
	}
	keys := append(slices.Clip(n.baseKeys), paramKeys(inst.Params)...)
	c := &instNode{def: inst, parent: n, baseKeys: keys, subst: map[any]*syntax.Subst{},
		defs: map[*syntax.OpDef]*cdef{}, children: map[*syntax.InstanceDef]*instNode{}, substFns: map[*syntax.Subst]fn{}}
	for _, s := range inst.Subst {
		if s.Const != nil {
			c.subst[s.Const] = s
		}
		if s.Var != nil {
			c.subst[s.Var] = s
		}
	}
	n.children[inst] = c
	return c
}

func paramKeys(ps []*syntax.Param) []any {
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// Eval evaluates a closed expression of the root module (an ASSUME, a
// constant definition) in state s (may be nil).
func (p *Program) Eval(x syntax.Expr, s []value.Value) (v value.Value, err error) {
	defer catch(&err)
	f := p.compileTop(x)
	c := &Ctx{S: s}
	if s == nil {
		c.rng = p.constRand
	}
	return f(c, nil), nil
}

// compileTop compiles an expression of the root module at top level.
func (p *Program) compileTop(x syntax.Expr) fn {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.traceTop(x, p.compile(x, &scope{node: p.root}))
}

// traceTop is f, the compiled top-level expression x, under
// RunInfo.TraceCalls made to add x to the Chain of an evaluation error:
// TLC lists the expression it was asked to evaluate first. A call lists
// its own site (compileCall), and an action property or a liveness atom
// `[A]_v` / `<<A>>_v` lists A.
func (p *Program) traceTop(x syntax.Expr, f fn) fn {
	if !p.run.TraceCalls {
		return f
	}
	x = unparen(x) // TLC's positions leave parentheses out
	if a, ok := x.(*syntax.ActionExpr); ok {
		x = unparen(a.Action)
	}
	if _, call := x.(*syntax.Ref); call {
		return f
	}
	return traceCall(x.Range(), f)
}

// Pred is a compiled state or action predicate.
type Pred struct {
	p *Program
	f fn
	X syntax.Expr
}

// CompilePred compiles a boolean expression of the root module.
func (p *Program) CompilePred(x syntax.Expr) (pr *Pred, err error) {
	defer catch(&err)
	return &Pred{p: p, f: p.compileTop(x), X: x}, nil
}

// CompileDefPred compiles the zero-arity definition d of the root module.
func (p *Program) CompileDefPred(d *syntax.OpDef) (pr *Pred, err error) {
	return p.CompilePred(p.DefRef(d))
}

// DefRef is a reference, from the root module, to its definition d: d may
// come from an unnamed INSTANCE (`INSTANCE TwoPhase` in MCTwoPhase), and
// then the reference goes through it, so that the instance's
// substitutions (its variables by the root's) apply.
func (p *Program) DefRef(d *syntax.OpDef) *syntax.Ref {
	ref := &syntax.Ref{Span: d.Span, Name: d.Name, Kind: syntax.RefDef, Def: d}
	if ent := p.Root.Lookup(d.Name); ent != nil && ent.Kind == syntax.RefDef && ent.Def == d {
		ref.Via = ent.Via
	}
	return ref
}

// NewCtx returns an evaluation context for state s (and next state n).
// Predicates evaluated in the same context share memoised operator results;
// call Release when done with it.
func NewCtx(s, n []value.Value) *Ctx {
	c := &Ctx{S: s, N: n}
	c.carve()
	return c
}

// Holds evaluates the predicate in state s (and next state n for actions).
func (q *Pred) Holds(s, n []value.Value) (ok bool, err error) {
	c := &Ctx{S: s, N: n}
	c.carve()
	defer c.Release()
	return q.HoldsIn(c)
}

// HoldsAt is Holds in a state s of breadth-first level level
// (TLCGet("level")).
func (q *Pred) HoldsAt(s, n []value.Value, level int) (ok bool, err error) {
	c := &Ctx{S: s, N: n}
	c.carve()
	defer c.Release()
	c.SetLevel(level)
	return q.HoldsIn(c)
}

// HoldsIn evaluates the predicate in the context c (see NewCtx).
func (q *Pred) HoldsIn(c *Ctx) (ok bool, err error) {
	defer catch(&err)
	v := q.f(c, nil)
	b, isBool := v.(value.Bool)
	if !isBool {
		return false, &Error{Span: q.X.Range(), Module: moduleOfSpan(q.X.Range()),
			Msg: fmt.Sprintf("the predicate evaluated to the non-boolean value %s", str(v))}
	}
	return bool(b), nil
}

// ValueAt is Value in a state of breadth-first level level
// (TLCGet("level")).
func (q *Pred) ValueAt(s, n []value.Value, level int) (v value.Value, err error) {
	defer catch(&err)
	c := &Ctx{S: s, N: n}
	c.carve()
	defer c.Release()
	c.SetLevel(level)
	return q.f(c, nil), nil
}

// Value evaluates the expression in state s (and n).
func (q *Pred) Value(s, n []value.Value) (v value.Value, err error) {
	defer catch(&err)
	c := &Ctx{S: s, N: n}
	c.carve()
	defer c.Release()
	return q.f(c, nil), nil
}

// internSource interns the spec's identifiers and string literals in the
// order TLC 2.18 first meets them, which is the order TLC gives strings,
// model values and record fields (see value.Intern): the identifiers of the
// root module in source order, then those of the modules it uses, module by
// module in the order the parser loads them (breadth first: a module's
// EXTENDS, then its INSTANCEs), standard modules included, and only then
// the string literals.
func internSource(p *syntax.Program) {
	var lits []string
	queue := []string{p.Root.Name}
	seen := map[string]bool{p.Root.Name: true}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			queue = append(queue, name)
		}
	}
	for i := 0; i < len(queue); i++ {
		name := queue[i]
		if m := p.Modules[name]; m != nil {
			value.Intern(m.Name)
			for _, e := range m.Extends {
				value.Intern(e.Name)
			}
			for _, u := range m.Units {
				walkUnit(u, func(name string) { value.Intern(name) }, func(s string) { lits = append(lits, s) })
			}
			for _, e := range m.Extends {
				add(e.Name)
			}
			for _, inst := range m.Instances {
				add(inst.ModuleName)
			}
			continue
		}
		std, ok := stdModuleIdents[name]
		if !ok {
			continue
		}
		for _, id := range std.idents {
			value.Intern(id)
		}
		for _, d := range std.uses {
			add(d)
		}
	}
	for _, s := range lits {
		value.Intern(s)
	}
}

// stdModuleIdents lists, for each standard module TLC 2.18 ships, the
// identifiers of its text in the order they first occur, and the modules it
// uses; TLC interns them while parsing the module.
var stdModuleIdents = map[string]struct {
	idents []string
	uses   []string
}{
	"Naturals":   {[]string{"Naturals", "Nat", "a", "b", "n"}, nil},
	"Integers":   {[]string{"Integers", "Naturals", "Int", "a"}, []string{"Naturals"}},
	"Sequences":  {[]string{"Sequences", "Naturals", "Seq", "S", "n", "Nat", "Len", "s", "t", "i", "Append", "e", "Head", "Tail", "SubSeq", "m", "SelectSeq", "Test", "_", "F"}, []string{"Naturals"}},
	"FiniteSets": {[]string{"FiniteSets", "Naturals", "Sequences", "IsFiniteSet", "S", "seq", "Seq", "s", "n", "Len", "Cardinality", "CS", "T", "x"}, []string{"Naturals", "Sequences"}},
	"TLC": {[]string{"TLC", "Naturals", "Sequences", "FiniteSets", "Print", "out", "val", "PrintT", "Assert", "v", "JavaTime", "n", "Nat", "TLCGet", "i", "TLCSet", "d", "e", "x", "f", "g", "Permutations", "S", "w", "SortSeq", "s", "Op", "_", "Perm", "p", "Len", "j", "RandomElement", "Any", "ToString", "a", "b", "TLCEval"},
		[]string{"Naturals", "Sequences", "FiniteSets"}},
	"Bags": {[]string{"Bags", "TLC", "Naturals", "IsABag", "B", "n", "Nat", "BagToSet", "SetToBag", "S", "e", "BagIn", "EmptyBag", "B1", "B2", "d", "Sum", "f", "DSum", "elt", "BagUnion", "SubBag", "RemoveFromDom", "x", "y", "Combine", "BagSet", "i", "Biggest", "Range", "r", "s", "RSB", "BB", "BagOfAll", "F", "_", "BagCardinality", "CopiesIn"},
		[]string{"TLC", "Naturals"}},
}

// ScopedToModule marks the override or replacement of d as written with a
// module (`D <- [M] E`, `D = [M] v`): that one applies to I!D as well
// (see defInAs).
func (p *Program) ScopedToModule(d *syntax.OpDef) {
	if p.scoped == nil {
		p.scoped = map[*syntax.OpDef]bool{}
	}
	p.scoped[d] = true
}

// Replace makes references to definition d use definition with instead (cfg
// `d <- with`).
//
// The replacement applies wherever d is used (also inside instances), as
// in TLC, except the name I!d itself unless ScopedToModule(d) (defInAs).
// via is the instance path through which the root module sees with (nil
// for the root's own or extended definitions).
func (p *Program) Replace(d, with *syntax.OpDef, via []*syntax.InstUse) {
	p.replaced[d] = with
	p.replacedVia[with] = via
}

// replacement returns the compiled definition replacing d, if any.
func (p *Program) replacement(d *syntax.OpDef) (*cdef, bool) {
	w, ok := p.replaced[d]
	if !ok || len(w.Params) != len(d.Params) {
		return nil, false
	}
	return p.defIn(p.descend(p.root, p.replacedVia[w]), w), true
}
