package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Primed instance variables inside ENABLED, as TLC evaluates them.
//
// TLC computes ENABLED A in a partial next state that binds variables by
// name, and it looks a primed variable up in a context cut off at the
// ENABLED: a substitution made outside the ENABLED (INSTANCE M WITH
// v <- e, the ENABLED being written in M or reached through a definition of
// M, as WF_vars(A) of M!Spec is) is not seen by v'. So inside ENABLED,
// `v' = e` binds M's variable v itself, under its own name, whatever v is
// substituted by, and v' reads that binding: `d' = TRUE` with d <- (b = 1)
// is enabled even where no b' makes b = 1 true, and with d <- b, x <- b the
// action d' = TRUE /\ x' = FALSE is enabled (corpus spec liveinstenabled
// records TLC's verdicts on both). A substitution made inside the ENABLED
// (ENABLED I!A written outside I) is seen as usual. An unprimed v always
// reads its substitution.
//
// The ENABLED's next state therefore has a slot per name: the root
// variable of that name, or an extra slot past the root variables
// (enabledSlot). Code that can meet such a variable (a substituted
// variable whose name is not that of the root variable the substitution
// leads to) checks at run time whether it runs inside an ENABLED whose
// instance node lies below the substitution (Ctx.enab); everywhere else it
// runs as before.

// substLink is one substitution on the way from an instance variable to
// what it stands for.
type substLink struct {
	node *instNode // the node whose substitution replaces the variable
	slot int       // the slot of the variable's name in an ENABLED next state
}

// primeTarget is a variable reference followed through its substitutions.
type primeTarget struct {
	links []substLink
	root  int // the root variable the chain ends in; -1: an expression
}

// substChain follows x, a variable reference, through its substitutions;
// nil when x is not a variable reference.
func (p *Program) substChain(x syntax.Expr, s *scope) *primeTarget {
	var t *primeTarget
	for {
		r, ok := unparen(x).(*syntax.Ref)
		if !ok || r.Kind != syntax.RefVar {
			if t != nil {
				t.root = -1
			}
			return t
		}
		if t == nil {
			t = &primeTarget{}
		}
		n := p.descend(s.node, r.Via)
		sn, sub := substFor(n, r.Var)
		if sub == nil {
			t.root = p.Slot(r.Var)
			return t
		}
		t.links = append(t.links, substLink{node: sn, slot: p.enabledSlot(r.Var.Name)})
		x, s = sub.Expr, &scope{keys: sn.baseKeys, node: sn.parent}
	}
}

// renamed reports whether some substitution of t leads away from the
// variable of its own name: only then can ENABLED see a difference.
func (t *primeTarget) renamed() bool {
	if t == nil {
		return false
	}
	for _, l := range t.links {
		if l.slot != t.root {
			return true
		}
	}
	return false
}

// slotIn is the slot v' denotes in c: the name's slot when c is inside an
// ENABLED below one of the substitutions, else the root variable (-1: the
// substituted expression, primed).
func (t *primeTarget) slotIn(c *Ctx) int {
	if c.enab != nil {
		for _, l := range t.links {
			if l.node.encloses(c.enab) {
				return l.slot
			}
		}
	}
	return t.root
}

// encloses reports whether n is e or an ancestor of e.
func (n *instNode) encloses(e *instNode) bool {
	for ; e != nil; e = e.parent {
		if e == n {
			return true
		}
	}
	return false
}

// enabledSlot is the slot of a variable name in an ENABLED next state.
func (p *Program) enabledSlot(name string) int {
	for i, v := range p.Vars {
		if v.Name == name {
			return i
		}
	}
	if i, ok := p.enabNames[name]; ok {
		return i
	}
	if p.enabNames == nil {
		p.enabNames = map[string]int{}
	}
	i := len(p.Vars) + len(p.enabNames)
	p.enabNames[name] = i
	p.enabWidth.Store(int32(i + 1))
	return i
}

// enabledWidth is the length of an ENABLED next state.
func (p *Program) enabledWidth() int {
	return max(len(p.Vars), int(p.enabWidth.Load()))
}

// renamedTarget returns the target of the primed variable x (`v'`) when
// ENABLED may bind it by name (see above); nil otherwise.
func (p *Program) renamedTarget(x syntax.Expr, s *scope, mode int) *primeTarget {
	if mode != modeNext {
		return nil
	}
	op, ok := unparen(x).(*syntax.OpApp)
	if !ok || op.Op.Kind != syntax.RefBuiltin || op.Op.Builtin != syntax.BPrime {
		return nil
	}
	if t := p.substChain(op.Args[0], s); t.renamed() {
		return t
	}
	return nil
}

// targetAct runs mk(slot) for the slot t denotes in c; outside ENABLED
// (or when t ends in an expression) it runs other.
func targetAct(t *primeTarget, mk func(slot int) act, other act) act {
	byLink := make([]act, len(t.links))
	for i, l := range t.links {
		byLink[i] = mk(l.slot)
	}
	def := other
	if t.root >= 0 {
		def = mk(t.root)
	}
	return func(c *Ctx, e *env, k func()) {
		if c.enab != nil {
			for i, l := range t.links {
				if l.node.encloses(c.enab) {
					byLink[i](c, e, k)
					return
				}
			}
		}
		def(c, e, k)
	}
}

// unchTarget is one variable of an UNCHANGED argument.
type unchTarget struct {
	t   *primeTarget
	cur fn // its value in the current state
}

// unchangedTargets collects the variables of an UNCHANGED argument (as
// varSlots does); ok is false when the argument is not made of variables.
func (p *Program) unchangedTargets(x syntax.Expr, s *scope, out []unchTarget) ([]unchTarget, bool) {
	switch t := x.(type) {
	case *syntax.Paren:
		return p.unchangedTargets(t.X, s, out)
	case *syntax.Tuple:
		for _, el := range t.Elems {
			var ok bool
			if out, ok = p.unchangedTargets(el, s, out); !ok {
				return nil, false
			}
		}
		return out, true
	case *syntax.Ref:
		if t.Kind == syntax.RefVar {
			return append(out, unchTarget{t: p.substChain(t, s), cur: p.compile(t, s)}), true
		}
		if t.Kind == syntax.RefDef && !t.Def.InLet && len(t.Def.Params) == 0 && !t.Def.IsFunc {
			n := p.descend(s.node, t.Via)
			return p.unchangedTargets(t.Def.Body, &scope{keys: n.baseKeys, node: n}, out)
		}
	}
	return nil, false
}

// renamedUnchanged returns the variables of UNCHANGED x when ENABLED may
// bind one of them by name; nil otherwise.
func (p *Program) renamedUnchanged(x syntax.Expr, s *scope, mode int) []unchTarget {
	if mode != modeNext {
		return nil
	}
	ts, ok := p.unchangedTargets(x, s, nil)
	if !ok {
		return nil
	}
	for _, u := range ts {
		if u.t.renamed() {
			return ts
		}
	}
	return nil
}

// unchangedTargetsAct is UNCHANGED over ts: inside ENABLED each variable
// binds (or tests) the slot it denotes there to its current value;
// elsewhere, or when one of them ends in an expression, other runs.
func unchangedTargetsAct(ts []unchTarget, other act) act {
	return func(c *Ctx, e *env, k func()) {
		if c.enab == nil {
			other(c, e, k)
			return
		}
		slots := make([]int, len(ts))
		for i, u := range ts {
			if slots[i] = u.t.slotIn(c); slots[i] < 0 {
				other(c, e, k)
				return
			}
		}
		var set []int
		undo := func() {
			for _, sl := range set {
				c.N[sl] = nil
			}
		}
		for i, sl := range slots {
			v := ts[i].cur(c, e)
			if cur := c.N[sl]; cur != nil {
				if !value.Equal(cur, v) {
					undo()
					return
				}
				continue
			}
			c.N[sl] = v
			set = append(set, sl)
		}
		k()
		undo()
	}
}

// renamedVar wraps f, the read of variable r substituted at node sn, so
// that a primed read inside an ENABLED below sn reads the name's slot.
func (p *Program) renamedVar(r *syntax.Ref, s *scope, sn *instNode, f fn) fn {
	t := p.substChain(r, s)
	if !t.renamed() {
		return f
	}
	slot := t.links[0].slot
	name := r.Var.Name
	return func(c *Ctx, e *env) value.Value {
		if c.enabPrimed && sn.encloses(c.enab) {
			v := c.S[slot]
			if v == nil {
				fail(r, "%s' is referenced before it is assigned a value", name)
			}
			return v
		}
		return f(c, e)
	}
}

// renamedItem reports whether the conjunct op (`v' = e`, `v' \in S`,
// UNCHANGED v) involves a variable ENABLED may bind by name: andActItems
// then runs it through compileAct.
func (p *Program) renamedItem(op *syntax.OpApp, s *scope, mode int) bool {
	switch op.Op.Builtin {
	case syntax.BEq, syntax.BIn:
		return p.renamedTarget(op.Args[0], s, mode) != nil
	case syntax.BUnchanged:
		return p.renamedUnchanged(op.Args[0], s, mode) != nil
	}
	return false
}
