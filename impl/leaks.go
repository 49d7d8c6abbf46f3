package impl

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
)

// Leak reports: when Allocator.Close finds blocks still allocated, its
// error names the first few of them (class, block size, address, slab and
// index, and the heap that allocated it; a large block's header records
// its allocating heap).
//
// The allocating heap is known up to the slab's ownership history: a block
// is handed out only by the heap that owns its slab at that moment, and a
// slab is owned by the heap that acquired it and then by each heap that
// adopted it. The slab record keeps the first four of these owners (the
// reclaimer, which never allocates, is not one); a slab with one owner
// names the allocating heap exactly, one with several names the candidates.
// In checked mode (Options.Checks) each Alloc also records its heap in the
// block's entry of the slab's allocating-heap table, and the report names
// that heap exactly whatever the slab's history.
//
// Why the default mode names candidates, not the heap: which owner handed a
// block out is decided by the one step that moves it into the user's hands,
// Alloc's pop from the heap's cache list, and the default mode records
// nothing there (that pop is the fast path). What the slow paths see is not
// enough. Owner epochs recorded at adoption, with the Carved count at each,
// say in which tenure a block was first carved, but a block carved under
// heap 1 and still live when heap 2 adopts the slab may be freed through
// heap 2 (a local free: onto heap 2's cache list) and handed out again by
// heap 2, and nothing but the local free itself sees that: at heap 2's exit
// both blocks look the same (carved before the adoption, not on the
// freelist, not on the remote stack). An exact record therefore needs a
// per-block entry written on every local free and at every refill (one
// byte a block, capacity bytes a slab: 1/16 of the memory of the 16-byte
// class), a store on the Free fast path that the default mode does not pay;
// Options.Checks pays a 4-byte entry per block on every Alloc instead. So
// without Checks the report names the candidates ("allocated by heap 1 or
// 2", the slab's owners in order, "or one of k later owners" past four) and
// says that Checks names the exact heap.

// maxLeaksReported is how many live blocks Close's error names.
const maxLeaksReported = 5

// noteOwner records heap id as an owner of s (adopt). Called by the heap
// that just took s; the reclaimer is not recorded.
func (s *slab) noteOwner(id uint32) {
	if id == reclaimID {
		return
	}
	n := s.nowners
	for i := uint32(0); i < n && i < uint32(len(s.owners)); i++ {
		if s.owners[i] == id {
			return
		}
	}
	if n < uint32(len(s.owners)) {
		s.owners[n] = id
	}
	s.nowners = n + 1
}

// ownersString says which heap allocated the blocks of s.
func (s *slab) ownersString() string {
	n := int(s.nowners)
	k := min(n, len(s.owners))
	switch {
	case k == 0:
		return "allocating heap unknown"
	case n == 1:
		return fmt.Sprintf("allocated by heap %d", s.owners[0])
	}
	ids := make([]string, k)
	for i := range ids {
		ids[i] = fmt.Sprint(s.owners[i])
	}
	more := ""
	if n > k {
		more = fmt.Sprintf(" or one of %d later owners", n-k)
	}
	return "allocated by heap " + strings.Join(ids, " or ") + more + " (the slab changed owners; Options.Checks records the exact heap)"
}

// leakReport lists up to max live blocks: small ones by walking each slab's
// freelist and remote stack (a carved block on neither is live; Close has
// drained the orphans and no heap is open), then large ones. Caller holds
// a.mu; the allocator is quiescent.
func (a *Allocator) leakReport(max int) string {
	var out []string
	total := 0
	for _, base := range a.supers {
		ss := ssAt(base)
		for i := a.firstSlot; i < a.slots; i++ {
			if ss.freeMask&(1<<uint(i)) != 0 {
				continue
			}
			s := ss.slab(a, i)
			if atomic.LoadInt32(&s.class) < 0 || atomic.LoadInt32(&s.used) == 0 {
				continue
			}
			free := map[int]bool{}
			for _, x := range a.walkIndices(s, s.freelist) {
				free[x] = true
			}
			for _, x := range a.walkIndices(s, s.remoteHead(atomic.LoadUint64(&s.remote))) {
				free[x] = true
			}
			for idx := 1; idx <= int(atomic.LoadInt32(&s.carved)); idx++ {
				if free[idx] {
					continue
				}
				total++
				if len(out) < max {
					p := s.base + uintptr(idx-1)*s.stride
					who := s.ownersString()
					if s.sizes != 0 {
						who = fmt.Sprintf("allocated by heap %d", atomic.LoadUint32(s.allocHeapAt(a, uintptr(idx-1))))
					}
					out = append(out, fmt.Sprintf("class %d (size %d) at %#x, slab %v block %d, %s",
						atomic.LoadInt32(&s.class), s.stride, p, s.id(a), idx, who))
				}
			}
		}
	}
	bases := make([]uintptr, 0, len(a.large))
	for b := range a.large {
		bases = append(bases, b)
	}
	sort.Slice(bases, func(i, j int) bool { return bases[i] < bases[j] })
	for _, b := range bases {
		total++
		if len(out) < max {
			hd := (*largeHdr)(ptr(b))
			out = append(out, fmt.Sprintf("large block of %d bytes at %#x, allocated by heap %d", hd.n, b+largeHeader, hd.heap))
		}
	}
	if len(out) == 0 {
		return ""
	}
	s := ": " + strings.Join(out, "; ")
	if total > len(out) {
		s += fmt.Sprintf("; and %d more", total-len(out))
	}
	return s
}
