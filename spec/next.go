package spec

import (
	"fmt"
)

// The names of the actions, as in Allocator.tla.
const (
	ActAlloc              = "Alloc"
	ActDrainRead          = "DrainRead"
	ActDrainRemote        = "DrainRemote"
	ActPopFreelist        = "PopFreelist"
	ActLinearCarve        = "LinearCarve"
	ActSpliceToSll        = "SpliceToSll"
	ActAcquireSlab        = "AcquireSlab"
	ActRetireSlab         = "RetireSlab"
	ActFreeLocal          = "FreeLocal"
	ActFreeRemote         = "FreeRemote"
	ActFreeRemoteCas      = "FreeRemoteCas"
	ActFreeToBatch        = "FreeToBatch"
	ActFreeRemoteBatch    = "FreeRemoteBatch"
	ActFreeRemoteBatchCas = "FreeRemoteBatchCas"
	ActHeapExit           = "HeapExit"
	ActAdopt              = "Adopt"
)

// Actions lists the action names in the order Next lists them (the five
// steps of Refill expanded in place).
var Actions = []string{ActAlloc, ActDrainRead, ActDrainRemote, ActPopFreelist, ActLinearCarve,
	ActSpliceToSll, ActAcquireSlab, ActRetireSlab, ActFreeLocal, ActFreeRemote, ActFreeRemoteCas,
	ActFreeToBatch, ActFreeRemoteBatch, ActFreeRemoteBatchCas, ActHeapExit, ActAdopt}

// Label names one instance of an action: the action and its parameters.
// Heap is always set; Slab only for AcquireSlab and Adopt; Block only for
// FreeLocal, FreeRemote and FreeToBatch.
type Label struct {
	Action string
	Heap   Heap
	Slab   Slab
	Block  Block
}

// String prints the label as TLC names an action instance: FreeLocal(h1, <<s1, 2>>).
func (l Label) String() string {
	switch l.Action {
	case ActAcquireSlab, ActAdopt:
		return fmt.Sprintf("%s(%v, %v)", l.Action, l.Heap, l.Slab)
	case ActFreeLocal, ActFreeRemote, ActFreeToBatch:
		return fmt.Sprintf("%s(%v, %v)", l.Action, l.Heap, l.Block)
	}
	return fmt.Sprintf("%s(%v)", l.Action, l.Heap)
}

// Step is one enabled action instance and the state it leads to.
type Step struct {
	Label
	Next State
}

// Take runs the action instance l on st: the successor and whether l is
// enabled in st. An unknown action name or a parameter outside the model's
// constants is reported as an error (and is not enabled).
func (st State) Take(l Label) (State, bool, error) {
	c := st.cfg
	if l.Heap < 1 || int(l.Heap) > c.Heaps {
		return st, false, fmt.Errorf("spec: %v: heap %v is not in Heaps (h1..h%d)", l, l.Heap, c.Heaps)
	}
	if _, needSlab := bySlab[l.Action]; needSlab && (l.Slab < 1 || int(l.Slab) > c.Slabs) {
		return st, false, fmt.Errorf("spec: %v: slab %v is not in Slabs (s1..s%d)", l, l.Slab, c.Slabs)
	}
	if _, needBlock := byBlock[l.Action]; needBlock && !c.IsBlock(l.Block) {
		return st, false, fmt.Errorf("spec: %v: block %v is not in Blocks (Slabs \\X 1..%d)", l, l.Block, c.Cap)
	}
	if take, ok := byHeap[l.Action]; ok {
		n, ok := take(st, l.Heap)
		return n, ok, nil
	}
	if take, ok := bySlab[l.Action]; ok {
		n, ok := take(st, l.Heap, l.Slab)
		return n, ok, nil
	}
	if take, ok := byBlock[l.Action]; ok {
		n, ok := take(st, l.Heap, l.Block)
		return n, ok, nil
	}
	return st, false, fmt.Errorf("spec: unknown action %q (want one of %v)", l.Action, Actions)
}

// bySlab and byBlock map the actions that also take a slab, or a block, to
// their steps.
var (
	bySlab  = map[string]func(State, Heap, Slab) (State, bool){ActAcquireSlab: State.AcquireSlab, ActAdopt: State.Adopt}
	byBlock = map[string]func(State, Heap, Block) (State, bool){ActFreeLocal: State.FreeLocal, ActFreeRemote: State.FreeRemote,
		ActFreeToBatch: State.FreeToBatch}
)

// byHeap maps the actions whose only parameter is the heap to their steps.
var byHeap = map[string]func(State, Heap) (State, bool){
	ActAlloc: State.Alloc, ActDrainRead: State.DrainRead, ActDrainRemote: State.DrainRemote,
	ActPopFreelist: State.PopFreelist, ActLinearCarve: State.LinearCarve, ActSpliceToSll: State.SpliceToSll,
	ActRetireSlab: State.RetireSlab, ActFreeRemoteCas: State.FreeRemoteCas, ActHeapExit: State.HeapExit,
	ActFreeRemoteBatch: State.FreeRemoteBatch, ActFreeRemoteBatchCas: State.FreeRemoteBatchCas,
}

// Refill is Refill(h) == DrainRead(h) \/ DrainRemote(h) \/ PopFreelist(h) \/
// LinearCarve(h) \/ SpliceToSll(h): the one step of a refill heap h can take
// now (its Phase decides which), and false when none is enabled.
//
// spec: Allocator!Refill
func (st State) Refill(h Heap) (Step, bool) {
	for _, a := range []string{ActDrainRead, ActDrainRemote, ActPopFreelist, ActLinearCarve, ActSpliceToSll} {
		l := Label{Action: a, Heap: h}
		if n, ok, _ := st.Take(l); ok {
			return Step{l, n}, true
		}
	}
	return Step{}, false
}

// Enabled lists the enabled action instances of heap h, in the order Next
// lists them: Alloc, the refill steps, AcquireSlab(h, s) for each slab,
// RetireSlab, FreeLocal(h, b) and FreeRemote(h, b) for each block (in
// BlockIndex order), FreeRemoteCas, FreeToBatch(h, b) for each block,
// FreeRemoteBatch, FreeRemoteBatchCas, HeapExit, Adopt(h, s) for each slab.
func (st State) Enabled(h Heap) []Step {
	var out []Step
	try := func(l Label) {
		if n, ok, _ := st.Take(l); ok {
			out = append(out, Step{l, n})
		}
	}
	c := st.cfg
	for _, a := range []string{ActAlloc, ActDrainRead, ActDrainRemote, ActPopFreelist, ActLinearCarve, ActSpliceToSll} {
		try(Label{Action: a, Heap: h})
	}
	for s := 1; s <= c.Slabs; s++ {
		try(Label{Action: ActAcquireSlab, Heap: h, Slab: Slab(s)})
	}
	try(Label{Action: ActRetireSlab, Heap: h})
	for i := 0; i < c.NB(); i++ {
		try(Label{Action: ActFreeLocal, Heap: h, Block: c.BlockAt(i)})
	}
	for i := 0; i < c.NB(); i++ {
		try(Label{Action: ActFreeRemote, Heap: h, Block: c.BlockAt(i)})
	}
	try(Label{Action: ActFreeRemoteCas, Heap: h})
	for i := 0; i < c.NB(); i++ {
		try(Label{Action: ActFreeToBatch, Heap: h, Block: c.BlockAt(i)})
	}
	try(Label{Action: ActFreeRemoteBatch, Heap: h})
	try(Label{Action: ActFreeRemoteBatchCas, Heap: h})
	try(Label{Action: ActHeapExit, Heap: h})
	for s := 1; s <= c.Slabs; s++ {
		try(Label{Action: ActAdopt, Heap: h, Slab: Slab(s)})
	}
	return out
}

// Successors lists every step of Next from st: Enabled(h) for h1, h2, ...
// A step can lead back to st (TLC counts it, and it is not a new state).
func (st State) Successors() []Step {
	var out []Step
	for h := 1; h <= st.cfg.Heaps; h++ {
		out = append(out, st.Enabled(Heap(h))...)
	}
	return out
}
