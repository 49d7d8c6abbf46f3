// Package liveness checks the temporal properties of a model as TLC does:
// the property is negated and, together with the fairness of the
// SPECIFICATION, put in disjunctive normal form; each branch is a
// conjunction of conditions on the initial state, []<>X and <>[]X
// conditions on steps, Streett conditions []<>X => []<>Y (from strong
// fairness) and a tableau for the rest. The behaviour graph recorded
// during the search (Graph) is multiplied by each branch's tableau, and a
// strongly connected component of the product that satisfies the branch
// is a counterexample: a lasso, the shortest path to the component and a
// cycle in it. The check runs once, after the search (TLC's -lncheck
// final): the graph must be complete for the answer to be final, and
// checking once costs one SCC pass instead of one per check.
//
// Like TLC, the tableau is over state predicates only: an action may
// appear only as []<>A or <>[]A once the formula is normalised (TLC's
// "Temporal formulas containing actions must be of forms <>[]A or
// []<>A.").
package liveness

import (
	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
)

// Checker checks the temporal properties of one model.
type Checker struct {
	m        *check.Model
	g        *Graph
	branches []*branch
	tabs     []*tableau
}

// New prepares the liveness check of m, or returns nil if m has no
// temporal property that needs it. An error is TLC's refusal of a
// formula.
func New(m *check.Model) (*Checker, error) {
	var props []*form
	for _, p := range m.Properties {
		if p.Live != nil {
			props = append(props, nnf(p.Live, false))
		}
	}
	if len(props) == 0 {
		return nil, nil
	}
	f := negate(mk(fAnd, props...))
	if m.Fairness != nil {
		f = mk(fAnd, nnf(m.Fairness, false), f)
	}
	conj, err := dnf(f)
	if err != nil {
		return nil, err
	}
	c := &Checker{m: m}
	for _, cj := range conj {
		b, err := classify(cj)
		if err != nil {
			return nil, err
		}
		c.branches = append(c.branches, b)
		if b.tableau != nil {
			c.tabs = append(c.tabs, newTableau(b.tableau))
		} else {
			c.tabs = append(c.tabs, trivial)
		}
	}
	var atoms []*eval.Atom
	if m.Temporal != nil {
		atoms = m.Temporal.Atoms
	}
	if c.g, err = newGraph(atoms); err != nil {
		return nil, err
	}
	for i, b := range c.branches {
		if b.tableau != nil && c.tabs[i].hasEmpty() {
			c.g.early = append(c.g.early, newEarly(b, c.tabs[i]))
		}
	}
	return c, nil
}

// Graph is the recorder to put in the model before the search.
func (c *Checker) Graph() *Graph { return c.g }

// Branches is the number of branches of the negated property (TLC's
// "satisfiability problem has N branches").
func (c *Checker) Branches() int { return len(c.branches) }

// Counterexample is a behaviour that violates the properties: the states
// Trace (the first initial), then either stuttering forever in the last
// one (Stutter) or a step from the last one back to Trace[LoopStart]
// (Back is that step's action).
type Counterexample struct {
	Trace     []check.Step
	Stutter   bool
	LoopStart int // index in Trace
	Back      *eval.Label
}

// Check checks the recorded graph: nil if the properties hold.
func (c *Checker) Check() (*Counterexample, error) {
	c.g.finish()
	for i, b := range c.branches {
		p := c.g.product(b, c.tabs[i])
		s := c.g.search(b, c.tabs[i], p)
		if s.found == nil {
			continue
		}
		prefix, cycle := s.lasso()
		return c.counterexample(p, prefix, cycle)
	}
	return nil, nil
}

// counterexample turns product nodes into states of the spec; stuttering
// steps inside the lasso are left out (the properties are invariant
// under stuttering).
func (c *Checker) counterexample(p *product, prefix, cycle []int32) (*Counterexample, error) {
	var states []int32
	push := func(u int32) {
		s := p.st[u]
		if len(states) == 0 || states[len(states)-1] != s {
			states = append(states, s)
		}
	}
	for _, u := range prefix {
		push(u)
	}
	loop := len(states) - 1
	for _, u := range cycle {
		push(u)
	}
	cx := &Counterexample{LoopStart: loop}
	if len(states) == loop+1 {
		cx.Stutter = true
	} else {
		states = states[:len(states)-1] // the last is the loop's start again
	}
	fps := make([]uint64, len(states))
	for i, s := range states {
		fps[i] = c.g.fps[s]
	}
	tr, err := c.m.Replay(fps)
	if err != nil {
		return nil, err
	}
	cx.Trace = tr
	if !cx.Stutter {
		st, ok := c.m.StepLabel(tr[len(tr)-1].State, fps[loop])
		if ok {
			cx.Back = st.Label
		}
	}
	return cx, nil
}

// MemoryBytes estimates the memory taken by the recorded graph.
func (c *Checker) MemoryBytes() int64 { return c.g.Bytes() }
