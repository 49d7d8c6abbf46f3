package impl

import (
	"fmt"
	mbits "math/bits"
	"sort"
	"strings"
	"sync/atomic"
)

// Leak reports: when Allocator.Close finds blocks still allocated, its
// error names the first few of them (class, block size, address, slab and
// index, and the heap that allocated it; a large block's header records
// its allocating heap).
//
// The allocating heap of a small block is exact in every mode. A block is
// handed out only by the heap that owns its slab at that moment, so while a
// slab has had one owner, that owner (slab.lastOwner) allocated every live
// block. When a heap adopts an orphaned slab, the blocks live at that
// moment were allocated by an earlier owner: Adopt (noteAdopter, a slow
// path) records them in a tenure, a bitmap of the live blocks with the heap
// that allocated them, pushed on the slab's tenure chain. A block leaves its
// tenure when it is freed: by the owner's local free (FreeLocal tests
// slab.tenured, one predictable branch, and pays more only for adopted
// slabs) or, for a remote free, when the owner drains it (prependTaken, at
// DrainRemote and Adopt). A block freed and handed out again by the adopter
// is then on no tenure and reported as the adopter's. Several adoptions in
// a row push one tenure each (a live block stays on the oldest tenure that
// has it); an empty tenure leaves the chain, and an empty chain clears
// slab.tenured. The reclaim heap, which never allocates, records no
// tenure. Checked mode (Options.Checks) also records each Alloc's heap in
// the block's entry of the slab's allocating-heap table, which the report
// uses there; TestTenuresAgreeWithCheckedTable checks that the two agree.

// maxLeaksReported is how many live blocks Close's error names.
const maxLeaksReported = 5

// A tenure is one earlier owner's share of a slab's live blocks: the blocks
// that heap allocated and that were still live when another heap adopted
// the slab, less those freed since. Touched only by the slab's owner (and
// by Allocator.Close, quiescent).
type tenure struct {
	heap uint32   // the heap that allocated the blocks
	live int32    // bits set in bits
	bits []uint64 // bit i set: block i (0-based) is live and heap allocated it
	next *tenure  // the tenure recorded before this one
}

// chain is s's tenure chain, newest first.
func (s *slab) chain() **tenure { return (**tenure)(ptr(s.tenures)) }

// has says whether bit i of t is set.
func (t *tenure) has(i uintptr) bool {
	return i/64 < uintptr(len(t.bits)) && t.bits[i/64]&(1<<(i%64)) != 0
}

// untenure takes the block at p, just freed, off s's tenure chain. Called
// by s's owner when s.tenured is set.
//
//go:noinline
func (s *slab) untenure(p uintptr) {
	idx, ok := s.blockIndex(p)
	if !ok {
		return
	}
	for pp := s.chain(); *pp != nil; pp = &(*pp).next {
		t := *pp
		if !t.has(idx) {
			continue
		}
		t.bits[idx/64] &^= 1 << (idx % 64)
		if t.live--; t.live == 0 {
			*pp = t.next
		}
		break
	}
	if *s.chain() == nil {
		s.tenured = 0
	}
}

// untenureList takes the n blocks of the list at head (a remote stack just
// moved to s's freelist) off s's tenure chain. Called by s's owner when
// s.tenured is set.
func (a *Allocator) untenureList(s *slab, head uintptr, n int32) {
	p := head
	for i := int32(0); i < n && p != 0 && s.tenured != 0; i++ {
		if _, ok := s.blockIndex(p); !ok {
			return
		}
		s.untenure(p)
		p = getLink(a.linkKey, p)
	}
}

// noteAdopter records heap id as s's owner after Adopt (its remote stack
// drained): unless id is the reclaim heap (which never allocates) or the
// heap that allocates from s already, the blocks live now that no tenure
// holds were allocated by s.lastOwner and become its tenure.
func (a *Allocator) noteAdopter(s *slab, id uint32) {
	prev := s.lastOwner
	if id == reclaimID || id == prev {
		return
	}
	s.lastOwner = id
	carved := uintptr(atomic.LoadInt32(&s.carved))
	bits := make([]uint64, (carved+63)/64)
	for i := range bits {
		bits[i] = ^uint64(0)
	}
	if r := carved % 64; r != 0 {
		bits[len(bits)-1] = 1<<r - 1
	}
	// The freelist holds every free block (the cache lists are empty: the
	// previous owner flushed its own at HeapExit or had none at
	// RetireSlab; Adopt has just drained the remote stack).
	p := s.freelist
	for n := int32(0); p != 0 && n < s.capacity; n++ {
		idx, ok := s.blockIndex(p)
		if !ok {
			break // a forged link (reported when the list is next used)
		}
		bits[idx/64] &^= 1 << (idx % 64)
		p = getLink(a.linkKey, p)
	}
	for t := *s.chain(); t != nil; t = t.next {
		for i := range t.bits {
			if i < len(bits) {
				bits[i] &^= t.bits[i]
			}
		}
	}
	live := 0
	for _, w := range bits {
		live += mbits.OnesCount64(w)
	}
	if live == 0 {
		return
	}
	*s.chain() = &tenure{heap: prev, live: int32(live), bits: bits, next: *s.chain()}
	s.tenured = 1
}

// allocatedBy returns the heap that allocated block idx (0-based, live) of
// s: the heap of the tenure holding it, else s's current allocator.
func (s *slab) allocatedBy(idx uintptr) uint32 {
	for t := *s.chain(); t != nil; t = t.next {
		if t.has(idx) {
			return t.heap
		}
	}
	return s.lastOwner
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
					who := s.allocatedBy(uintptr(idx - 1))
					if s.sizes != 0 {
						who = atomic.LoadUint32(s.allocHeapAt(a, uintptr(idx-1)))
					}
					out = append(out, fmt.Sprintf("class %d (size %d) at %#x, slab %v block %d, allocated by heap %d",
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
