package impl

import (
	"fmt"
	"strings"
	"sync/atomic"
)

// Check validates the whole allocator against the spec's invariants, for
// every class: each slab's freelist and remote stack and each heap's cache
// list are acyclic and hold only carved blocks of the right slab, no block
// is on two lists (ExactlyOnePlace, as far as the allocator can see: it
// does not know which blocks the user holds), Used + len(Freelist) =
// Carved (CounterBalance), SllCount = len(Sll) (CountsMatchLists), a heap
// owns exactly its current slabs (Owner[s] = h iff Current[h] = s), and
// TotalActive = Σ Used for every superslab. It returns the first violation
// found, as an *Error wrapping ErrCorrupt (a negative counter included),
// and records it as the allocator's corruption (Err returns it; Close then
// refuses). Quiescent use only: no heap operation may run.
func (a *Allocator) Check() error {
	err := a.checkClasses(a.nclasses)
	if err == nil {
		return nil
	}
	e := &Error{Op: "Check", Err: ErrCorrupt, Class: -1, Detail: strings.TrimPrefix(err.Error(), "veralloc: Check: ")}
	a.recordCorruption(e)
	return e
}

// checkClasses is Check for classes 0..n-1 (and every superslab).
func (a *Allocator) checkClasses(n int) error {
	if a.closed.Load() {
		return nil
	}
	type key struct {
		id  SlabID
		idx int
	}
	for c := 0; c < n && c < a.nclasses; c++ {
		snap := a.Inspect(c)
		seen := map[key]string{}
		mark := func(id SlabID, idx int, where string) error {
			k := key{id, idx}
			if prev, dup := seen[k]; dup {
				return fmt.Errorf("veralloc: Check: class %d: block <<%v, %d>> is on %s and on %s", c, id, idx, prev, where)
			}
			seen[k] = where
			return nil
		}
		owned := map[SlabID]uint32{}
		for _, s := range snap.Slabs {
			if len(s.Freelist) > s.Capacity || len(s.Remote) > s.Capacity {
				return fmt.Errorf("veralloc: Check: class %d slab %v: a list is cyclic or longer than capacity %d", c, s.ID, s.Capacity)
			}
			for _, i := range s.Freelist {
				if i < 1 || i > s.Carved {
					return fmt.Errorf("veralloc: Check: class %d slab %v: freelist holds block %d, not carved (Carved %d)", c, s.ID, i, s.Carved)
				}
				if err := mark(s.ID, i, "the freelist"); err != nil {
					return err
				}
			}
			for _, i := range s.Remote {
				if i < 1 || i > s.Carved {
					return fmt.Errorf("veralloc: Check: class %d slab %v: remote stack holds block %d, not carved (Carved %d)", c, s.ID, i, s.Carved)
				}
				if err := mark(s.ID, i, "the remote stack"); err != nil {
					return err
				}
			}
			if s.Used < 0 {
				return fmt.Errorf("veralloc: Check: class %d slab %v: Used is negative (%d)", c, s.ID, s.Used)
			}
			if s.Used+len(s.Freelist) != s.Carved {
				return fmt.Errorf("veralloc: Check: class %d slab %v: CounterBalance: Used %d + len(Freelist) %d != Carved %d", c, s.ID, s.Used, len(s.Freelist), s.Carved)
			}
			if s.Owner != 0 {
				owned[s.ID] = s.Owner
			} else if !s.Orphaned {
				return fmt.Errorf("veralloc: Check: class %d slab %v: no owner and not on the orphan registry", c, s.ID)
			}
		}
		for _, h := range snap.Heaps {
			if len(h.Sll) != h.SllCount {
				return fmt.Errorf("veralloc: Check: class %d heap %d: CountsMatchLists: SllCount %d, Sll holds %d", c, h.ID, h.SllCount, len(h.Sll))
			}
			if h.Current == nil {
				if h.SllCount != 0 {
					return fmt.Errorf("veralloc: Check: class %d heap %d: Sll without a current slab", c, h.ID)
				}
				continue
			}
			if owned[*h.Current] != h.ID {
				return fmt.Errorf("veralloc: Check: class %d heap %d: current slab %v is owned by %d", c, h.ID, *h.Current, owned[*h.Current])
			}
			delete(owned, *h.Current)
			for _, b := range h.Sll {
				if b.Slab != *h.Current {
					return fmt.Errorf("veralloc: Check: class %d heap %d: Sll holds %v, not of current slab %v", c, h.ID, b, *h.Current)
				}
				if err := mark(b.Slab, b.Index, fmt.Sprintf("heap %d's Sll", h.ID)); err != nil {
					return err
				}
			}
		}
		for id, o := range owned {
			return fmt.Errorf("veralloc: Check: class %d slab %v: owned by heap %d, which does not have it as current", c, id, o)
		}
	}
	// TotalActive = Σ Used per superslab, over all classes.
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, base := range a.supers {
		ss := ssAt(base)
		var sum int64
		for i := a.firstSlot; i < a.slots; i++ {
			sum += int64(atomic.LoadInt32(&ss.slab(a, i).used))
		}
		ta := atomic.LoadInt64(&ss.totalActive)
		if ta < 0 {
			return fmt.Errorf("veralloc: Check: superslab %d: TotalActive is negative (%d)", ss.index, ta)
		}
		if sum != ta {
			return fmt.Errorf("veralloc: Check: superslab %d: CounterBalance: TotalActive %d != Σ Used %d", ss.index, ta, sum)
		}
	}
	return nil
}
