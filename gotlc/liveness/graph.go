package liveness

import (
	"fmt"
	"slices"
	"unsafe"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Graph is the behaviour graph of the reachable states, recorded during
// the search (it implements check.Graph): per state its fingerprint and
// the truth values of the state atoms, per step (including the
// stuttering step s -> s that every state has) the successor and the
// truth values of the action atoms. States are numbered in the order the
// search merged them, so the graph, and the verdict and counterexample
// computed from it, do not depend on the number of workers.
//
// Label is called concurrently by the workers; Add, Initial and Check by
// one goroutine at a time (the search's merge, then the caller).
//
// Memory per state: 8 bytes of fingerprint, 8 of state bits, 8 of edge
// offset and the index map's entry (about 20 bytes); per step 8 bytes of
// successor (a fingerprint while recording, resolved to an index) and 8 of
// action bits.
type Graph struct {
	atoms []*eval.Atom
	// pos[i] is atom i's bit in the state bits (state atoms) or in the
	// step bits (actions).
	pos      []uint
	nState   int
	nAction  int
	idx      map[uint64]int32
	fps      []uint64
	sbits    []uint64
	off      []int64 // steps of state i: to[off[i]:off[i+1]]
	toFP     []uint64
	to       []int32 // resolved by finish
	ebits    []uint64
	initFP   []uint64
	inits    []int32
	finished bool
	// early are the branches whose tableau TLC checks during the search
	// (early.go).
	early []*early
}

// MaxAtoms is the largest number of state atoms (and of action atoms) a
// model's temporal formulas may have.
const MaxAtoms = 64

// newGraph prepares a graph for the atoms of a model.
func newGraph(atoms []*eval.Atom) (*Graph, error) {
	g := &Graph{atoms: atoms, pos: make([]uint, len(atoms)), idx: map[uint64]int32{}, off: []int64{0}}
	for i, a := range atoms {
		if a.Action {
			g.pos[i] = uint(g.nAction)
			g.nAction++
		} else {
			g.pos[i] = uint(g.nState)
			g.nState++
		}
	}
	if g.nState > MaxAtoms || g.nAction > MaxAtoms {
		return nil, fmt.Errorf("gotlc's liveness checker handles at most %d state predicates and %d actions in the temporal formulas of a model; this one has %d and %d", MaxAtoms, MaxAtoms, g.nState, g.nAction)
	}
	return g, nil
}

type label struct {
	sb uint64
	eb []uint64 // per successor, then the stuttering step
}

// Label evaluates the atoms on s and its steps.
func (g *Graph) Label(s []value.Value, succs [][]value.Value) (any, error) {
	l := &label{}
	if g.nAction > 0 {
		l.eb = make([]uint64, len(succs)+1)
	}
	for i, a := range g.atoms {
		if !a.Action {
			ok, err := a.Holds(s, nil)
			if err != nil {
				return nil, err
			}
			if ok {
				l.sb |= 1 << g.pos[i]
			}
			continue
		}
		for j := 0; j <= len(succs); j++ {
			t := s
			if j < len(succs) {
				t = succs[j]
			}
			ok, err := a.Holds(s, t)
			if err != nil {
				return nil, err
			}
			if ok {
				l.eb[j] |= 1 << g.pos[i]
			}
		}
	}
	return l, nil
}

// Add records a state and its steps.
func (g *Graph) Add(fp uint64, succs []uint64, lab any) error {
	l := lab.(*label)
	if _, dup := g.idx[fp]; dup {
		return fmt.Errorf("liveness: state %016x recorded twice", fp)
	}
	g.idx[fp] = int32(len(g.fps))
	g.fps = append(g.fps, fp)
	g.sbits = append(g.sbits, l.sb)
	start := len(g.toFP)
	add := func(to uint64, eb uint64) {
		for k := start; k < len(g.toFP); k++ {
			if g.toFP[k] == to && (g.nAction == 0 || g.ebits[k] == eb) {
				return
			}
		}
		g.toFP = append(g.toFP, to)
		if g.nAction > 0 {
			g.ebits = append(g.ebits, eb)
		}
	}
	for j, to := range succs {
		var eb uint64
		if g.nAction > 0 {
			eb = l.eb[j]
		}
		add(to, eb)
	}
	var eb uint64
	if g.nAction > 0 {
		eb = l.eb[len(succs)]
	}
	add(fp, eb)
	g.off = append(g.off, int64(len(g.toFP)))
	for _, e := range g.early {
		if path, found := e.add(g, int32(len(g.fps)-1), fp, l.sb, succs); found {
			return violation(path)
		}
	}
	return nil
}

// Initial marks an initial state.
func (g *Graph) Initial(fp uint64) {
	g.initFP = append(g.initFP, fp)
	for _, e := range g.early {
		e.init[fp] = true
	}
}

// finish resolves the successors' fingerprints to state numbers; steps to
// states that were never expanded (beyond -depth) are dropped.
func (g *Graph) finish() {
	if g.finished {
		return
	}
	g.finished = true
	g.to = make([]int32, 0, len(g.toFP))
	var ebits []uint64
	off := make([]int64, 1, len(g.off))
	for i := range g.fps {
		for k := g.off[i]; k < g.off[i+1]; k++ {
			j, ok := g.idx[g.toFP[k]]
			if !ok {
				continue
			}
			g.to = append(g.to, j)
			if g.nAction > 0 {
				ebits = append(ebits, g.ebits[k])
			}
		}
		off = append(off, int64(len(g.to)))
	}
	g.off, g.ebits, g.toFP = off, ebits, nil
	for _, fp := range g.initFP {
		if j, ok := g.idx[fp]; ok {
			g.inits = append(g.inits, j)
		}
	}
	slices.Sort(g.inits)
	g.inits = slices.Compact(g.inits)
}

// States is the number of states recorded.
func (g *Graph) States() int { return len(g.fps) }

// Bytes estimates the memory the graph takes (the index map at 20 bytes
// an entry, the Go map's load included).
func (g *Graph) Bytes() int64 {
	n := int64(len(g.fps))*(8+8+8+20) + int64(cap(g.to))*int64(unsafe.Sizeof(int32(0))) + int64(cap(g.toFP))*8 + int64(cap(g.ebits))*8
	return n
}
