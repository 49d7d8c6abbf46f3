package eval

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Program is a loaded spec prepared for evaluation: state variables mapped
// to slots, constants bound to values, definitions compiled on demand. It is
// safe for concurrent use once Prepare has returned (compilation is guarded
// by a mutex; evaluation only reads).
type Program struct {
	Src  *syntax.Program
	Root *syntax.Module
	// Vars are the state variables of the root module in TLC's order; a
	// state is a []value.Value indexed like Vars.
	Vars []*syntax.VarDecl
	slot map[*syntax.VarDecl]int

	consts    map[*syntax.ConstDecl]value.Value
	constDefs map[*syntax.ConstDecl]*syntax.OpDef // CONSTANT C <- Def
	overrides map[*syntax.OpDef]value.Value       // cfg `Def = value`
	replaced  map[*syntax.OpDef]*syntax.OpDef     // cfg `Def <- Def2`

	root   *instNode
	direct map[directKey]*directFn
	mu     sync.Mutex // guards compilation caches
	// caching > 0 while compiling inside a cached constant subexpression.
	caching int
	memoOK  map[*syntax.OpDef]bool
	// splitLabels collects the labels of the sub-actions compiled by
	// compileSplit (see splitAction).
	splitLabels []*Label

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
}

// cdef is a definition compiled in one instance context.
type cdef struct {
	def  *syntax.OpDef
	node *instNode
	body fn
	act  [2]act // action forms (next-state, init)
	// constant-level zero-arity definitions are evaluated once.
	constant bool
	cached   atomic.Pointer[value.Value]
}

// New prepares p for evaluation. consts binds the root module's constants
// (by name) to values; constDefs binds constants to definitions of the root
// module (cfg `C <- Def`); overrides replaces definitions by values.
func New(p *syntax.Program) *Program {
	pr := &Program{
		Src:       p,
		Root:      p.Root,
		slot:      map[*syntax.VarDecl]int{},
		consts:    map[*syntax.ConstDecl]value.Value{},
		constDefs: map[*syntax.ConstDecl]*syntax.OpDef{},
		overrides: map[*syntax.OpDef]value.Value{},
		direct:    map[directKey]*directFn{},
		replaced:  map[*syntax.OpDef]*syntax.OpDef{},
		memoOK:    map[*syntax.OpDef]bool{},
		Out:       os.Stdout,
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
	return f(&Ctx{S: s}, nil), nil
}

// compileTop compiles an expression of the root module at top level.
func (p *Program) compileTop(x syntax.Expr) fn {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.compile(x, &scope{node: p.root})
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
	ref := &syntax.Ref{Span: d.Span, Name: d.Name, Kind: syntax.RefDef, Def: d}
	return p.CompilePred(ref)
}

// NewCtx returns an evaluation context for state s (and next state n).
// Predicates evaluated in the same context share memoised operator results.
func NewCtx(s, n []value.Value) *Ctx { return &Ctx{S: s, N: n} }

// Holds evaluates the predicate in state s (and next state n for actions).
func (q *Pred) Holds(s, n []value.Value) (ok bool, err error) {
	return q.HoldsIn(&Ctx{S: s, N: n})
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

// Value evaluates the expression in state s (and n).
func (q *Pred) Value(s, n []value.Value) (v value.Value, err error) {
	defer catch(&err)
	return q.f(&Ctx{S: s, N: n}, nil), nil
}

// internSource interns the spec's identifiers and string literals in source
// order, reproducing the order TLC gives strings (see value.Intern):
// identifiers of all modules first, then string literals.
func internSource(p *syntax.Program) {
	var lits []string
	mods := append([]*syntax.Module{p.Root}, p.Order...)
	for _, m := range mods {
		value.Intern(m.Name)
		for _, u := range m.Units {
			walkUnit(u, func(name string) { value.Intern(name) }, func(s string) { lits = append(lits, s) })
		}
	}
	for _, s := range lits {
		value.Intern(s)
	}
}

// Replace makes references to definition d use definition with instead (cfg
// `d <- with`).
func (p *Program) Replace(d, with *syntax.OpDef) { p.replaced[d] = with }
