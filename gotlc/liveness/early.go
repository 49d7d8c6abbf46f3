package liveness

import "github.com/veralloc/veralloc/gotlc/check"

// early is TLC's check of a tableau during the search: as soon as a state
// of a branch's product reaches a tableau node with no obligation left
// (every continuation satisfies the negated property, as for the safety
// property [](t => []t)), TLC reports the behaviour up to that state as a
// violation, without waiting for the end of the search and without
// looking at the branch's other conditions (fairness, []<> and <>[]
// conditions). gotlc does the same so that its verdict, counts and trace
// are TLC's.
type early struct {
	b   *branch
	tab *tableau
	// nodes[i] are the tableau nodes of recorded state i; pending[fp]
	// those found for a state not recorded yet (its atoms are not known
	// before it is expanded).
	nodes   [][]int32
	pending map[uint64][]int32
	init    map[uint64]bool
}

func newEarly(b *branch, tab *tableau) *early {
	return &early{b: b, tab: tab, pending: map[uint64][]int32{}, init: map[uint64]bool{}}
}

// hasEmpty reports whether some node of the tableau has no obligations:
// otherwise the early check can never fire.
func (t *tableau) hasEmpty() bool {
	for _, n := range t.nodes {
		if len(n.next) == 0 {
			return true
		}
	}
	return false
}

// item is a (state, tableau node) pair found by propagation, with the
// item it was reached from (-1: from the state being recorded).
type item struct {
	st   int32
	n    int32
	prev int
}

// add records state i (fingerprint fp, atom bits sb) with steps to succs;
// it returns the path of fingerprints after state i to a state where a
// node without obligations was reached (empty path: state i itself), or
// ok false.
func (e *early) add(g *Graph, i int32, fp uint64, sb bits, succs []uint64) (path []uint64, found bool) {
	var cand []int32
	if e.init[fp] {
		ok := true
		for _, f := range e.b.init {
			if !f.eval(sb, nil, g.pos) {
				ok = false
			}
		}
		if ok {
			for _, n := range e.tab.init {
				cand = append(cand, int32(n))
			}
		}
		delete(e.init, fp)
	}
	cand = append(cand, e.pending[fp]...)
	delete(e.pending, fp)
	var mine []int32
	for _, n := range cand {
		if e.tab.nodes[n].holds(sb, g.pos) && !containsNode(mine, n) {
			mine = append(mine, n)
		}
	}
	e.nodes = append(e.nodes, mine)
	for _, n := range mine {
		if len(e.tab.nodes[n].next) == 0 {
			return nil, true
		}
	}
	// Propagate to the successors: pending for unrecorded ones, at once
	// (and on through their recorded steps) for recorded ones.
	var work []item
	all := append(append([]uint64(nil), succs...), fp)
	for _, t := range all {
		j, rec := g.idx[t]
		for _, n := range mine {
			for _, m := range e.tab.nodes[n].succ {
				if !rec {
					if !containsNode(e.pending[t], int32(m)) {
						e.pending[t] = append(e.pending[t], int32(m))
					}
					continue
				}
				work = append(work, item{j, int32(m), -1})
			}
		}
	}
	for k := 0; k < len(work); k++ {
		it := work[k]
		if !e.tab.nodes[it.n].holds(g.stateBits(it.st), g.pos) || containsNode(e.nodes[it.st], it.n) {
			continue
		}
		e.nodes[it.st] = append(e.nodes[it.st], it.n)
		if len(e.tab.nodes[it.n].next) == 0 {
			for q := k; q >= 0; q = work[q].prev {
				path = append(path, g.fps[work[q].st])
			}
			for a, b := 0, len(path)-1; a < b; a, b = a+1, b-1 {
				path[a], path[b] = path[b], path[a]
			}
			return path, true
		}
		for s := g.off[it.st]; s < g.off[it.st+1]; s++ {
			t := g.toFP[s]
			j, rec := g.idx[t]
			for _, m := range e.tab.nodes[it.n].succ {
				if !rec {
					if !containsNode(e.pending[t], int32(m)) {
						e.pending[t] = append(e.pending[t], int32(m))
					}
					continue
				}
				work = append(work, item{j, int32(m), k})
			}
		}
	}
	return nil, false
}

func containsNode(ns []int32, n int32) bool {
	for _, x := range ns {
		if x == n {
			return true
		}
	}
	return false
}

// violation is the error Add returns for an early violation.
func violation(path []uint64) error { return &check.TemporalViolation{Path: path} }
