package check

import (
	"fmt"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Visit enumerates the distinct reachable states of m breadth-first, one
// worker, in the order Check would find them, and calls visit once for each
// with its BFS depth (initial states are depth 1); visit returning false
// stops the search. States are told apart by the same fingerprint as Check
// (VIEW and SYMMETRY apply); CONSTRAINTs and ACTION-CONSTRAINTs limit the
// search as in Check. Invariants and properties are NOT checked: Visit is for
// comparing the state space with another enumeration of it (spec/'s
// anti-drift test). visit must not modify the states it is given.
//
// The returned Stats count as Check counts: Generated (initial states and all
// successors), Distinct, Depth; Left is the number of states not expanded
// when visit stopped the search.
func Visit(m *Model, visit func(state []value.Value, depth int) bool) (Stats, error) {
	var st Stats
	seen := make(map[uint64]struct{}, 1<<14)
	c := core{m} // the fingerprint and the constraints of Check
	stopped := false
	// add records t if it is new; it reports whether t is to be expanded.
	// As in Check, a successor outside the constraints is counted as
	// generated and dropped; an initial state outside them is a distinct
	// state that is not expanded.
	add := func(s, t []value.Value, depth int) (bool, error) {
		st.Generated++
		in, err := c.inModel(s, t)
		if err != nil {
			return false, err
		}
		if !in && s != nil {
			return false, nil
		}
		h, err := c.fingerprint(t)
		if err != nil {
			return false, err
		}
		if _, ok := seen[h]; ok {
			return false, nil
		}
		seen[h] = struct{}{}
		st.Distinct++
		st.Depth = max(st.Depth, depth)
		if !visit(t, depth) {
			stopped = true
		}
		return in, nil
	}
	// expand appends to out the successors of s under a (the initial
	// states when s is nil) that add keeps for expanding.
	expand := func(a *eval.Action, s []value.Value, depth int, out [][]value.Value) ([][]value.Value, error) {
		var ferr error
		_, err := a.Run(s, func(t []value.Value, _ *eval.Label, _ int) {
			if ferr != nil || stopped {
				return
			}
			ok, err := add(s, t, depth)
			if err != nil {
				ferr = err
			} else if ok {
				out = append(out, t)
			}
		})
		if err == nil {
			err = ferr
		}
		return out, err
	}
	frontier, err := expand(m.Init, nil, 1, nil)
	if err != nil {
		return st, fmt.Errorf("computing initial states: %w", err)
	}
	for depth := 2; len(frontier) > 0 && !stopped; depth++ {
		var next [][]value.Value
		for i, s := range frontier {
			if stopped {
				st.Left = int64(len(frontier)-i) + int64(len(next))
				return st, nil
			}
			next, err = expand(m.Next, s, depth, next)
			if err != nil {
				return st, fmt.Errorf("computing successors at depth %d: %w", depth, err)
			}
		}
		frontier = next
	}
	if stopped {
		st.Left = int64(len(frontier))
	}
	return st, nil
}
