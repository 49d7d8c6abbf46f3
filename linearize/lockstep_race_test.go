package linearize

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/go-cmp/cmp"
	"github.com/veralloc/veralloc/spec"
)

// The race harness: an Alloc racing remote frees, checked against every
// order of its parts that the spec allows.

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
