package impl

import (
	"math/bits"
	"runtime"
	"sync/atomic"
	"unsafe"
)

// A superslab is one aligned mapping of slotCount slab-sized slots. The
// first slots hold the header: the superslab record, then one slab record
// per slot, then (checked mode) one in-use bitmap per slot. The remaining
// SlabsPerSuperslab slots are slabs. The superslab of any address p in it
// is p &^ (align-1); its slot is (p - base) >> slabShift; so a block's slab
// record is found by address arithmetic alone.
//
// Headers live in the mapping (not on the Go heap) and hold no Go
// pointers: links between records are addresses (uintptr). Under the race
// detector the records are on the Go heap instead (records_race.go), where
// the detector sees them; recordsOf finds them from the mapping's base, and
// ssAt and slabAt are the only ways to a record from an address.
type superslab struct {
	sentinel uint64  // ssSentinel; constant while mapped
	owner    uint64  // Allocator.id
	index    int32   // position in Allocator.supers (SlabID.Super)
	_        int32   //
	base     uintptr // its own address

	// Guarded by Allocator.mu: the free-slab pool.
	freeMask uint64  // slots (bit i = slot i) in the free pool
	inUse    int32   // slabs not in the pool (owned or orphaned)
	list     int32   // which pool list it is on: listNone/listPartial/listEmpty
	next     uintptr // pool list links
	prev     uintptr
	decommit bool // its slab pages were given back to the kernel

	_ [56]byte
	// lock serialises counter updates with the TotalActive check in
	// checked mode only (a spin lock: Used and TotalActive of one
	// superslab then change together). Accessed only atomically.
	lock uint32
	_    [60]byte
	// totalActive is the spec's TotalActive: Σ Used of its slabs. Any
	// owner of one of its slabs adds to it (atomically).
	totalActive int64
	_           [56]byte
}

const (
	ssSentinel   = 0x7665726c6c6f6331 // "verlloc1"
	ssHeaderSize = 256
	slabRecSize  = 192
)

const (
	listNone = iota
	listPartial
	listEmpty
	listDecommitted
)

// slab is the record of one slab (the spec's per-slab variables).
type slab struct {
	// Set when the slab is acquired for a class; read by any goroutine
	// that frees into it. Everything a Free reads is in this first cache
	// line (carved included, which the block check compares against).
	base     uintptr // address of block 1
	stride   uintptr // block size
	inv      uint64  // the stride's division constant (blockQuot)
	capacity int32   // Cap
	class    int32   // size class; -1 while in the free pool. Atomic: Stats reads it while the owner sets it
	owner    uint32  // Owner: heap id, 0 = Nil. Atomic: read by freeing goroutines
	carved   int32   // Carved: blocks cut by the linear cursor (atomic: written by the owner, read by remote frees, reclaim, Stats)
	ss       uintptr // its superslab
	bitmap   uintptr // checked mode: one bit per block, set while in the user's hands
	slot     int32   // slot in its superslab
	shift    uint8   // the stride's division shift (blockQuot)
	tenured  uint8   // 1 while the slab's tenure chain (leaks.go) is not empty; owner only
	_        [2]byte

	// Written by the owner only; used is read by other goroutines (remote
	// frees, reclaim, Stats), so every access to it is atomic.
	freelist uintptr // Freelist: head of the intrusive freelist
	used     int32   // Used: carved blocks not on the freelist (atomic)
	orphaned uint32  // class+1 while on that class's orphan registry, else 0 (atomic; written under that registry's mutex)
	// Orphan registry links, guarded by the class's orphan mutex (the slab
	// has no owner while it is on the registry).
	orphNext uintptr
	orphPrev uintptr
	// checked mode: address of the slab's table of requested sizes (one
	// uint32 per block, accessed atomically, on the Go heap, kept alive by Allocator.sizeTabs)
	sizes uintptr
	// For leak reports (leaks.go), owner only: lastOwner is the heap that
	// allocates from the slab now (the last owner other than the reclaim
	// heap); tenures is the address of the slab's entry in its
	// superslab's table of tenure chains (a Go-heap *tenure, kept alive by
	// Allocator.tenureTabs), set when the superslab is mapped.
	lastOwner uint32
	_         [4]byte
	tenures   uintptr
	_         [8]byte

	// remote is the spec's Remote, a Treiber stack any goroutine pushes
	// to: its head block, its length and a version, packed in one word
	// (remote.go). Accessed only atomically.
	remote uint64
	// epoch counts the changes of the slab's owner (AcquireSlab,
	// RetireSlab, HeapExit, Adopt; atomic). Each change is made by the
	// slab's owner or under the lock of the pool or registry it leaves,
	// so the epochs order them; a traced run logs them (trace_on.go).
	epoch uint32
	_     [52]byte
}

func init() {
	if unsafe.Sizeof(slab{}) != slabRecSize || unsafe.Sizeof(superslab{}) > ssHeaderSize {
		panic("impl: record layout")
	}
}

func (ss *superslab) slab(a *Allocator, slot int) *slab {
	return (*slab)(ptr(uintptr(unsafe.Pointer(ss)) + ssHeaderSize + uintptr(slot)*slabRecSize))
}

// nextEpoch moves s's owner epoch on by one and returns the new value.
func (s *slab) nextEpoch() uint32 { return atomic.AddUint32(&s.epoch, 1) }

// ssAt returns the record of the superslab mapped at base.
func ssAt(base uintptr) *superslab { return (*superslab)(ptr(recordsOf(base))) }

// slabAt returns the record of slot slot of the superslab mapped at base.
func slabAt(base, slot uintptr) *slab {
	return (*slab)(ptr(recordsOf(base) + ssHeaderSize + slot*slabRecSize))
}

// recordsSize is the size of a superslab's records: the superslab record,
// one slab record per slot and (checked mode) one bitmap per slot.
func (a *Allocator) recordsSize() uintptr { return a.bitmapOff + uintptr(a.slots)*a.bitmapBytes }

// blockIndex returns the 0-based index of the block starting at p, and
// whether p is the start of a carved block.
// When p is not a block start the index is meaningless.
func (s *slab) blockIndex(p uintptr) (uintptr, bool) {
	if faultB2 {
		idx := (p - s.base) / s.stride
		return idx, p%s.stride == 0 && idx < uintptr(atomic.LoadInt32(&s.carved))
	}
	q := blockQuot(p-s.base, s.inv, s.shift)
	return uintptr(q), q < uint64(atomic.LoadInt32(&s.carved))
}

// Block indexes by one multiply. A stride d = d0 << shift (d0 odd) has
// inv, the inverse of d0 modulo 2^64 (divConsts). For any offset off,
// blockQuot(off) = off/d when off is a multiple of d; otherwise it is at
// least 2^(64-shift)/d0 > 2^51/8191, above any capacity: the shift's low
// bits of off*inv are off's (inv is odd), so they rotate to the top unless
// off is a multiple of 2^shift, and a multiple of 2^shift that is not one
// of d0 gives (off>>shift)*inv mod 2^(64-shift) > (2^(64-shift)-1)/d0 (an
// exact division test: Granlund and Montgomery 1994, section 9). So
// blockQuot(p - base) < n says in one compare that p is on a stride
// boundary from base, not below base (the offset wraps to a huge value)
// and below block n. TestBlockQuot checks it for every class.
func blockQuot(off uintptr, inv uint64, shift uint8) uint64 {
	return bits.RotateLeft64(uint64(off)*inv, -int(shift))
}

// divConsts returns blockQuot's constants for stride d > 0.
func divConsts(d uint64) (inv uint64, shift uint8) {
	shift = uint8(bits.TrailingZeros64(d))
	d0 := d >> shift
	inv = d0 // correct to 3 bits; each Newton step doubles them
	for i := 0; i < 5; i++ {
		inv *= 2 - d0*inv
	}
	return inv, shift
}

func (s *slab) id(a *Allocator) SlabID {
	ss := ssAt(s.ss)
	return SlabID{Super: int(ss.index), Slot: int(s.slot)}
}

// lockSS/unlockSS take the superslab's checked-mode spin lock.
func lockSS(ss *superslab) {
	for i := 0; !atomic.CompareAndSwapUint32(&ss.lock, 0, 1); i++ {
		if i > 64 {
			runtime.Gosched()
		}
	}
}

func unlockSS(ss *superslab) { atomic.StoreUint32(&ss.lock, 0) }

// addActive moves the spec's Used[s] and TotalActive[SuperOf(s)] by n, the
// number of blocks that just left (n > 0) or joined (n < 0) the freelist.
// Owner only.
func (a *Allocator) addActive(s *slab, n int32) {
	ss := ssAt(s.ss)
	if a.checks {
		lockSS(ss)
		atomic.AddInt32(&s.used, n)
		atomic.AddInt64(&ss.totalActive, int64(n))
		unlockSS(ss)
		return
	}
	atomic.AddInt32(&s.used, n)
	atomic.AddInt64(&ss.totalActive, int64(n))
}

// newSuperslab maps, initialises and registers a superslab. Caller holds a.mu.
func (a *Allocator) newSuperslab() (*superslab, error) {
	base, err := mmapAligned(a.ssSpan, a.ssAlign)
	if err != nil {
		return nil, err
	}
	recs := a.newRecords(base)
	ss := (*superslab)(ptr(recs))
	ss.sentinel = ssSentinel
	ss.owner = a.id
	ss.index = int32(len(a.supers))
	ss.base = base
	tab := make([]*tenure, a.slots)
	a.tenureTabs = append(a.tenureTabs, tab)
	for i := 0; i < a.slots; i++ {
		s := ss.slab(a, i)
		s.slot = int32(i)
		s.ss = base
		atomic.StoreInt32(&s.class, -1)
		s.bitmap = recs + a.bitmapOff + uintptr(i)*a.bitmapBytes
		s.tenures = uintptr(unsafe.Pointer(&tab[i]))
		if i >= a.firstSlot {
			ss.freeMask |= 1 << uint(i)
		}
	}
	if err := a.pm.set(base, base|tagSmall); err != nil {
		_ = sysMunmap(base, a.ssSpan)
		return nil, err
	}
	a.supers = append(a.supers, base)
	a.bytesMapped += int64(a.ssSpan)
	a.poolPush(ss, listEmpty)
	a.emptyCommitted++
	return ss, nil
}

// Pool lists (guarded by a.mu): superslabs with some free slots and some
// in use (partial), with all slots free and memory committed (empty), and
// with all slots free and memory given back (decommitted).
func (a *Allocator) listHead(list int32) *uintptr {
	switch list {
	case listPartial:
		return &a.partial
	case listEmpty:
		return &a.empty
	}
	return &a.decommitted
}

func (a *Allocator) poolPush(ss *superslab, list int32) {
	head := a.listHead(list)
	ss.list = list
	ss.prev = 0
	ss.next = *head
	if *head != 0 {
		ssAt(*head).prev = ss.base
	}
	*head = ss.base
}

func (a *Allocator) poolRemove(ss *superslab) {
	head := a.listHead(ss.list)
	if ss.prev != 0 {
		ssAt(ss.prev).next = ss.next
	} else {
		*head = ss.next
	}
	if ss.next != 0 {
		ssAt(ss.next).prev = ss.prev
	}
	ss.list, ss.next, ss.prev = listNone, 0, 0
}

// takeSlab removes a slab from the free pool (mapping a new superslab when
// the pool is empty) and returns it. Caller holds a.mu.
func (a *Allocator) takeSlab() (*slab, error) {
	var ss *superslab
	switch {
	case a.partial != 0:
		ss = ssAt(a.partial)
	case a.empty != 0:
		ss = ssAt(a.empty)
	case a.decommitted != 0:
		ss = ssAt(a.decommitted)
	default:
		var err error
		if ss, err = a.newSuperslab(); err != nil {
			return nil, err
		}
	}
	slot := 0
	for ss.freeMask&(1<<uint(slot)) == 0 {
		slot++
	}
	ss.freeMask &^= 1 << uint(slot)
	if ss.inUse == 0 {
		a.poolRemove(ss)
		if ss.decommit {
			ss.decommit = false
			a.bytesDecommitted -= int64(a.ssSpan - uintptr(a.firstSlot)*a.slabSize)
		} else {
			a.emptyCommitted--
		}
		if ss.freeMask != 0 {
			a.poolPush(ss, listPartial)
		}
	} else if ss.freeMask == 0 {
		a.poolRemove(ss)
	}
	ss.inUse++
	return ss.slab(a, slot), nil
}

// putSlab returns slab s (Used = 0, no owner) to the free pool, and gives a
// superslab that became entirely free back to the kernel when more than
// RetainEmpty are already kept. Caller holds a.mu.
func (a *Allocator) putSlab(s *slab) {
	ss := ssAt(s.ss)
	wasFull := ss.freeMask == 0
	ss.freeMask |= 1 << uint(s.slot)
	ss.inUse--
	if ss.inUse == 0 {
		if !wasFull {
			a.poolRemove(ss)
		}
		if a.emptyCommitted >= a.opts.RetainEmpty {
			a.decommitSuperslab(ss)
		} else {
			a.emptyCommitted++
			a.poolPush(ss, listEmpty)
		}
	} else if wasFull {
		a.poolPush(ss, listPartial)
	}
}

// decommitSuperslab gives the memory of the slab slots of superslab ss, which
// is entirely free and on no pool list, back to the kernel and puts ss on the
// decommitted list. Caller holds a.mu.
func (a *Allocator) decommitSuperslab(ss *superslab) {
	first := uintptr(a.firstSlot) * a.slabSize
	_ = sysDecommit(ss.base+first, a.ssSpan-first)
	ss.decommit = true
	a.bytesDecommitted += int64(a.ssSpan - first)
	a.poolPush(ss, listDecommitted)
}

// trimLocked decommits every entirely free superslab that still has its
// memory (the ones RetainEmpty keeps). Caller holds a.mu.
func (a *Allocator) trimLocked() {
	for a.empty != 0 {
		ss := ssAt(a.empty)
		a.poolRemove(ss)
		a.emptyCommitted--
		a.decommitSuperslab(ss)
	}
}
