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
// Memory per state: 8 bytes of fingerprint, 8 of edge offset, 8 per 64
// state atoms and the index map's entry (about 20 bytes); per step 4
// bytes of successor (8 while recording, a fingerprint) and 8 per 64
// actions (none without actions).
type Graph struct {
	atoms []*eval.Atom
	// pos[i] is atom i's bit in the state bits (state atoms) or in the
	// step bits (actions).
	pos      []uint
	nState   int
	nAction  int
	sw, ew   int // words of bits per state and per step
	idx      map[uint64]int32
	fps      []uint64
	sbits    bits
	off      []int64 // steps of state i: to[off[i]:off[i+1]]
	toFP     []uint64
	to       []int32 // resolved by finish
	ebits    bits
	initFP   []uint64
	inits    []int32
	finished bool
	// early are the branches whose tableau TLC checks during the search
	// (early.go).
	early []*early
}

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
	g.sw, g.ew = (g.nState+63)/64, (g.nAction+63)/64
	return g, nil
}

// stateBits are the state atoms' values in state i.
func (g *Graph) stateBits(i int32) bits { return g.sbits[int(i)*g.sw : int(i+1)*g.sw] }

// stepBits are the actions' values on step k (nil without actions).
func (g *Graph) stepBits(k int64) bits {
	return g.ebits[k*int64(g.ew) : (k+1)*int64(g.ew)]
}

type label struct {
	sb bits
	eb bits // per successor, then the stuttering step: ew words each
}

// Label evaluates the atoms on s and its steps.
func (g *Graph) Label(s []value.Value, succs [][]value.Value) (any, error) {
	l := &label{sb: make(bits, g.sw), eb: make(bits, g.ew*(len(succs)+1))}
	// One context per state and per step, so that the atoms share
	// memoised operator results.
	sc := eval.NewCtx(s, nil)
	steps := make([]*eval.Ctx, len(succs)+1)
	for j := range steps {
		t := s
		if j < len(succs) {
			t = succs[j]
		}
		steps[j] = eval.NewCtx(s, t)
	}
	defer func() {
		sc.Release()
		for _, c := range steps {
			c.Release()
		}
	}()
	for i, a := range g.atoms {
		if !a.Action {
			ok, err := a.HoldsIn(sc)
			if err != nil {
				return nil, err
			}
			if ok {
				l.sb.set(g.pos[i])
			}
			continue
		}
		for j := 0; j <= len(succs); j++ {
			if j == len(succs) && a.Stutters() {
				continue // <<A>>_v is false on the stuttering step
			}
			ok, err := a.HoldsIn(steps[j])
			if err != nil {
				return nil, err
			}
			if ok {
				l.eb[j*g.ew:].set(g.pos[i])
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
	g.sbits = append(g.sbits, l.sb...)
	start := len(g.toFP)
	add := func(to uint64, eb bits) {
		for k := start; k < len(g.toFP); k++ {
			if g.toFP[k] == to && slices.Equal(g.ebits[k*g.ew:(k+1)*g.ew], eb) {
				return
			}
		}
		g.toFP = append(g.toFP, to)
		g.ebits = append(g.ebits, eb...)
	}
	for j, to := range succs {
		add(to, l.eb[j*g.ew:(j+1)*g.ew])
	}
	add(fp, l.eb[len(succs)*g.ew:])
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
	var ebits bits
	off := make([]int64, 1, len(g.off))
	for i := range g.fps {
		for k := g.off[i]; k < g.off[i+1]; k++ {
			j, ok := g.idx[g.toFP[k]]
			if !ok {
				continue
			}
			g.to = append(g.to, j)
			ebits = append(ebits, g.stepBits(k)...)
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
	n := int64(len(g.fps))*(8+8+20) + int64(cap(g.sbits))*8 + int64(cap(g.to))*int64(unsafe.Sizeof(int32(0))) + int64(cap(g.toFP))*8 + int64(cap(g.ebits))*8
	return n
}
