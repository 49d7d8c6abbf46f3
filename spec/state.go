package spec

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// Phase is where a heap is inside a Refill (Allocator.tla: Phases).
type Phase string

const (
	PhaseIdle    Phase = "idle"
	PhaseReading Phase = "reading" // only with Bug = "B4": between DrainRead and DrainRemote
	PhaseDrained Phase = "drained"
	PhasePopped  Phase = "popped"
	PhaseCarved  Phase = "carved"
)

// Phases lists the values of Phase in the order the spec writes them.
var Phases = []Phase{PhaseIdle, PhaseReading, PhaseDrained, PhasePopped, PhaseCarved}

// ChainRec is a value of Chain[h]: [head, tail, count].
type ChainRec struct {
	Head, Tail Block
	Count      int
}

// PendingRec is a value of Pending[h]: [blk, seen].
type PendingRec struct {
	Blk, Seen Block
}

// BatchRec is a value of LocalBatch[h]: [slab, head, tail, count, seen,
// pushing]: a heap's local batch of remote frees for one slab and, while
// Pushing, the remote head its flush read.
type BatchRec struct {
	Slab       Slab
	Head, Tail Block
	Count      int
	Seen       Block
	Pushing    bool
}

// NoChain, NoPending and NoBatch are the values of the same names in the spec.
var (
	NoChain   = ChainRec{}
	NoPending = PendingRec{}
	NoBatch   = BatchRec{}
)

// State is one state of Allocator.tla: one field per VARIABLE, with the same
// name (next is Next, as Go exports only capitalised names).
//
// Per-slab, per-superslab and per-heap variables are slices indexed by the
// slab, superslab or heap number, 1-based: Freelist[s] for s in 1..Slabs;
// element 0 is unused and always zero. Per-block variables (Next, InUse) are
// indexed by Config.BlockIndex(b).
//
// A State is a value: actions never modify the State they are called on, they
// return a new one. Make States with Init or NewState (the zero State has no
// Config and its methods panic). Two States of the same Config are the same TLA+ state iff
// their Keys are equal.
type State struct {
	cfg *Config

	Next        []Block      // next[b]: the intrusive next pointer of block b
	Freelist    []Block      // Freelist[s]: head of slab s's freelist
	Remote      []Block      // Remote[s]: head of slab s's remote-free stack
	RemoteCount []int        // RemoteCount[s]: the stack's length, packed with its head
	Carved      []int        // Carved[s]: blocks <<s,1>>..<<s,Carved[s]>> are carved
	Used        []int        // Used[s]: carved blocks of s not on its freelist
	Owner       []Heap       // Owner[s]: the owning heap or NilHeap
	TotalActive []int        // TotalActive[ss]: the superslab's active count
	Sll         []Block      // Sll[h]: head of heap h's cache list
	SllCount    []int        // SllCount[h]: the length heap h believes its Sll has
	Current     []Slab       // Current[h]: the slab heap h allocates from, or NilSlab
	Phase       []Phase      // Phase[h]: where heap h is inside a Refill
	Chain       []ChainRec   // Chain[h]: the batch a Refill is building
	Pending     []PendingRec // Pending[h]: a remote push in progress
	LocalBatch  []BatchRec   // LocalBatch[h]: heap h's batch of remote frees and its push
	InUse       []bool       // InUse[BlockIndex(b)]: b is in the users' hands
	Drained     []Block      // Drained[h]: the head read by a non-atomic drain (Bug "B4")
}

// Init is the initial state of Allocator.tla for cfg (its Init predicate
// has exactly one state). It panics if cfg is not valid: use NewState for a
// configuration that comes from a user.
//
// spec: Allocator!Init
func Init(cfg Config) State {
	st, err := NewState(cfg)
	if err != nil {
		panic(err)
	}
	return st
}

// NewState is Init that reports an invalid configuration (Config.Validate)
// as an error instead of panicking.
func NewState(cfg Config) (State, error) {
	if err := cfg.Validate(); err != nil {
		return State{}, err
	}
	c := cfg.WithBug(cfg.Bug) // a private copy: States share it read-only
	st := State{
		cfg:         &c,
		Next:        make([]Block, c.NB()),
		Freelist:    make([]Block, c.Slabs+1),
		Remote:      make([]Block, c.Slabs+1),
		RemoteCount: make([]int, c.Slabs+1),
		Carved:      make([]int, c.Slabs+1),
		Used:        make([]int, c.Slabs+1),
		Owner:       make([]Heap, c.Slabs+1),
		TotalActive: make([]int, c.SuperSlabs+1),
		Sll:         make([]Block, c.Heaps+1),
		SllCount:    make([]int, c.Heaps+1),
		Current:     make([]Slab, c.Heaps+1),
		Phase:       make([]Phase, c.Heaps+1),
		Chain:       make([]ChainRec, c.Heaps+1),
		Pending:     make([]PendingRec, c.Heaps+1),
		LocalBatch:  make([]BatchRec, c.Heaps+1),
		InUse:       make([]bool, c.NB()),
		Drained:     make([]Block, c.Heaps+1),
	}
	for h := 1; h <= c.Heaps; h++ {
		st.Phase[h] = PhaseIdle
	}
	return st, nil
}

// Config is the configuration the state belongs to (do not modify it).
func (st State) Config() *Config { return st.cfg }

// Clone returns a deep copy of st.
func (st State) Clone() State {
	return State{
		cfg:         st.cfg,
		Next:        clone(st.Next),
		Freelist:    clone(st.Freelist),
		Remote:      clone(st.Remote),
		RemoteCount: clone(st.RemoteCount),
		Carved:      clone(st.Carved),
		Used:        clone(st.Used),
		Owner:       clone(st.Owner),
		TotalActive: clone(st.TotalActive),
		Sll:         clone(st.Sll),
		SllCount:    clone(st.SllCount),
		Current:     clone(st.Current),
		Phase:       clone(st.Phase),
		Chain:       clone(st.Chain),
		Pending:     clone(st.Pending),
		LocalBatch:  clone(st.LocalBatch),
		InUse:       clone(st.InUse),
		Drained:     clone(st.Drained),
	}
}

func clone[T any](s []T) []T { return append(make([]T, 0, len(s)), s...) }

// NextOf is next[b] (Nil for b = Nil, which the spec never asks for).
func (st State) NextOf(b Block) Block {
	if b == NilBlock {
		return NilBlock
	}
	return st.Next[st.cfg.BlockIndex(b)]
}

// IsInUse is b \in InUse.
func (st State) IsInUse(b Block) bool {
	return st.cfg.IsBlock(b) && st.InUse[st.cfg.BlockIndex(b)]
}

// InUseBlocks lists InUse in BlockIndex order.
func (st State) InUseBlocks() []Block {
	var out []Block
	for i, u := range st.InUse {
		if u {
			out = append(out, st.cfg.BlockAt(i))
		}
	}
	return out
}

// List is List(p) of the spec: the walk from p along next, at most NB + 1
// blocks long (a cyclic list, a bug, has NB + 1 entries).
func (st State) List(p Block) []Block { return st.Walk(p, st.cfg.NB()+1) }

// Idle is Idle(h): heap h is inside no refill and no remote push.
func (st State) Idle(h Heap) bool {
	return st.Phase[h] == PhaseIdle && st.Pending[h].Blk == NilBlock && !st.LocalBatch[h].Pushing
}

// Walk is Walk(p, fuel): the walk from p along next, at most fuel blocks.
func (st State) Walk(p Block, fuel int) []Block {
	var out []Block
	for ; p != NilBlock && fuel > 0; fuel-- {
		if !st.cfg.IsBlock(p) {
			break // not in the spec's domain: TypeOK reports it
		}
		out = append(out, p)
		p = st.Next[st.cfg.BlockIndex(p)]
	}
	return out
}

// BatchList is BatchList(h): the blocks of heap h's local batch, head
// first (Walk of count blocks: while its push is in flight the tail links
// to the remote head it read).
func (st State) BatchList(h Heap) []Block {
	return st.Walk(st.LocalBatch[h].Head, st.LocalBatch[h].Count)
}

// Key is a canonical encoding of the state: two States of one Config are
// the same TLA+ state iff their Keys are equal. It is compact (a few bytes a
// variable) and meant for map keys, not for people; see String.
func (st State) Key() string {
	b := make([]byte, 0, 8*(len(st.Next)+4*len(st.Freelist)+8*len(st.Sll)))
	blk := func(x Block) { b = binary.AppendVarint(b, int64(x.Slab)); b = binary.AppendVarint(b, int64(x.Index)) }
	num := func(n int) { b = binary.AppendVarint(b, int64(n)) }
	for _, x := range st.Next {
		blk(x)
	}
	for s := 1; s <= st.cfg.Slabs; s++ {
		blk(st.Freelist[s])
		blk(st.Remote[s])
		num(st.RemoteCount[s])
		num(st.Carved[s])
		num(st.Used[s])
		num(int(st.Owner[s]))
	}
	for ss := 1; ss <= st.cfg.SuperSlabs; ss++ {
		num(st.TotalActive[ss])
	}
	for h := 1; h <= st.cfg.Heaps; h++ {
		blk(st.Sll[h])
		num(st.SllCount[h])
		num(int(st.Current[h]))
		if pc := phaseCode(st.Phase[h]); pc >= 0 {
			num(pc)
		} else { // not a Phase (TypeOK fails): keep it distinct anyway
			num(-1)
			b = append(b, st.Phase[h]...)
			b = append(b, 0)
		}
		blk(st.Chain[h].Head)
		blk(st.Chain[h].Tail)
		num(st.Chain[h].Count)
		blk(st.Pending[h].Blk)
		blk(st.Pending[h].Seen)
		q := st.LocalBatch[h]
		num(int(q.Slab))
		blk(q.Head)
		blk(q.Tail)
		num(q.Count)
		blk(q.Seen)
		if q.Pushing {
			num(1)
		} else {
			num(0)
		}
		blk(st.Drained[h])
	}
	for _, u := range st.InUse {
		if u {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return string(b)
}

// phaseCode numbers the phases for Key; anything else (not a Phase) is -1.
func phaseCode(p Phase) int {
	for i, q := range Phases {
		if p == q {
			return i
		}
	}
	return -1
}

// Equal reports whether st and o are the same state.
func (st State) Equal(o State) bool { return st.Key() == o.Key() }

// VarNames are the VARIABLES of Allocator.tla in declaration order.
var VarNames = []string{"next", "Freelist", "Remote", "RemoteCount", "Carved", "Used", "Owner", "TotalActive",
	"Sll", "SllCount", "Current", "Phase", "Chain", "Pending", "LocalBatch", "InUse", "Drained"}

// Vars renders each variable's value in TLC's syntax, in VarNames order:
// functions as (k1 :> v1 @@ k2 :> v2) with the domain in order h1, h2 / s1, s2 /
// <<s1, 1>>, <<s1, 2>>, ..., records with fields in the order the spec writes
// them, strings quoted, model values bare.
func (st State) Vars() []string {
	c := st.cfg
	heaps := func(f func(h Heap) string) string {
		parts := make([]string, c.Heaps)
		for h := 1; h <= c.Heaps; h++ {
			parts[h-1] = Heap(h).String() + " :> " + f(Heap(h))
		}
		return "(" + strings.Join(parts, " @@ ") + ")"
	}
	slabs := func(f func(s Slab) string) string {
		parts := make([]string, c.Slabs)
		for s := 1; s <= c.Slabs; s++ {
			parts[s-1] = Slab(s).String() + " :> " + f(Slab(s))
		}
		return "(" + strings.Join(parts, " @@ ") + ")"
	}
	num := func(n int) string { return fmt.Sprint(n) }
	next := make([]string, c.NB())
	for i, x := range st.Next {
		next[i] = c.BlockAt(i).String() + " :> " + x.String()
	}
	ta := make([]string, c.SuperSlabs)
	for ss := 1; ss <= c.SuperSlabs; ss++ {
		ta[ss-1] = SuperSlab(ss).String() + " :> " + num(st.TotalActive[ss])
	}
	inUse := make([]string, 0)
	for _, b := range st.InUseBlocks() {
		inUse = append(inUse, b.String())
	}
	return []string{
		"(" + strings.Join(next, " @@ ") + ")",
		slabs(func(s Slab) string { return st.Freelist[s].String() }),
		slabs(func(s Slab) string { return st.Remote[s].String() }),
		slabs(func(s Slab) string { return num(st.RemoteCount[s]) }),
		slabs(func(s Slab) string { return num(st.Carved[s]) }),
		slabs(func(s Slab) string { return num(st.Used[s]) }),
		slabs(func(s Slab) string { return st.Owner[s].String() }),
		"(" + strings.Join(ta, " @@ ") + ")",
		heaps(func(h Heap) string { return st.Sll[h].String() }),
		heaps(func(h Heap) string { return num(st.SllCount[h]) }),
		heaps(func(h Heap) string { return st.Current[h].String() }),
		heaps(func(h Heap) string { return fmt.Sprintf("%q", string(st.Phase[h])) }),
		heaps(func(h Heap) string {
			ch := st.Chain[h]
			return fmt.Sprintf("[head |-> %v, tail |-> %v, count |-> %d]", ch.Head, ch.Tail, ch.Count)
		}),
		heaps(func(h Heap) string {
			p := st.Pending[h]
			return fmt.Sprintf("[blk |-> %v, seen |-> %v]", p.Blk, p.Seen)
		}),
		heaps(func(h Heap) string {
			q := st.LocalBatch[h]
			return fmt.Sprintf("[slab |-> %v, head |-> %v, tail |-> %v, count |-> %d, seen |-> %v, pushing |-> %s]",
				q.Slab, q.Head, q.Tail, q.Count, q.Seen, tlaBool(q.Pushing))
		}),
		"{" + strings.Join(inUse, ", ") + "}",
		heaps(func(h Heap) string { return st.Drained[h].String() }),
	}
}

// String renders the state as TLC prints a state in a trace: one line
// "/\ var = value" per variable, in declaration order.
func (st State) String() string {
	var b strings.Builder
	for i, v := range st.Vars() {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "/\\ %s = %s", VarNames[i], v)
	}
	return b.String()
}

// tlaBool prints a boolean as TLA+ does.
func tlaBool(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}
