package linearize

import (
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/go-cmp/cmp"
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
// heap's Sll, SllCount and Current, and the set of blocks in the user's
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
}

type heldBlock struct {
	b   []byte
	blk spec.Block
}

const reclaimHeapID = ^uint32(0)

// lockstepOptions are the allocator options of the model-based tests: the
// TLA+ model's constants (3 blocks per slab, batch 2, SllMax 2) and a refill
// that starts with one block still cached (LowWater 1), so every action
// (splice onto a non-empty Sll, retire, orphan, adopt, reclaim) happens
// within a few operations.
func lockstepOptions() impl.Options {
	return impl.Options{SlabSize: 4096, SlabBlocks: 3, Batch: 2, SllMax: 2, LowWater: 1, SlabsPerSuperslab: 2}
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
	cfg := spec.Config{Heaps: nheaps + 1, Slabs: superslabs * perSS, SuperSlabs: superslabs,
		Cap: capacity, Batch: batch, SllMax: sllMax, Bug: spec.BugNone}
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

// reclaim mirrors Allocator.reclaimSlab: the reclaim heap adopts orphan s
// when its remote stack holds all its used blocks (or when forced, by
// Trim), then retires it (Used = 0) or orphans it again (HeapExit).
func (m *lockstep) reclaim(s spec.Slab, force bool) error {
	for range 4 {
		if !force && len(m.st.List(m.st.Remote[s])) != m.st.Used[s] {
			return nil
		}
		force = false
		if !m.orphaned(s) {
			return nil
		}
		if err := m.take(spec.Label{Action: spec.ActAdopt, Heap: m.R, Slab: s}); err != nil {
			return err
		}
		if m.st.Used[s] == 0 {
			return m.take(spec.Label{Action: spec.ActRetireSlab, Heap: m.R})
		}
		if err := m.take(spec.Label{Action: spec.ActHeapExit, Heap: m.R}); err != nil {
			return err
		}
	}
	return nil
}

// refill is the four steps of Refill on the model.
func (m *lockstep) refill(h spec.Heap) error {
	for _, a := range []string{spec.ActDrainRemote, spec.ActPopFreelist, spec.ActLinearCarve, spec.ActSpliceToSll} {
		if err := m.take(spec.Label{Action: a, Heap: h}); err != nil {
			return err
		}
	}
	return nil
}

// alloc: Alloc on the heap in slot i.
func (m *lockstep) alloc(i int) error {
	m.steps = m.steps[:0]
	b, err := m.heaps[i].Alloc(m.size)
	if err != nil {
		return fmt.Errorf("impl: Alloc(%d) failed: %v", m.size, err)
	}
	got, err := m.locate(b)
	if err != nil {
		return err
	}
	want, err := m.modelAlloc(i, func() (spec.Slab, error) { return m.implCurrent(i) })
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("impl handed out %v, the model's Alloc pops %v", got, want)
	}
	m.held = append(m.held, heldBlock{b: b, blk: got})
	return nil
}

func (m *lockstep) locate(b []byte) (spec.Block, error) {
	ref, err := m.a.Locate(b)
	if err != nil {
		return spec.Block{}, fmt.Errorf("impl: Alloc returned a block Locate does not know: %v", err)
	}
	return m.block(ref)
}

// modelAlloc takes the spec steps of the implementation's Alloc on the
// heap of slot i and returns the block the model hands out. choose gives
// the slab the implementation took when the heap needs one (AcquireSlab
// or Adopt: the spec's guard then judges the choice).
func (m *lockstep) modelAlloc(i int, choose func() (spec.Slab, error)) (spec.Block, error) {
	h := spec.Heap(i + 1)
	if m.st.SllCount[h] <= m.low {
		for tries := 0; ; tries++ {
			if tries == 3 {
				return spec.Block{}, fmt.Errorf("model: no block after %d refills", tries)
			}
			if m.st.Current[h] == spec.NilSlab {
				s, err := choose()
				if err != nil {
					return spec.Block{}, err
				}
				act := spec.ActAcquireSlab
				if m.orphaned(s) {
					act = spec.ActAdopt
				}
				if err := m.take(spec.Label{Action: act, Heap: h, Slab: s}); err != nil {
					return spec.Block{}, err
				}
			}
			if err := m.refill(h); err != nil {
				return spec.Block{}, err
			}
			if m.st.SllCount[h] > 0 {
				break
			}
			if err := m.retire(h); err != nil {
				return spec.Block{}, err
			}
		}
	}
	want := m.st.Sll[h]
	return want, m.take(spec.Label{Action: spec.ActAlloc, Heap: h})
}

func (m *lockstep) retire(h spec.Heap) error {
	s := m.st.Current[h]
	if err := m.take(spec.Label{Action: spec.ActRetireSlab, Heap: h}); err != nil {
		return err
	}
	if m.orphaned(s) {
		return m.reclaim(s, false)
	}
	return nil
}

// free: the heap in slot i frees held block k (local or remote, as the
// block's slab's owner decides).
func (m *lockstep) free(i, k int) error {
	m.steps = m.steps[:0]
	hb := m.held[k]
	m.held = append(m.held[:k], m.held[k+1:]...)
	if err := m.heaps[i].Free(hb.b); err != nil {
		return fmt.Errorf("impl: Free of %v, a block in the user's hands, refused: %v", hb.blk, err)
	}
	return m.modelFree(i, hb.blk)
}

// modelFree takes the spec steps of the implementation's Free of blk on
// the heap of slot i.
func (m *lockstep) modelFree(i int, blk spec.Block) error {
	h, s := spec.Heap(i+1), blk.Slab
	if m.st.Owner[s] == h {
		return m.take(spec.Label{Action: spec.ActFreeLocal, Heap: h, Block: blk})
	}
	if err := m.take(spec.Label{Action: spec.ActFreeRemote, Heap: h, Block: blk}); err != nil {
		return err
	}
	if err := m.take(spec.Label{Action: spec.ActFreeRemoteCas, Heap: h}); err != nil {
		return err
	}
	if m.st.Pending[h].Blk != spec.NilBlock {
		return fmt.Errorf("model: the CAS of a sequential push failed")
	}
	if m.orphaned(s) {
		return m.reclaim(s, false)
	}
	return nil
}

// errSkip: a concurrent operation was asked for in a state where its
// outcome would not be determined by the order of its parts alone.
var errSkip = errors.New("not applicable in this state")

// racingCandidates lists (at most 2) held blocks of the slab the heap of
// slot i allocates from: the blocks allocRacingFrees may free.
func (m *lockstep) racingCandidates(i int) []int {
	var ks []int
	for x, hb := range m.held {
		if hb.blk.Slab == m.st.Current[i+1] && len(ks) < 2 {
			ks = append(ks, x)
		}
	}
	return ks
}

// allocRacingFrees runs, at the same time, an Alloc on the heap of slot i
// and Frees through the heap of slot k (k != i) of held blocks ks, all of
// the slab heap i allocates from: remote pushes racing the owner's refill
// (its drain). Each push is one atomic step before or after the drain's
// exchange, so the outcome must be that of one of the len(ks)+1 orders
// "first j frees, the Alloc, the other frees" (the frees are in program
// order). The model computes all of them; the implementation's state and
// the block it handed out must match one. The operation is skipped
// (errSkip) when the Alloc would retire or change the heap's slab (the
// outcome would depend on more than that order).
//
// With oneP the race runs with GOMAXPROCS 1: goroutines then switch only
// where one blocks or yields, so a yield inside the Alloc hands the
// processor to the pushing goroutine (with 2 Ps the pushes land wherever
// the two processors' timing puts them).
func (m *lockstep) allocRacingFrees(i, k int, ks []int, oneP bool) error {
	m.steps = m.steps[:0]
	h := spec.Heap(i + 1)
	s := m.st.Current[h]
	if s == spec.NilSlab || i == k {
		return errSkip
	}
	var frees []heldBlock
	for _, x := range ks {
		if m.held[x].blk.Slab != s {
			return errSkip
		}
		frees = append(frees, m.held[x])
	}
	type outcome struct {
		st    spec.State
		blk   spec.Block
		steps []string
	}
	base, outs := m.st, []outcome(nil)
	noChoice := func() (spec.Slab, error) { return 0, errSkip }
	for j := 0; j <= len(frees); j++ {
		m.st, m.steps = base, nil
		var blk spec.Block
		err := func() error {
			for _, f := range frees[:j] {
				if err := m.modelFree(k, f.blk); err != nil {
					return err
				}
			}
			var err error
			if blk, err = m.modelAlloc(i, noChoice); err != nil {
				return err
			}
			if m.st.Current[h] != s {
				return errSkip
			}
			for _, f := range frees[j:] {
				if err := m.modelFree(k, f.blk); err != nil {
					return err
				}
			}
			return nil
		}()
		if err != nil {
			m.st, m.steps = base, nil
			return err
		}
		outs = append(outs, outcome{m.st, blk, m.steps})
	}
	m.st, m.steps = base, nil

	var (
		wg      sync.WaitGroup
		go1     atomic.Int32
		b       []byte
		aerr    error
		ferrs   = make([]error, len(frees))
		ready   atomic.Int32
		release = func() {
			ready.Add(1)
			for go1.Load() == 0 {
				runtime.Gosched()
			}
		}
	)
	doAlloc := func() { defer wg.Done(); b, aerr = m.heaps[i].Alloc(m.size) }
	doFrees := func() {
		defer wg.Done()
		for x, f := range frees {
			ferrs[x] = m.heaps[k].Free(f.b)
		}
	}
	wg.Add(2)
	if oneP {
		// One P: the goroutine started last runs first (it takes the
		// scheduler's runnext slot), so the Alloc starts and the pusher
		// waits in the run queue until the Alloc blocks or yields.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
		go doFrees()
		go doAlloc()
	} else {
		go func() { release(); doAlloc() }()
		go func() { release(); doFrees() }()
		for ready.Load() < 2 {
			runtime.Gosched()
		}
		go1.Store(1)
	}
	wg.Wait()

	// The user's hands now: the freed blocks left, the allocated came.
	gone := map[spec.Block]bool{}
	for _, f := range frees {
		gone[f.blk] = true
	}
	kept := m.held[:0]
	for _, hb := range m.held {
		if !gone[hb.blk] {
			kept = append(kept, hb)
		}
	}
	m.held = kept
	for x, err := range ferrs {
		if err != nil {
			return fmt.Errorf("impl: Free of %v through h%d (racing h%d.Alloc) refused: %v", frees[x].blk, k+1, i+1, err)
		}
	}
	if aerr != nil {
		return fmt.Errorf("impl: h%d.Alloc (racing frees) failed: %v", i+1, aerr)
	}
	got, err := m.locate(b)
	if err != nil {
		return err
	}
	m.held = append(m.held, heldBlock{b: b, blk: got})
	iv, err := m.implView()
	if err != nil {
		return err
	}
	var diffs []string
	for j, o := range outs {
		m.st = o.st
		d := cmp.Diff(m.modelView(), iv)
		if d == "" && o.blk == got {
			m.steps = o.steps
			if m.cover != nil {
				m.cover[fmt.Sprintf("AllocRacingFrees: %d of %d frees first", j, len(frees))]++
			}
			return nil
		}
		if o.blk != got {
			d = fmt.Sprintf("the model's Alloc pops %v, impl handed out %v\n", o.blk, got) + d
		}
		diffs = append(diffs, fmt.Sprintf("order %d (%d frees, Alloc, %d frees: %s) (-model +impl):\n%s",
			j+1, j, len(frees)-j, strings.Join(o.steps, ", "), d))
	}
	m.st = base
	return fmt.Errorf("h%d.Alloc racing %d remote frees through h%d: the implementation's state is none of the %d the spec allows:\n%s",
		i+1, len(frees), k+1, len(outs), strings.Join(diffs, "\n"))
}

// closeHeap: the heap in slot i closes (HeapExit) and, when reopen, a new
// heap takes its slot (the spec's heap is used again).
func (m *lockstep) closeHeap(i int, reopen bool) error {
	m.steps = m.steps[:0]
	m.heaps[i].Close()
	if reopen {
		m.heaps[i] = m.a.NewHeap()
	}
	h := spec.Heap(i + 1)
	if s := m.st.Current[h]; s != spec.NilSlab {
		if err := m.take(spec.Label{Action: spec.ActHeapExit, Heap: h}); err != nil {
			return err
		}
		return m.reclaim(s, false)
	}
	return nil
}

// trim: Allocator.Trim reclaims every orphan.
func (m *lockstep) trim() error {
	m.steps = m.steps[:0]
	m.a.Trim()
	for s := 1; s <= m.st.Config().Slabs; s++ {
		if m.orphaned(spec.Slab(s)) {
			if err := m.reclaim(spec.Slab(s), true); err != nil {
				return err
			}
		}
	}
	return nil
}

// view is the state both sides must agree on, keyed by the spec's names.
type view struct {
	Slabs       map[string]slabView
	TotalActive map[string]int64
	Heaps       map[string]heapView
	InUse       []string
}

type slabView struct {
	Carved, Used     int
	Owner            string
	Freelist, Remote []int // block indices, head first
}

type heapView struct {
	Current  string
	Sll      []string
	SllCount int
}

func (m *lockstep) heapName(h spec.Heap) string {
	if h == m.R {
		return "reclaim"
	}
	return h.String()
}

func indices(l []spec.Block) []int {
	out := []int{}
	for _, b := range l {
		out = append(out, b.Index)
	}
	return out
}

// modelView is the model's state as a view.
func (m *lockstep) modelView() view {
	st := m.st
	c := st.Config()
	v := view{Slabs: map[string]slabView{}, TotalActive: map[string]int64{}, Heaps: map[string]heapView{}, InUse: []string{}}
	for s := 1; s <= c.Slabs; s++ {
		if st.Carved[s] == 0 && st.Owner[s] == spec.NilHeap {
			continue
		}
		v.Slabs[spec.Slab(s).String()] = slabView{Carved: st.Carved[s], Used: st.Used[s], Owner: m.ownerName(st.Owner[s]),
			Freelist: indices(st.List(st.Freelist[s])), Remote: indices(st.List(st.Remote[s]))}
	}
	for _, ss := range m.ssOf {
		v.TotalActive[ss.String()] = int64(st.TotalActive[ss])
	}
	for h := 1; h <= c.Heaps; h++ {
		hv := heapView{Current: st.Current[h].String(), SllCount: st.SllCount[h], Sll: []string{}}
		for _, b := range st.List(st.Sll[h]) {
			hv.Sll = append(hv.Sll, b.String())
		}
		v.Heaps[m.heapName(spec.Heap(h))] = hv
	}
	for _, b := range st.InUseBlocks() {
		v.InUse = append(v.InUse, b.String())
	}
	sort.Strings(v.InUse)
	return v
}

func (m *lockstep) ownerName(h spec.Heap) string {
	if h == spec.NilHeap {
		return "Nil"
	}
	return m.heapName(h)
}

// implView is what the implementation holds (Inspect: lists walked,
// counters), in the model's names.
func (m *lockstep) implView() (view, error) {
	snap := m.a.Inspect(m.class)
	v := view{Slabs: map[string]slabView{}, TotalActive: map[string]int64{}, Heaps: map[string]heapView{}, InUse: []string{}}
	slot := map[uint32]spec.Heap{reclaimHeapID: m.R}
	for i, h := range m.heaps {
		slot[h.ID()] = spec.Heap(i + 1)
	}
	for _, s := range snap.Slabs {
		ms, err := m.slab(s.ID)
		if err != nil {
			return v, err
		}
		owner := "Nil"
		if s.Owner != 0 {
			if h, ok := slot[s.Owner]; ok {
				owner = m.heapName(h)
			} else {
				owner = fmt.Sprintf("unknown heap id %d", s.Owner)
			}
		}
		v.Slabs[ms.String()] = slabView{Carved: s.Carved, Used: s.Used, Owner: owner,
			Freelist: append([]int{}, s.Freelist...), Remote: append([]int{}, s.Remote...)}
	}
	for _, ss := range snap.Superslabs {
		n := ss.TotalActive - ss.UsedOtherClasses
		if mss, ok := m.ssOf[ss.Index]; ok {
			v.TotalActive[mss.String()] = n
		} else if n != 0 {
			v.TotalActive[fmt.Sprintf("impl superslab %d (no slab of the class seen)", ss.Index)] = n
		}
	}
	// The reclaim heap owns nothing between operations; Inspect does not
	// list it.
	v.Heaps["reclaim"] = heapView{Current: "Nil", Sll: []string{}}
	for _, h := range snap.Heaps {
		name := fmt.Sprintf("unknown heap id %d", h.ID)
		if mh, ok := slot[h.ID]; ok {
			name = m.heapName(mh)
		}
		hv := heapView{Current: "Nil", SllCount: h.SllCount, Sll: []string{}}
		if h.Current != nil {
			s, err := m.slab(*h.Current)
			if err != nil {
				return v, err
			}
			hv.Current = s.String()
		}
		for _, r := range h.Sll {
			if r.Index < 0 {
				hv.Sll = append(hv.Sll, "not a block")
				continue
			}
			b, err := m.block(r)
			if err != nil {
				return v, err
			}
			hv.Sll = append(hv.Sll, b.String())
		}
		v.Heaps[name] = hv
	}
	for _, hb := range m.held {
		v.InUse = append(v.InUse, hb.blk.String())
	}
	sort.Strings(v.InUse)
	return v, nil
}

// compare checks the model's invariants and that both sides agree; the
// error names the spec actions of the last operation and the difference.
func (m *lockstep) compare() error {
	if err := m.st.CheckInvariants(); err != nil {
		return fmt.Errorf("the model violates the spec's invariants after %s: %v", strings.Join(m.steps, ", "), err)
	}
	if err := m.a.Err(); err != nil {
		return fmt.Errorf("the implementation recorded corruption after %s: %v", strings.Join(m.steps, ", "), err)
	}
	iv, err := m.implView()
	if err != nil {
		return err
	}
	if d := cmp.Diff(m.modelView(), iv); d != "" {
		return fmt.Errorf("implementation and model differ after the spec steps %s (-model +impl):\n%s",
			strings.Join(m.steps, ", "), d)
	}
	return nil
}
