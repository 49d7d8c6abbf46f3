package linearize

import (
	"fmt"

	"github.com/veralloc/veralloc/impl"
	"github.com/veralloc/veralloc/spec"
)

// lockstep drives real heaps of one allocator (one size class) and the
// protocol machine of spec/ (tla/Allocator.tla) side by side, one user
// operation at a time. A user operation of the implementation (Alloc, Free,
// Close, Trim) is several spec actions; lockstep takes them on the model in
// the order the implementation runs them (impl/README.md, "The protocol,
// action by action"), each through the spec's own guard, so an
// implementation step the spec does not allow fails. Where the spec leaves
// a choice — which fresh slab AcquireSlab takes, which orphan Adopt takes —
// the choice is read off the implementation (its heap's current slab after
// the operation) and then checked by the action's guard. After every
// operation view() of both sides must be equal: every slab's Carved, Used,
// Owner, freelist and remote stack, every superslab's TotalActive, every
// heap's Sll, SllCount, Current and local batch of remote frees, and the set of blocks in the user's
// hands; and the model must satisfy the spec's invariants.
type lockstep struct {
	a     *impl.Allocator
	size  int // request size: every block is of one class
	class int
	low   int // Options.LowWater: a refill starts when SllCount <= low
	heaps []*impl.Heap
	st    spec.State
	R     spec.Heap // the model's heap for the allocator's internal reclaim heap

	perSS    int // slabs per superslab of the implementation
	slabOf   map[impl.SlabID]spec.Slab
	ssOf     map[int]spec.SuperSlab // impl superslab index -> spec superslab
	ssUsed   map[spec.SuperSlab]int // spec slabs of the superslab assigned so far
	nextSS   int
	held     []heldBlock
	steps    []string       // spec actions of the current operation
	allSteps int            // spec actions taken since the start
	cover    map[string]int // spec actions taken, by name (nil: not counted)
	flushWhy string         // why the local batch being pushed is pushed (for cover)
}

type heldBlock struct {
	b   []byte
	blk spec.Block
}

const reclaimHeapID = ^uint32(0)

// lockstepOptions are the allocator options of the model-based tests: the
// TLA+ model's constants (3 blocks per slab, batch 2, SllMax 2, no local
// batches: RemoteBatch 0) and a refill that starts with one block still
// cached (LowWater 1), so every action (splice onto a non-empty Sll,
// retire, orphan, adopt, reclaim) happens within a few operations.
func lockstepOptions() impl.Options {
	return impl.Options{SlabSize: 4096, SlabBlocks: 3, Batch: 2, SllMax: 2, LowWater: 1, SlabsPerSuperslab: 2, RemoteBatch: -1}
}

// lockstepBatchOptions are lockstepOptions with local batches of remote
// frees (tla/MCAllocatorBatch.cfg's RemoteBatch 2): a remote free goes to
// the heap's batch, which is pushed when it holds 2 blocks, when a free of
// another slab comes, when the heap refills and when it closes.
func lockstepBatchOptions() impl.Options {
	o := lockstepOptions()
	o.RemoteBatch = 2
	return o
}

// newLockstep builds an allocator with opts, nheaps heaps and the model.
// superslabs bounds the model's slab universe (the implementation must not
// use more).
func newLockstep(opts impl.Options, size, nheaps, superslabs int) (*lockstep, error) {
	perSS, err := slabsPerSuperslab(opts)
	if err != nil {
		return nil, err
	}
	a, err := impl.New(opts)
	if err != nil {
		return nil, err
	}
	m := &lockstep{a: a, size: size, class: a.ClassOf(size), low: opts.LowWater, perSS: perSS,
		slabOf: map[impl.SlabID]spec.Slab{}, ssOf: map[int]spec.SuperSlab{}, ssUsed: map[spec.SuperSlab]int{}}
	capacity := m.a.Inspect(m.class).Capacity
	// The spec's constants as the allocator resolves its options.
	batch, sllMax := opts.Batch, opts.SllMax
	if batch == 0 {
		batch = 64
	}
	switch {
	case sllMax == 0:
		sllMax = 1024
	case sllMax < 0:
		sllMax = 0
	}
	remoteBatch := opts.RemoteBatch // impl.Options: 0 is the default 32, < 0 no batches
	switch {
	case remoteBatch == 0:
		remoteBatch = 32
	case remoteBatch < 0:
		remoteBatch = 0
	}
	cfg := spec.Config{Heaps: nheaps + 1, Slabs: superslabs * perSS, SuperSlabs: superslabs,
		Cap: capacity, Batch: batch, SllMax: sllMax, RemoteBatch: remoteBatch, Bug: spec.BugNone}
	cfg.SuperOf = make([]spec.SuperSlab, cfg.Slabs+1)
	for s := 1; s <= cfg.Slabs; s++ {
		cfg.SuperOf[s] = spec.SuperSlab((s-1)/perSS + 1)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	m.st = spec.Init(cfg)
	m.R = spec.Heap(nheaps + 1)
	for range nheaps {
		m.heaps = append(m.heaps, a.NewHeap())
	}
	return m, nil
}

// slabsPerSuperslab learns how many slabs a superslab of opts holds, from a
// throw-away allocator.
func slabsPerSuperslab(opts impl.Options) (int, error) {
	a, err := impl.New(opts)
	if err != nil {
		return 0, err
	}
	h := a.NewHeap()
	b, err := h.Alloc(16)
	if err != nil {
		return 0, err
	}
	n := len(a.Stats().Supers[0].Slabs)
	if err := h.Free(b); err != nil {
		return 0, err
	}
	h.Close()
	// The probe's Close error is not this function's business (under a
	// seeded counter bug it fails; the real allocator's checks report it).
	_ = a.Close()
	return n, nil
}

// shutdown frees every held block, closes every heap and the allocator;
// it reports the first error (a refused free or an allocator that still
// counts live blocks).
func (m *lockstep) shutdown() error {
	var first error
	for len(m.held) > 0 {
		if err := m.free(0, 0); err != nil && first == nil {
			first = err
		}
	}
	for i := range m.heaps {
		if err := m.closeHeap(i, false); err != nil && first == nil {
			first = err
		}
		m.heaps[i].Close()
	}
	if err := m.a.Close(); err != nil && first == nil {
		first = fmt.Errorf("Allocator.Close after everything was freed: %v", err)
	}
	return first
}

// take runs one spec action on the model; an action the spec does not
// enable is an error: the implementation took a step the spec forbids.
func (m *lockstep) take(l spec.Label) error {
	n, ok, err := m.st.Take(l)
	if err != nil {
		return err
	}
	m.steps = append(m.steps, l.String())
	m.allSteps++
	if m.cover != nil {
		key := l.Action
		if l.Heap == m.R {
			key += " by the reclaim heap"
		}
		if l.Action == spec.ActSpliceToSll && m.st.Sll[l.Heap] != spec.NilBlock && m.st.Chain[l.Heap].Count > 0 {
			key += " onto a non-empty Sll"
		}
		if l.Action == spec.ActFreeRemoteBatch && m.flushWhy != "" {
			key += " (" + m.flushWhy + ")"
		}
		m.cover[key]++
	}
	if !ok {
		return fmt.Errorf("the spec does not allow %v here (its guard is false in the model state)", l)
	}
	m.st = n
	return nil
}

// slab maps an implementation slab to the model's, assigning spec slabs
// of one superslab to the slabs of one impl superslab.
func (m *lockstep) slab(id impl.SlabID) (spec.Slab, error) {
	if s, ok := m.slabOf[id]; ok {
		return s, nil
	}
	ss, ok := m.ssOf[id.Super]
	if !ok {
		m.nextSS++
		if m.nextSS > m.st.Config().SuperSlabs {
			return 0, fmt.Errorf("the implementation uses more than %d superslabs: enlarge the model", m.st.Config().SuperSlabs)
		}
		ss = spec.SuperSlab(m.nextSS)
		m.ssOf[id.Super] = ss
	}
	if m.ssUsed[ss] == m.perSS {
		return 0, fmt.Errorf("impl superslab %d has more than %d slabs", id.Super, m.perSS)
	}
	s := spec.Slab((int(ss)-1)*m.perSS + m.ssUsed[ss] + 1)
	m.ssUsed[ss]++
	m.slabOf[id] = s
	return s, nil
}

func (m *lockstep) block(r impl.BlockRef) (spec.Block, error) {
	s, err := m.slab(r.Slab)
	return spec.Block{Slab: s, Index: r.Index}, err
}

// implCurrent is the model slab the implementation's heap in slot i
// allocates from now, or NilSlab.
func (m *lockstep) implCurrent(i int) (spec.Slab, error) {
	id := m.heaps[i].ID()
	for _, h := range m.a.Inspect(m.class).Heaps {
		if h.ID == id {
			if h.Current == nil {
				return spec.NilSlab, nil
			}
			return m.slab(*h.Current)
		}
	}
	return spec.NilSlab, fmt.Errorf("heap %d (slot %d) is not listed by Inspect", id, i)
}

func (m *lockstep) orphaned(s spec.Slab) bool {
	return m.st.Owner[s] == spec.NilHeap && m.st.Carved[s] > 0
}
