package linearize

import (
	"fmt"

	"github.com/veralloc/veralloc/spec"
)

// The user operations lockstep drives (Alloc, Free, Close, Trim), each
// mirrored on the model as the spec actions it is made of.

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

// flush mirrors Heap.flushBatch: heap h's local batch is pushed onto its
// slab's remote stack (FreeRemoteBatch, then one FreeRemoteBatchCas: the
// operations are sequential, the CAS cannot fail), and an orphan whose
// last blocks came back is reclaimed. why names the flush point (the
// limit, a free of another slab, a refill, HeapExit) for the coverage.
func (m *lockstep) flush(h spec.Heap, why string) error {
	if m.st.LocalBatch[h].Count == 0 {
		return nil
	}
	m.flushWhy = why
	err := m.take(spec.Label{Action: spec.ActFreeRemoteBatch, Heap: h})
	m.flushWhy = ""
	if err != nil {
		return err
	}
	s := m.st.LocalBatch[h].Slab // the slab the push goes to
	if err := m.take(spec.Label{Action: spec.ActFreeRemoteBatchCas, Heap: h}); err != nil {
		return err
	}
	if m.st.LocalBatch[h].Pushing {
		return fmt.Errorf("model: the CAS of a sequential batch push failed")
	}
	if m.orphaned(s) {
		return m.reclaim(s, false)
	}
	return nil
}

// refill is the steps of Refill on the model: the local batch is pushed
// first (RefillMayStart), then DrainRemote, PopFreelist, LinearCarve,
// SpliceToSll.
func (m *lockstep) refill(h spec.Heap) error {
	if err := m.flush(h, "refill"); err != nil {
		return err
	}
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
	if m.st.Config().RemoteBatch > 0 {
		// Heap.freeBatched: a batch of another slab is pushed first; a
		// batch that reaches RemoteBatch blocks is pushed at once.
		if q := m.st.LocalBatch[h]; q.Count != 0 && q.Slab != s {
			if err := m.flush(h, "another slab"); err != nil {
				return err
			}
		}
		if err := m.take(spec.Label{Action: spec.ActFreeToBatch, Heap: h, Block: blk}); err != nil {
			return err
		}
		if m.st.LocalBatch[h].Count >= m.st.Config().RemoteBatch {
			return m.flush(h, "limit")
		}
		return nil
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

// closeHeap: the heap in slot i closes (its local batch pushed, HeapExit) and, when reopen, a new
// heap takes its slot (the spec's heap is used again).
func (m *lockstep) closeHeap(i int, reopen bool) error {
	m.steps = m.steps[:0]
	m.heaps[i].Close()
	if reopen {
		m.heaps[i] = m.a.NewHeap()
	}
	h := spec.Heap(i + 1)
	// Heap.Close pushes every local batch first (flushAll).
	if err := m.flush(h, "HeapExit"); err != nil {
		return err
	}
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
