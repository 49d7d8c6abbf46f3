package linearize

import (
	"fmt"
	"sort"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/veralloc/veralloc/impl"
	"github.com/veralloc/veralloc/spec"
)

// The views both sides are compared through: the model's state and the
// implementation's (Allocator.Inspect), keyed by the spec's names.

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
	Current   string
	Sll       []string
	SllCount  int
	BatchSlab string   // LocalBatch[h].slab ("Nil" when the batch is empty)
	Batch     []string // LocalBatch[h]'s blocks, head first
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
		hv := heapView{Current: st.Current[h].String(), SllCount: st.SllCount[h], Sll: []string{},
			BatchSlab: "Nil", Batch: []string{}}
		for _, b := range st.List(st.Sll[h]) {
			hv.Sll = append(hv.Sll, b.String())
		}
		if q := st.LocalBatch[h]; q.Count != 0 {
			hv.BatchSlab = q.Slab.String()
			for _, b := range st.BatchList(spec.Heap(h)) {
				hv.Batch = append(hv.Batch, b.String())
			}
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
	v.Heaps["reclaim"] = heapView{Current: "Nil", Sll: []string{}, BatchSlab: "Nil", Batch: []string{}}
	for _, h := range snap.Heaps {
		name := fmt.Sprintf("unknown heap id %d", h.ID)
		if mh, ok := slot[h.ID]; ok {
			name = m.heapName(mh)
		}
		hv := heapView{Current: "Nil", SllCount: h.SllCount, BatchSlab: "Nil"}
		for _, sl := range []struct {
			id   *impl.SlabID
			name *string
		}{{h.Current, &hv.Current}, {h.BatchSlab, &hv.BatchSlab}} {
			if sl.id != nil {
				s, err := m.slab(*sl.id)
				if err != nil {
					return v, err
				}
				*sl.name = s.String()
			}
		}
		var err error
		if hv.Sll, err = m.blockNames(h.Sll); err != nil {
			return v, err
		}
		if hv.Batch, err = m.blockNames(h.Batch); err != nil {
			return v, err
		}
		v.Heaps[name] = hv
	}
	for _, hb := range m.held {
		v.InUse = append(v.InUse, hb.blk.String())
	}
	sort.Strings(v.InUse)
	return v, nil
}

// blockNames is a walked list of Inspect in the model's block names ("not
// a block" for an address outside every block).
func (m *lockstep) blockNames(refs []impl.BlockRef) ([]string, error) {
	out := []string{}
	for _, r := range refs {
		if r.Index < 0 {
			out = append(out, "not a block")
			continue
		}
		b, err := m.block(r)
		if err != nil {
			return nil, err
		}
		out = append(out, b.String())
	}
	return out, nil
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
