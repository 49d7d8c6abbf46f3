package impl

import (
	"sync/atomic"
	"unsafe"
)

// A Heap allocates and frees blocks for one goroutine at a time. It caches,
// per size class, one current slab it owns and a list of free blocks of
// that slab (the Sll), so that Alloc and a Free of its own blocks touch no
// shared state: no atomics, no locks.
//
// Concurrency contract, as in package sync: a Heap must not be used by two
// goroutines at the same time (hand it over with the usual happens-before,
// e.g. a channel). Doing so is undefined in default mode (lists and
// counters may be corrupted); checked mode detects it with an owner token
// and returns ErrConcurrentUse naming the heap. Any goroutine may free any block through its own heap:
// when the block's slab belongs to another heap, or to none (the heap that
// owned it retired it or closed), the free is a lock-free push onto the
// slab's remote stack, which the owner drains at its next refill (or whose
// adopter drains it). A heap must be closed (Close) when its goroutine is
// done; blocks it allocated stay valid and may be freed through other
// heaps afterwards.
type Heap struct {
	// Read-only after creation (copies of allocator fields, kept here so
	// the fast paths touch one object).
	a         *Allocator
	id        uint32 // the Owner value of its slabs; closedID once closed
	origID    uint32 // the id it was created with (ID)
	sllMax    int32
	remoteBat int32 // RemoteBatch: blocks a local batch holds at most (0: no batches)
	maxSmall  int
	checks    bool
	closed    bool // owner only
	secret    uintptr
	linkKey   uintptr
	ssMask    uintptr
	slabShift uint
	pmTop     []uintptr
	pmShift   uint
	pmL2      uint
	lastSS    uintptr // owner only: the superslab of the last small Free (1: none)
	// busy is the owner token of checked mode: 1 while an Alloc or Free of
	// this heap runs. A second goroutine entering meanwhile gets
	// ErrConcurrentUse instead of corrupting the heap. Atomic.
	busy atomic.Uint32

	// Owner only: per class the Sll, SllCount and Current of the spec.
	cls [128]heapClass
	// Owner only: per class the spec's LocalBatch[h], remote frees not yet
	// pushed (remotebatch.go).
	rb [numClasses]localBatch

	// Remote pushes and refills per class, written by the owner, read by
	// Stats; moved into the allocator's counters when the heap closes
	// (under a.mu). (A refill counted on the allocator's shared counter
	// made every refill of one class, in any heap, write one cache line.)
	pushes  [numClasses]atomic.Int64
	refills [numClasses]atomic.Int64
	// tr is the heap's trace log (trace builds only; empty otherwise).
	// Owner only.
	tr heapTrace //lint:ignore U1000 used by the trace build (trace_on.go)
}

type heapClass struct {
	sll   uintptr // Sll: head of the cache list (blocks of cur only)
	count int32   // SllCount
	low   int32   // refill when SllCount <= low (the class's LowWater)
	cur   *slab   // Current, or nil
	// A copy of cur's geometry, so that Alloc validates the link it pops
	// (link.go) without loading the slab record: base, Cap and the
	// stride's blockQuot constants.
	base     uintptr
	inv      uint64
	capacity uint64
	shift    uint8
	_        [15]byte
}

// setCur makes s (nil: none) the current slab and copies its geometry.
func (hc *heapClass) setCur(s *slab) {
	hc.cur = s
	if s == nil {
		hc.base, hc.inv, hc.capacity, hc.shift = 0, 0, 0, 0
		return
	}
	hc.base, hc.inv, hc.capacity, hc.shift = s.base, s.inv, uint64(s.capacity), s.shift
}

// ID returns the heap's id, the value the spec's Owner holds for the slabs
// it owns (ids start at 1; 0 is Nil). A closed heap's id may be given to a
// heap created later.
func (h *Heap) ID() uint32 { return h.origID }

// Alloc returns a block of n bytes (len and cap n). Its contents are
// unspecified, like C malloc: clear it if you need zeros. n = 0 returns an
// empty slice that still owns a 16-byte block and must be freed; n < 0
// fails with ErrBadSize. Requests above the largest size class get a
// mapping of their own.
//
// The fast path pops the head of the class's cache list (heapClass.pop).
// Everything else is allocSlow: checked mode, trace builds, n < 0 and
// large n, a list at its low-water mark (refill first), a popped link that
// fails validation. allocSlow is called only in tail position, so nothing
// is kept on the stack across it and the fast path saves no registers.
// n = 0 is served by class 0 on the fast path.
//
// spec: Allocator!Alloc
func (h *Heap) Alloc(n int) ([]byte, error) {
	if h.checks || TraceBuild || uint(n) > uint(h.maxSmall) {
		return h.allocSlow(n)
	}
	hc := &h.cls[sizeToClass[(uint(n)+15)>>4&1023]&127]
	if hc.count <= hc.low {
		return h.allocSlow(n)
	}
	p, ok := hc.pop(h.linkKey)
	if !ok {
		return h.allocSlow(n)
	}
	return mkslice(p, n), nil
}

// pop takes the head block of the cache list, which holds at least one
// block. The popped block's link is validated before it becomes the head
// (link.go): inside the slab, on a stride boundary, all in one compare
// (blockQuot); 0 is valid only for the last block. On a bad link it
// returns false and changes nothing. The link and the free tag are
// cleared, so a block in use holds neither.
func (hc *heapClass) pop(key uintptr) (uintptr, bool) {
	p := hc.sll
	nx := word(p) ^ p ^ key
	if linkChecks && blockQuot(nx-hc.base, hc.inv, hc.shift) >= hc.capacity && (nx != 0 || hc.count != 1) {
		return p, false
	}
	hc.sll = nx
	hc.count--
	*(*[2]uintptr)(ptr(p)) = [2]uintptr{} // link and tag (two setWord calls: over the inlining budget)
	return p, true
}

// allocSlow is Alloc outside its fast path. Checked mode takes the owner
// token on entry and every return releases it (release); a deferred
// release cost a defer record, results kept on the stack and a test of the
// defer bits at every return.
func (h *Heap) allocSlow(n int) ([]byte, error) {
	if h.checks && !h.busy.CompareAndSwap(0, 1) {
		return nil, h.errConcurrent("Alloc")
	}
	if uint(n) > uint(h.maxSmall) {
		b, err := h.allocOther(n)
		return b, h.release(err)
	}
	c := int(sizeToClass[(uint(n)+15)>>4&1023] & 127)
	hc := &h.cls[c]
	if hc.count <= hc.low {
		if err := h.allocRefill(c); err != nil {
			return nil, h.release(err)
		}
	}
	traceBegin(h, c)
	p, ok := hc.pop(h.linkKey)
	if !ok {
		return nil, h.release(h.sllBadLink(hc, p))
	}
	if h.checks {
		err := h.checkAlloc(hc.cur, p, n)
		h.busy.Store(0)
		if err != nil {
			return nil, err
		}
	}
	traceAction(h, actAlloc, c, hc.cur, p, 1, traceSync{})
	return mkslice(p, n), nil
}

// sllBadLink reports block p, the head of the cache list hc, holding a link
// that names no block of the current slab (or ending the list before
// SllCount blocks), and abandons the list: its blocks stay counted as used.
func (h *Heap) sllBadLink(hc *heapClass, p uintptr) error {
	err := h.a.badLink("Alloc", h.origID, hc.cur, p, "cache list (Sll) of "+itoa(int(hc.count))+" block(s)")
	hc.sll, hc.count = 0, 0
	return err
}

// release releases checked mode's owner token, taken on entry to Alloc or
// Free, and returns err.
func (h *Heap) release(err error) error {
	if h.checks {
		h.busy.Store(0)
	}
	return err
}

// allocOther serves n < 0 and large n.
func (h *Heap) allocOther(n int) ([]byte, error) {
	if h.closed {
		return nil, h.errClosed("Alloc")
	}
	if n < 0 {
		return nil, &Error{Op: "Alloc", Err: ErrBadSize, Class: -1, Detail: "negative size " + itoa(n)}
	}
	return h.a.allocLarge(n, h.origID)
}

// allocRefill is Alloc's slow path: refill the cache list of class c
// (taking a slab first when the heap has none) until it holds a block.
func (h *Heap) allocRefill(c int) error {
	if h.closed {
		return h.errClosed("Alloc")
	}
	hc := &h.cls[c]
	for tries := 0; ; tries++ {
		if tries > 16 {
			return &Error{Op: "Alloc", Err: ErrCorrupt, Class: c, Size: classSize[c],
				Detail: "no block after 16 refills"}
		}
		if hc.cur == nil {
			if err := h.getSlab(c); err != nil {
				return err
			}
		}
		if err := h.refill(c); err != nil {
			return err
		}
		if hc.count > 0 {
			return nil
		}
		// The refill found nothing: the slab is exhausted.
		h.retireSlab(c)
	}
}

// errConcurrent reports a second goroutine entering the heap (checked mode).
func (h *Heap) errConcurrent(op string) error {
	return &Error{Op: op, Err: ErrConcurrentUse, Class: -1,
		Detail: "heap " + itoa(int(h.origID)) + ": another goroutine is inside an Alloc or Free of this heap (a Heap is for one goroutine at a time)"}
}

// Free gives back a block that Alloc returned (through any heap of the same
// allocator). b may be resliced to a shorter length, but must start at the
// block's first byte. Misuse is reported, never silently absorbed: a
// pointer from elsewhere (ErrForeign), one inside a block
// (ErrNotBlockStart), a block of a slab region never handed out
// (ErrNotAllocated), a second free of the same block (ErrDoubleFree; see
// README for how exact this is without Options.Checks), a closed heap
// (ErrHeapClosed).
//
// The fast path is a block of the superslab of the heap's last small Free
// that passes the block and double-free checks: a local free (freeLocal,
// inlined) or a remote one (freeRemotePush). Everything else (checked
// mode, another superslab, every error) is freeSlow, which starts over;
// the fast path has changed nothing when it calls it. Calls sit in tail
// position, so the fast path keeps nothing on the stack. (Free takes the
// slice, not a pointer behind a wrapper: a caller through an interface,
// which cannot inline the wrapper, paid a second call.)
func (h *Heap) Free(b []byte) error {
	p := addrOf(b)
	base := p &^ h.ssMask
	// Superslabs stay mapped until the allocator closes, so the last one
	// found in the pagemap needs no second lookup.
	if h.checks || base != h.lastSS {
		return h.freeSlow(p)
	}
	s := slabAt(base, (p-base)>>(h.slabShift&63))
	tag := p ^ h.secret
	if _, ok := s.blockIndex(p); !ok || word(p+8) == tag {
		return h.freeSlow(p)
	}
	if atomic.LoadUint32(&s.owner) != h.id {
		return h.freeRemotePush(s, p, tag)
	}
	if !h.freeLocal(s, p, tag) {
		h.freeLocalSlow(s, p, tag)
	}
	return nil
}

// freeSlow is Free of block p outside its fast path. Checked mode takes
// the owner token on entry and every return releases it (release), as in
// allocSlow.
func (h *Heap) freeSlow(p uintptr) error {
	if h.checks && !h.busy.CompareAndSwap(0, 1) {
		return h.errConcurrent("Free")
	}
	base := p &^ h.ssMask
	if base != h.lastSS {
		if h.pmGet(base) != base|tagSmall {
			return h.release(h.freeOther(p))
		}
		h.lastSS = base
	}
	s := slabAt(base, (p-base)>>(h.slabShift&63))
	idx, ok := s.blockIndex(p)
	if !ok {
		return h.release(h.badFree(s, p))
	}
	tag := p ^ h.secret
	if word(p+8) == tag {
		return h.release(h.errBlock("Free", ErrDoubleFree, s, p, idx, "the block is already free"))
	}
	if h.checks {
		if h.closed {
			return h.release(h.errClosed("Free"))
		}
		if err := h.checkFree(s, p, idx); err != nil {
			return h.release(err)
		}
	}
	if atomic.LoadUint32(&s.owner) == h.id {
		if !h.freeLocal(s, p, tag) {
			h.freeLocalSlow(s, p, tag)
		}
		return h.release(nil)
	}
	return h.release(h.freeRemotePush(s, p, tag))
}

// pmGet is pagemap.get on the heap's copy of the table.
func (h *Heap) pmGet(p uintptr) uintptr {
	k := p >> (h.pmShift & 63)
	i := k >> (h.pmL2 & 63)
	if i >= uintptr(len(h.pmTop)) {
		return 0
	}
	leaf := atomic.LoadUintptr(&h.pmTop[i])
	if leaf == 0 {
		return 0
	}
	return atomic.LoadUintptr((*uintptr)(unsafe.Add(ptr(leaf), (k&(1<<(h.pmL2&63)-1))*8)))
}

// FreeLocal: the block's slab is this heap's current slab: push the block
// on the cache list, or on the slab's freelist when the list is full.
//
// It does the common case (room on the cache list, no tenure to end, no
// trace, no seeded fault), a few stores the compiler inlines into Free, and
// reports false, having changed nothing, for every other case, which the
// caller hands to freeLocalSlow. (A call in here would cost the inliner's
// budget of 80 on its own: freeLocal with one cost 140.)
//
// spec: Allocator!FreeLocal
func (h *Heap) freeLocal(s *slab, p, tag uintptr) bool {
	hc := &h.cls[atomic.LoadInt32(&s.class)&127]
	if hc.count >= h.sllMax || s.tenured != 0 || TraceBuild || faultUseAfterFree {
		return false
	}
	setWord(p+8, tag)
	setWord(p, hc.sll^p^h.linkKey) // setLink, spelt out to fit the budget (TestFastPathsInline)
	hc.sll = p
	hc.count++
	return true
}

// freeLocalSlow is FreeLocal when the cache list is full (the block goes
// on the slab's freelist), when the slab has tenures (leaks.go), in trace
// builds (the action's events) and under the seeded UseAfterFree fault.
func (h *Heap) freeLocalSlow(s *slab, p, tag uintptr) {
	c := int(atomic.LoadInt32(&s.class) & 127)
	traceBegin(h, c) // not traceBeginUser: the block's Alloc is ordered before by the logs and Owner's epochs
	setWord(p+8, tag)
	if s.tenured != 0 {
		s.untenure(p) // a block of an adopted slab: its earlier owner's record ends
	}
	hc := &h.cls[c]
	if hc.count < h.sllMax {
		setLink(h.linkKey, p, hc.sll)
		hc.sll = p
		hc.count++
		if faultUseAfterFree {
			setWord(p, 0x4141414141414141) // seeded: a write after free
		}
		traceAction(h, actFreeLocal, c, s, p, 1, traceSync{})
		return
	}
	setLink(h.linkKey, p, s.freelist)
	s.freelist = p
	h.a.addActive(s, -1)
	traceAction(h, actFreeLocal, c, s, p, 1, traceSync{})
}

// pending is a remote push in progress (the spec's Pending[h]).
type pending struct {
	blk  uintptr
	seen uint64 // the packed remote head read
}

// testHookCAS, set by tests only, runs inside FreeRemoteCas before its
// CAS, after the push's read of the head (FreeRemote, or the re-read of a
// failed CAS), so that a test can make the CAS fail deterministically (or
// panic inside a traced action).
var testHookCAS func(s *slab)

// freeRemotePush frees p into slab s, which this heap does not own, by a
// Treiber push: FreeRemote, then FreeRemoteCas until it succeeds.
func (h *Heap) freeRemotePush(s *slab, p, tag uintptr) error {
	if h.closed {
		return h.errClosed("Free")
	}
	if h.remoteBat != 0 {
		return h.freeBatched(s, p, tag)
	}
	// Read what we need of s while our block still counts in its Used: once
	// the CAS below publishes the block, the owner may drain it and the slab
	// may be returned and reused for another class.
	c, capacity := atomic.LoadInt32(&s.class), uint64(s.capacity)
	setWord(p+8, tag)
	pd := h.freeRemote(s, p)
	for {
		if uint64(remoteLen(pd.seen)) >= capacity {
			return h.errBlock("Free", ErrCorrupt, s, p, 0,
				"remote stack holds "+itoa(int(remoteLen(pd.seen)))+" blocks, capacity "+itoa(int(capacity)))
		}
		if h.freeRemoteCas(s, &pd) {
			break
		}
	}
	h.pushes[c].Add(1)
	// An orphan whose last block just came back is returned to its
	// superslab. (The owner's store of Owner = Nil and our CAS are both
	// sequentially consistent, so either we see the orphan here or the
	// retiring heap sees our push when it checks after orphaning. If s was
	// recycled meanwhile, Adopt refuses it: it is not an orphan of class c.)
	if atomic.LoadUint32(&s.owner) == 0 && remoteLen(pd.seen)+1 == atomic.LoadInt32(&s.used) {
		h.a.reclaimSlab(int(c), s, false)
	}
	return nil
}

// FreeRemote: start a Treiber push of p onto s's remote stack: read the
// head and link p to it.
//
// spec: Allocator!FreeRemote
func (h *Heap) freeRemote(s *slab, p uintptr) pending {
	c := int(atomic.LoadInt32(&s.class)) // stable while p counts in s's Used
	traceBeginUser(h, c)
	seen := loadRemote(s)
	setLink(h.linkKey, p, s.remoteHead(seen))
	traceAction(h, actFreeRemote, c, s, p, 1, traceSync{remote: syncRead, r: seen})
	return pending{blk: p, seen: seen}
}

// FreeRemoteCas: one compare-and-swap of s's remote head from the value
// read to the pending block. On failure it re-reads the head and relinks
// the block; the caller tries again.
//
// spec: Allocator!FreeRemoteCas
func (h *Heap) freeRemoteCas(s *slab, pd *pending) bool {
	c := int(atomic.LoadInt32(&s.class)) // read before the CAS publishes the block
	traceBegin(h, c)
	if testHookCAS != nil {
		testHookCAS(s) // inside the action: a trace build holds no lock here
	}
	w := s.remotePushed(pd.seen, pd.blk, 1)
	if atomic.CompareAndSwapUint64(&s.remote, pd.seen, w) {
		traceAction(h, actFreeRemoteCas, c, s, pd.blk, 1, traceSync{remote: syncWrite, r: pd.seen, w: w})
		return true
	}
	pd.seen = atomic.LoadUint64(&s.remote)
	setLink(h.linkKey, pd.blk, s.remoteHead(pd.seen))
	traceAction(h, actFreeRemoteCas, c, s, pd.blk, 0, traceSync{remote: syncRead, r: pd.seen, casFailed: true})
	return false
}

// flushEvents moves the heap's event counts to the allocator's. Caller
// holds a.mu.
func (h *Heap) flushEvents() {
	for c := range h.pushes {
		if n := h.pushes[c].Load(); n != 0 {
			h.a.ev[c].pushes.Add(n)
			h.pushes[c].Store(0)
		}
		if n := h.refills[c].Load(); n != 0 {
			h.a.ev[c].refills.Add(n)
			h.refills[c].Store(0)
		}
	}
}

// Close ends the heap (the spec's HeapExit, for every class): each cache
// list is flushed back onto its slab's freelist and each current slab is
// orphaned. Remote frees into those slabs keep working; an orphan whose
// blocks are all free is returned to its superslab. Blocks the heap
// allocated stay valid. Close is idempotent; afterwards Alloc and Free on
// this heap fail with ErrHeapClosed. What Close finds wrong (a forged link
// on a cache list, SllCount disagreeing with the list) it cannot return:
// it is recorded as the allocator's corruption, which Allocator.Err
// returns and which makes Allocator.Close refuse.
//
// spec: Allocator!HeapExit
func (h *Heap) Close() {
	if h.closed {
		return
	}
	// No batch is left behind: each is pushed to its slab first.
	h.flushAll()
	for c := range h.cls {
		if h.cls[c].cur != nil {
			h.exitClass(c)
		}
	}
	h.closed = true
	// No slab has this owner, so every Free takes the remote path, which
	// reports the closed heap (the old id may be reused by a new heap).
	h.id = closedID
	h.lastSS = 1
	h.a.heapClosed(h)
}

// exitClass is HeapExit for one class: flush the Sll onto the current
// slab's freelist, orphan the slab.
func (h *Heap) exitClass(c int) {
	traceBegin(h, c)
	hc := &h.cls[c]
	s := hc.cur
	if hc.sll != 0 {
		// Walk to the tail; the list's real length is what moves (the
		// spec's Len(List(Sll[h]))), and a disagreement with SllCount is
		// recorded as corruption.
		tail, n := hc.sll, int32(1)
		bad := false
		for n <= s.capacity {
			nx, ok := h.a.nextLink(s, tail)
			if !ok {
				// A forged link: the list is abandoned (its blocks
				// stay counted as used), never followed.
				h.a.badLink("HeapExit", h.origID, s, tail, "cache list (Sll)")
				bad = true
				break
			}
			if nx == 0 {
				break
			}
			tail = nx
			n++
		}
		if !bad {
			if n != hc.count {
				h.a.corrupt("HeapExit", s, "CountsMatchLists: SllCount "+itoa(int(hc.count))+" but the Sll holds "+itoa(int(n)))
			}
			setLink(h.linkKey, tail, s.freelist)
			s.freelist = hc.sll
			h.a.addActive(s, -n)
		}
	}
	hc.sll, hc.count = 0, 0
	hc.setCur(nil)
	// The event is written before orphan publishes s: from then on
	// another heap may adopt it and change what the event reports.
	e := s.nextEpoch()
	traceAction(h, actHeapExit, c, s, 0, 0, traceSync{epoch: e})
	h.orphan(c, s)
	h.maybeReclaim(c, s)
}

func (h *Heap) errClosed(op string) error {
	if h.a.closed.Load() {
		return &Error{Op: op, Err: ErrClosed, Class: -1}
	}
	return &Error{Op: op, Err: ErrHeapClosed, Class: -1, Detail: "heap " + itoa(int(h.origID))}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [24]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func slabAddr(s *slab) uintptr { return uintptr(unsafe.Pointer(s)) }
