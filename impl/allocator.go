package impl

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"sort"
	"sync"
	"sync/atomic"
)

// An Allocator hands out blocks of memory that live outside the Go heap:
// the garbage collector never scans or moves them, so millions of small
// objects cost it nothing. Memory comes from mmapped superslabs carved into
// slabs of one size class each; requests larger than the largest class get
// a mapping of their own.
//
// Blocks must not hold Go pointers (the collector does not see them: the
// pointed-to object could be freed while the block still refers to it).
// Store indices, offsets, or plain data.
//
// All work goes through a Heap (see NewHeap). The methods of Allocator
// itself (NewHeap, Stats, ClassOf, Close, ...) are safe for concurrent use,
// except Inspect, Locate and Check which need a quiescent allocator (no
// heap operation running), as documented on each.
type Allocator struct {
	// Read-only after New.
	opts        Options
	checks      bool
	id          uint64
	secret      uintptr // per-allocator tag mixed into free blocks' second word
	linkKey     uintptr // per-allocator secret mixed into free blocks' encoded links (link.go)
	slabShift   uint
	slabSize    uintptr
	ssAlign     uintptr // superslab alignment (a power of two >= ssSpan)
	ssSpan      uintptr // mapped bytes per superslab
	slots       int     // slots per superslab (header slots + slabs)
	firstSlot   int     // first slab slot (earlier slots hold the header)
	bitmapOff   uintptr // offset of the per-slot bitmaps in the superslab
	bitmapBytes uintptr
	maxSmall    int // largest request served by a size class
	nclasses    int
	classes     [numClasses]classInfo

	pm pagemap

	closed atomic.Bool

	mu               sync.Mutex // guards the fields below
	supers           []uintptr  // every superslab, by index
	partial, empty   uintptr    // free-slab pool lists
	decommitted      uintptr
	emptyCommitted   int
	heaps            map[uint32]*Heap
	freeIDs          []uint32
	nextID           uint32
	large            map[uintptr]uintptr // large mapping base -> mapped size
	largeLive        int64               // requested bytes of live large blocks
	bytesMapped      int64
	bytesDecommitted int64

	sizeTabs map[uintptr][]uint32 // checked mode: slab record -> its requested-size table (guarded by mu)
	// tenureTabs holds, per superslab (in Allocator.supers order), the
	// table of its slabs' tenure chains (leaks.go). Appended under mu;
	// each entry is touched only by its slab's owner.
	tenureTabs [][]*tenure
	records    [][]uint64 // race build: the superslabs' records on the Go heap (records_race.go; guarded by mu)

	orphans [numClasses]orphanList
	reclaim *Heap // internal heap that adopts fully free orphans to return them

	ev                      [numClasses]classEvents // event counters (atomic)
	largeAllocs, largeFrees atomic.Int64
	corruption              atomic.Pointer[errBox]
}

// classInfo is the fixed geometry of one size class.
type classInfo struct {
	size     int
	capacity int32
	batch    int32  // the class's Batch: Options.Batch capped by BatchBytes
	low      int32  // the class's LowWater: min(Options.LowWater, batch-1)
	inv      uint64 // the size's blockQuot constants (divConsts)
	shift    uint8
}

// classEvents counts protocol events of one class.
type classEvents struct {
	refills, pushes, drained, orphaned, adopted, acquired, returned atomic.Int64
}

// reclaimID is the heap id of the allocator's internal reclaim heap.
const reclaimID = ^uint32(0)

// closedID is the id of a closed heap: no slab ever has it as its owner.
const closedID = ^uint32(0) - 1

var allocatorIDs atomic.Uint64

// New returns an allocator configured by o (zero fields take defaults).
func New(o Options) (*Allocator, error) {
	o, err := o.resolved()
	if err != nil {
		return nil, err
	}
	a := &Allocator{
		opts:      o,
		checks:    o.Checks,
		id:        allocatorIDs.Add(1),
		secret:    uintptr(rand.Uint64()) | 1,
		linkKey:   uintptr(rand.Uint64()),
		slabSize:  uintptr(o.SlabSize),
		slabShift: uint(bits.TrailingZeros(uint(o.SlabSize))),
		heaps:     map[uint32]*Heap{},
		large:     map[uintptr]uintptr{},
		sizeTabs:  map[uintptr][]uint32{},
		nextID:    1,
	}
	maxBlocks := o.SlabSize / 16
	if o.SlabBlocks > 0 && o.SlabBlocks < maxBlocks {
		maxBlocks = o.SlabBlocks
	}
	a.bitmapBytes = uintptr((maxBlocks + 63) / 64 * 8)
	for a.firstSlot = 1; ; a.firstSlot++ {
		a.slots = a.firstSlot + o.SlabsPerSuperslab
		a.bitmapOff = ssHeaderSize + uintptr(a.slots)*slabRecSize
		if a.recordsSize() <= uintptr(a.firstSlot)*a.slabSize {
			break
		}
	}
	if a.slots > 64 {
		return nil, fmt.Errorf("veralloc: Options.SlabsPerSuperslab %d: the header needs %d slots, more than 64 in all", o.SlabsPerSuperslab, a.firstSlot)
	}
	a.ssSpan = uintptr(a.slots) * a.slabSize
	a.ssAlign = 1 << bits.Len(uint(a.ssSpan-1))
	a.pm.init(uint(bits.TrailingZeros(uint(a.ssAlign))))
	for c := 0; c < numClasses; c++ {
		sz := classSize[c]
		capacity := o.SlabSize / sz
		if capacity == 0 {
			break
		}
		if o.SlabBlocks > 0 && capacity > o.SlabBlocks {
			capacity = o.SlabBlocks
		}
		if capacity > 65535 {
			capacity = 65535
		}
		inv, shift := divConsts(uint64(sz))
		batch, low := classBatch(o, sz)
		a.classes[c] = classInfo{size: sz, capacity: int32(capacity), batch: batch, low: low, inv: inv, shift: shift}
		a.nclasses = c + 1
		a.maxSmall = sz
	}
	for c := range a.orphans {
		a.orphans[c].tag = uint32(c) + 1
	}
	a.reclaim = a.newHeap(reclaimID)
	return a, nil
}

// NewHeap returns a new heap. A heap is used by one goroutine at a time;
// give each goroutine (or worker) its own. Heap ids start at 1; NewHeap
// reuses the id of the most recently closed heap first, so a spec heap that
// exits (HeapExit) and comes back maps to Close followed by NewHeap. On a
// closed allocator it returns a closed heap, whose operations fail with
// ErrClosed.
func (a *Allocator) NewHeap() *Heap {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed.Load() {
		h := a.newHeap(closedID)
		h.origID = 0
		h.closed = true
		return h
	}
	var id uint32
	if n := len(a.freeIDs); n > 0 {
		id = a.freeIDs[n-1]
		a.freeIDs = a.freeIDs[:n-1]
	} else {
		id = a.nextID
		a.nextID++
	}
	h := a.newHeap(id)
	a.heaps[id] = h
	return h
}

func (a *Allocator) newHeap(id uint32) *Heap {
	h := &Heap{
		a:         a,
		id:        id,
		origID:    id,
		sllMax:    int32(a.opts.SllMax),
		remoteBat: int32(a.opts.RemoteBatch),
		maxSmall:  a.maxSmall,
		checks:    a.checks,
		secret:    a.secret,
		linkKey:   a.linkKey,
		ssMask:    a.ssAlign - 1,
		slabShift: a.slabShift,
		pmTop:     a.pm.top,
		pmShift:   a.pm.shift,
		pmL2:      a.pm.l2bits,
		lastSS:    1, // no superslab base
	}
	for c := 0; c < a.nclasses; c++ {
		h.cls[c].low = a.classes[c].low
	}
	return h
}

// heapClosed is called by Heap.Close. It frees the heap's id for reuse and,
// when no heap is left open, decommits the retained empty superslabs.
func (a *Allocator) heapClosed(h *Heap) {
	a.mu.Lock()
	h.flushEvents()
	if a.heaps[h.origID] == h {
		delete(a.heaps, h.origID)
		a.freeIDs = append(a.freeIDs, h.origID)
		if len(a.heaps) == 0 {
			// No heap is open: nothing will reuse the retained superslabs
			// soon, so memory comes back down to what the live blocks need.
			a.trimLocked()
		}
	}
	a.mu.Unlock()
}

// Close returns all memory to the kernel. Every heap must be closed and
// every block freed first; otherwise Close returns an error wrapping
// ErrInUse that says what is still open or live, and releases nothing (the
// allocator stays usable). After a corruption was reported (Err is not
// nil, or a counter is found negative here) Close refuses with ErrCorrupt
// and releases nothing. Close on a closed allocator returns ErrClosed.
// After Close every operation fails with ErrClosed or ErrHeapClosed. An
// Allocator dropped without a successful Close keeps its mappings for the
// life of the process (the garbage collector does not know about them).
func (a *Allocator) Close() error {
	a.mu.Lock()
	if a.closed.Load() {
		a.mu.Unlock()
		return &Error{Op: "Close", Err: ErrClosed, Class: -1}
	}
	if n := len(a.heaps); n > 0 {
		ids := make([]int, 0, n)
		for id := range a.heaps {
			ids = append(ids, int(id))
		}
		sort.Ints(ids)
		a.mu.Unlock()
		return &Error{Op: "Close", Err: ErrInUse, Class: -1, Detail: fmt.Sprintf("%d heap(s) still open: ids %v", n, ids)}
	}
	a.mu.Unlock()
	// Drain every orphan so that blocks freed remotely are counted as free.
	a.Trim()
	a.mu.Lock()
	defer a.mu.Unlock()
	if n := len(a.heaps); n > 0 {
		return &Error{Op: "Close", Err: ErrInUse, Class: -1, Detail: itoa(n) + " heap(s) opened during Close"}
	}
	var live int64
	for _, base := range a.supers {
		ss := ssAt(base)
		ta := atomic.LoadInt64(&ss.totalActive)
		if ta < 0 {
			a.recordCorruption(&Error{Op: "Close", Err: ErrCorrupt, Class: -1,
				Detail: "superslab " + itoa(int(ss.index)) + ": TotalActive is negative (" + itoa(int(ta)) + ")"})
		}
		live += ta
	}
	if err := a.Err(); err != nil {
		// Memory the allocator may have mis-tracked is not given back.
		return &Error{Op: "Close", Err: ErrCorrupt, Class: -1, Detail: "refused: corruption was reported: " + err.Error()}
	}
	if live != 0 || len(a.large) != 0 {
		return &Error{Op: "Close", Err: ErrInUse, Class: -1,
			Detail: fmt.Sprintf("%d small block(s) and %d large block(s) still allocated", live, len(a.large)) + a.leakReport(maxLeaksReported)}
	}
	a.closed.Store(true)
	for base, size := range a.large {
		_ = sysMunmap(base, size)
	}
	for _, base := range a.supers {
		_ = sysMunmap(base, a.ssSpan)
	}
	a.supers, a.large, a.partial, a.empty, a.decommitted = nil, nil, 0, 0, 0
	a.records = nil // race build: the records went with the mappings
	a.tenureTabs = nil
	for c := range a.orphans {
		a.orphans[c].head, a.orphans[c].tail = 0, 0
	}
	a.pm.free()
	a.bytesMapped, a.bytesDecommitted = 0, 0
	return nil
}

// Trim drains the remote stacks of all orphaned slabs and returns those
// that are entirely free to their superslabs; then it gives the memory of
// every entirely free superslab back to the kernel, including the ones
// Options.RetainEmpty keeps for reuse (the next refill that needs one pays
// the page faults again). Orphans are normally reclaimed as their last block
// comes back; Trim catches the rest. Closing the last open heap decommits
// the retained superslabs too. Safe for concurrent use.
func (a *Allocator) Trim() {
	for c := 0; c < a.nclasses; c++ {
		ol := &a.orphans[c]
		ol.mu.Lock()
		var list []*slab
		for p := ol.head; p != 0; p = (*slab)(ptr(p)).orphNext {
			list = append(list, (*slab)(ptr(p)))
		}
		ol.mu.Unlock()
		for _, s := range list {
			a.reclaimSlab(c, s, true)
		}
	}
	a.mu.Lock()
	if !a.closed.Load() {
		a.trimLocked()
	}
	a.mu.Unlock()
}

// classBatch returns the Batch and LowWater of a class of sz-byte blocks:
// Options.Batch capped at BatchBytes of blocks (at least 4 blocks, never
// more than Batch), and LowWater kept below that Batch.
func classBatch(o Options, sz int) (batch, low int32) {
	b := o.Batch
	if o.BatchBytes > 0 {
		b = min(b, max(4, o.BatchBytes/sz))
	}
	return int32(b), int32(min(o.LowWater, b-1))
}
