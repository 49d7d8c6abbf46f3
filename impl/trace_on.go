//go:build trace

package impl

// Trace emission (build tag trace): one event per spec action of
// tla/Allocator.tla that a traced allocator performs on its traced size
// class, in the spec's vocabulary, for gotlc -trace (gotlc/tracecheck).
//
// No lock orders the actions. Each heap writes its own log: its events
// carry the heap's own sequence number, and are appended to a buffer only
// the heap's goroutine touches (a heap is used by one goroutine at a time;
// the internal reclaim heap is used under its class's reclaimMu). A full
// buffer (64 KiB) is copied to the output under the tracer's writer mutex:
// that orders chunks in the file, not actions, and the checker ignores the
// file's order across logs. Every event on a shared object also carries
// what orders it against other heaps: the version of the remote stack's
// head word that the action read and the one it wrote (remote.go), and
// the slab's owner epoch (slab.epoch) at a change of owner. The checker
// merges the logs (docs/trace-validation.md explains why the merged order
// is a linearization of the run).
//
// An event observes only what its action may read without a race: its
// heap's own state (Sll, SllCount, Current, Chain, Pending), the slab it
// owns (Freelist, Used, Carved, Owner), the block it holds (next, InUse),
// and the remote head as its own atomic operation read or wrote it. The
// superslab counters (TotalActive), which every owner of a slab of the
// superslab changes, are observed in the end record, when no heap is open.
//
// Format (see gotlc/tracecheck for the reader):
//
//	{"trace":"veralloc","spec":"Allocator","logs":"per-heap","class":C,...,"constants":{...}}
//	{"h":1,"i":1,"a":"AcquireSlab","p":[1,3],"o":[...],"v":[["Owner",3,0,1,"fresh"],...]}
//	{"h":2,"i":7,"a":"FreeRemoteCas","p":[2],"o":[...],"v":[["Remote",3,5,null]],"cas":false}
//	{"end":true,"events":N,"logs":[n1,n2,...],"constants":{...},"final":[...]}
//
// "h" is the log (the spec's heap), "i" the event's number in it (from 1);
// "p" the action's parameters in the spec's order (heaps and slabs as
// small integers, blocks as [slab, index] with index from 1, null for
// Nil); each "o" entry [var, key, value] says var'[key] = value (for a
// set, whether key is in it). Each "v" entry [object, key, read, wrote]
// says the action read version read of object[key] and wrote version
// wrote (null: it only read); "fresh" marks the first use of a slab after
// it came from the free pool, whose versions moved while it served other
// classes. "cas":false marks a compare-and-swap that failed (whether that
// is a step of the spec or a stutter is the checker's decision). "t" is
// the action's window, [start, end] in nanoseconds of the monotonic clock
// since the trace started: its step took effect inside it, so an action
// that ended before another started came first. The end record counts the events
// (in all and per log) and gives the constants known only at the end and
// the final values of the counters ("final").

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// TraceBuild reports whether the package was built with -tags trace.
const TraceBuild = true

// active is the tracer of the allocator being traced (one at a time).
var active atomic.Pointer[tracer]

// tracedClass is the traced size class of the active tracer (-1: none),
// what the inlined hooks compare with.
var tracedClass atomic.Int32

func init() { tracedClass.Store(-1) }

// exactWindows, when set before StartTrace (by a test), makes every
// action read the clock before and after its step, so that its window is
// the time it ran (TestTracedActionsOverlap). Otherwise a window is only
// as tight as the hand-offs through the user need (see traceBegin).
var exactWindows bool

// startMu serialises StartTrace and StopTrace.
var startMu sync.Mutex

// TraceStats counts the events a trace holds.
type TraceStats struct {
	Events    int64            // events written
	PerAction map[string]int64 // events per spec action
}

// heapTrace is a heap's handle on its log (trace builds only).
type heapTrace struct {
	t   *tracer
	log *heapLog
}

// heapLog is the log of one spec heap: written only by the goroutine using
// the heap (several Heap values over time when an id is reused; each hands
// over to the next through the allocator's mutex).
type heapLog struct {
	id    int   // the spec's heap
	heap  *Heap // the Heap using the log last (its local batch is read at StopTrace)
	seq   int64 // events written
	e     enc   // the buffer: events in the binary format (trace_enc.go)
	jbuf  []byte
	begin int64 // start of the current action's window
	// last is the log's last clock reading (ns since the trace started);
	// pend is the offset in e.b of the first record whose window's end
	// is not known yet (-1: none): the next reading ends it and every
	// record after it (see (*tracer).clock).
	last      int64
	pend      int
	perAction [len(actionNames)]int64
}

type tracer struct {
	a     *Allocator
	class int
	start time.Time
	bin   bool // write the binary format (else NDJSON)
	exact bool // read the clock before and after every action (exactWindows)

	mu   sync.Mutex // guards logs and the writer
	logs map[uint32]*heapLog
	w    *bufio.Writer
	err  error

	// live, set by StopTrace, holds the superslabs mapped at the end: a
	// link into any other (a bug's) is written as no block, not followed.
	live map[uintptr]bool
}

func traceHeap(h *Heap) (*tracer, *heapLog) {
	t := active.Load()
	if t == nil || t.a != h.a {
		return nil, nil
	}
	if h.tr.t == t {
		return t, h.tr.log
	}
	t.mu.Lock()
	l := t.logs[h.origID]
	if l == nil {
		l = &heapLog{id: len(t.logs) + 1, e: enc{b: make([]byte, 0, 68<<10)}, pend: -1}
		t.logs[h.origID] = l
	}
	t.mu.Unlock()
	l.heap = h
	h.tr = heapTrace{t: t, log: l}
	return t, l
}

// traceBegin marks the start of a spec action of h on class c: its
// window starts at the log's last clock reading, which is before the
// step. Small enough to inline: an untraced class pays one atomic load
// and a compare.
func traceBegin(h *Heap, c int) {
	if int32(c) == tracedClass.Load() {
		traceBeginSlow(h, false)
	}
}

// traceBeginUser is traceBegin for an action that takes a block from the
// user through a heap that does not own the block's slab (FreeRemote,
// FreeToBatch): its window starts at a clock reading taken now, after the
// user got the block from the Alloc whose window ended before it was
// handed over (windows order the hand-off; docs/trace-validation.md).
// FreeLocal needs no reading: the heap owns the slab, so the block's
// Alloc is ordered before it by the logs and the slab's owner epochs.
func traceBeginUser(h *Heap, c int) {
	if int32(c) == tracedClass.Load() {
		traceBeginSlow(h, true)
	}
}

func traceBeginSlow(h *Heap, read bool) {
	if t := active.Load(); t == nil {
		return
	}
	if t, l := traceHeap(h); t != nil {
		if read || t.exact {
			t.clock(l)
		}
		l.begin = l.last
	}
}

// clock reads the monotonic clock for log l: the reading is l.last, and
// the end of the window of every record of l whose end was not known
// (they all took effect before this reading).
func (t *tracer) clock(l *heapLog) int64 {
	now := int64(time.Since(t.start))
	l.last = now
	if l.pend >= 0 {
		for r := l.e.b[l.pend:]; len(r) > 0; {
			binary.LittleEndian.PutUint64(r[24:], uint64(now))
			r = r[binary.LittleEndian.Uint16(r[6:]):]
		}
		l.pend = -1
	}
	return now
}

// traceAction is the hook every spec action calls after its step, with
// the heap, the class, the slab and the block it touched, the number of
// blocks moved and what orders it (v). Inlined like traceBegin.
func traceAction(h *Heap, act action, c int, s *slab, blk uintptr, n int, v traceSync) {
	if int32(c) == tracedClass.Load() {
		traceActionSlow(h, act, c, s, blk, n, &v)
	}
}

func traceActionSlow(h *Heap, act action, c int, s *slab, blk uintptr, n int, v *traceSync) {
	if t := active.Load(); t == nil || c != t.class || s == nil {
		return
	}
	t, l := traceHeap(h)
	if t == nil {
		return
	}
	t.event(l, h, act, c, s, blk, n, v)
	if len(l.e.b) >= 64<<10 {
		t.flush(l)
	}
}

// flush moves l's buffer to the output: as it is, or (NDJSON) turned
// into lines first, outside the writer's lock.
func (t *tracer) flush(l *heapLog) {
	if l.pend >= 0 {
		t.clock(l) // the records' windows end by now
	}
	out := l.e.b
	if !t.bin {
		j := l.jbuf[:0]
		for r := l.e.b; len(r) > 0; {
			n := int(binary.LittleEndian.Uint16(r[6:]))
			j = toJSON(j, r[:n])
			r = r[n:]
		}
		l.jbuf, out = j, j
	}
	t.mu.Lock()
	if t.err == nil {
		_, t.err = t.w.Write(out)
	}
	t.mu.Unlock()
	l.e.b = l.e.b[:0]
}

// StartTrace makes a write one event per spec action on size class class
// to w as NDJSON (a header line first). Call it before any heap of a is
// used, at most once per allocator; only one allocator is traced at a
// time.
func (a *Allocator) StartTrace(w io.Writer, class int) error { return a.startTrace(w, class, false) }

// StartTraceBinary is StartTrace writing the binary format (trace_enc.go),
// which costs the traced allocator less and gotlc -trace reads faster.
func (a *Allocator) StartTraceBinary(w io.Writer, class int) error {
	return a.startTrace(w, class, true)
}

func (a *Allocator) startTrace(w io.Writer, class int, bin bool) error {
	if class < 0 || class >= a.nclasses {
		return fmt.Errorf("veralloc: StartTrace: no size class %d (have 0..%d)", class, a.nclasses-1)
	}
	startMu.Lock()
	defer startMu.Unlock()
	if active.Load() != nil {
		return errors.New("veralloc: StartTrace: another allocator is being traced")
	}
	t := &tracer{a: a, class: class, w: bufio.NewWriterSize(w, 1<<16), logs: map[uint32]*heapLog{},
		start: time.Now(), bin: bin, exact: exactWindows}
	ci := a.classes[class]
	b := []byte(`{"trace":"veralloc","spec":"Allocator","logs":"per-heap","class":`)
	b = strconv.AppendInt(b, int64(class), 10)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(ci.size), 10)
	b = append(b, `,"lowWater":`...)
	b = strconv.AppendInt(b, int64(ci.low), 10)
	b = append(b, `,"constants":{"Cap":`...)
	b = strconv.AppendInt(b, int64(ci.capacity), 10)
	b = append(b, `,"Batch":`...)
	b = strconv.AppendInt(b, int64(ci.batch), 10)
	b = append(b, `,"SllMax":`...)
	b = strconv.AppendInt(b, int64(a.opts.SllMax), 10)
	b = append(b, `,"RemoteBatch":`...)
	b = strconv.AppendInt(b, int64(a.opts.RemoteBatch), 10)
	b = append(b, `,"Nil":{"$model":"Nil"},"Bug":"none"}`...)
	if bin {
		b = append(b, `,"format":"binary",`...)
		b = tablesJSON(b)
	}
	b = append(b, '}')
	if bin {
		pre := binary.LittleEndian.AppendUint32([]byte(traceMagic), uint32(len(b)))
		b = append(pre, b...)
	} else {
		b = append(b, '\n')
	}
	if _, err := t.w.Write(b); err != nil {
		return err
	}
	active.Store(t)
	tracedClass.Store(int32(class))
	return nil
}

// StopTrace ends the trace of a: it writes every log's last events and the
// end record (the event counts, the heaps, slabs and superslabs seen, the
// final counters) and flushes. Call it when no heap of a is in use. It
// returns the first write error.
func (a *Allocator) StopTrace() (TraceStats, error) {
	startMu.Lock()
	defer startMu.Unlock()
	t := active.Load()
	if t == nil || t.a != a {
		return TraceStats{}, errors.New("veralloc: StopTrace: the allocator is not being traced")
	}
	tracedClass.Store(-1)
	active.Store(nil)
	logs := make([]*heapLog, len(t.logs))
	for _, l := range t.logs {
		logs[l.id-1] = l
	}
	st := TraceStats{PerAction: map[string]int64{}}
	for _, l := range logs {
		if len(l.e.b) > 0 {
			t.flush(l)
		}
		st.Events += l.seq
		for i, n := range l.perAction {
			st.PerAction[actionNames[i]] += n
		}
	}
	for k, n := range st.PerAction {
		if n == 0 {
			delete(st.PerAction, k)
		}
	}
	a.mu.Lock()
	nss := len(a.supers)
	supers := append([]uintptr(nil), a.supers...)
	a.mu.Unlock()
	per := a.slots - a.firstSlot
	t.live = map[uintptr]bool{}
	for _, base := range supers {
		if base != 0 {
			t.live[base] = true
		}
	}
	b := []byte(`{"end":true,"events":`)
	b = strconv.AppendInt(b, st.Events, 10)
	b = append(b, `,"logs":[`...)
	for i, l := range logs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, l.seq, 10)
	}
	b = append(b, `],"constants":{"Heaps":{"$set":[`...)
	for i := 1; i <= max(len(logs), 1); i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	b = append(b, `]},"Slabs":{"$set":[`...)
	for i := 1; i <= nss*per; i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	b = append(b, `]},"SuperSlabs":{"$set":[`...)
	for i := 1; i <= nss; i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	b = append(b, `]},"SuperOf":[`...)
	for i := 0; i < nss*per; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i/per+1), 10)
	}
	b = append(b, `]},"final":[`...)
	// The final counters: TotalActive of every superslab (the traced
	// class's share), and Used, Carved and Remote of the traced class's
	// slabs. No heap is open: nothing changes them meanwhile.
	var fe enc
	for _, base := range supers {
		ss := ssAt(base)
		if base == 0 || ss.sentinel != ssSentinel {
			continue
		}
		v := atomic.LoadInt64(&ss.totalActive)
		for i := a.firstSlot; i < a.slots; i++ {
			s := ss.slab(a, i)
			if int(atomic.LoadInt32(&s.class)) != t.class {
				v -= int64(atomic.LoadInt32(&s.used))
			}
		}
		obsInt(&fe, vTotalActive, int64(ss.index)+1, v)
		for i := a.firstSlot; i < a.slots; i++ {
			s := ss.slab(a, i)
			if int(atomic.LoadInt32(&s.class)) != t.class {
				continue
			}
			sid := int64(t.slabID(s))
			obsInt(&fe, vUsed, sid, int64(atomic.LoadInt32(&s.used)))
			obsInt(&fe, vCarved, sid, int64(atomic.LoadInt32(&s.carved)))
			t.obsBlock(&fe, vRemote, sid, s.remoteHead(atomic.LoadUint64(&s.remote)))
		}
	}
	// Every heap's local batch of the traced class: empty once its heap
	// closed (Close pushes it), unless a bug dropped or kept it.
	for _, l := range logs {
		t.obsBatch(&fe, int64(l.id), &l.heap.rb[t.class], false, 0)
	}
	if fin := obsJSON(nil, &fe); len(fin) > 0 {
		b = append(b, fin[1:]...) // without the first comma
	}
	b = append(b, "]}"...)
	if t.bin {
		pre := binary.LittleEndian.AppendUint32([]byte{recEnd}, uint32(len(b)))
		b = append(pre, b...)
	} else {
		b = append(b, '\n')
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err == nil {
		_, t.err = t.w.Write(b)
	}
	if t.err == nil {
		t.err = t.w.Flush()
	}
	return st, t.err
}

// slabID is the spec's slab of record s: slabs are numbered by superslab
// index and slot, from 1, so that no table (and no lock) is needed.
func (t *tracer) slabID(s *slab) int {
	if s == nil {
		return 0
	}
	a := t.a
	ss := ssAt(s.ss)
	return int(ss.index)*(a.slots-a.firstSlot) + int(s.slot) - a.firstSlot + 1
}

// slabOfAddr is the slab record holding address p (a block of any slab).
func (t *tracer) slabOfAddr(p uintptr) *slab {
	a := t.a
	base := p &^ (a.ssAlign - 1)
	slot := (p - base) >> a.slabShift
	return slabAt(base, slot)
}

// block writes block p as <<slab, index>>, or null for 0.
func (t *tracer) block(e *enc, p uintptr) {
	if p == 0 {
		e.null()
		return
	}
	if s := e.slab; s != nil && p >= s.base && p < s.base+uintptr(s.capacity)*s.stride {
		// A block of the event's slab (most are): no lookup.
		e.pair(e.sid, int64((p-s.base)/s.stride)+1)
		return
	}
	if base := p &^ (t.a.ssAlign - 1); t.a.pm.get(base) != base|tagSmall || (t.live != nil && !t.live[base]) {
		// Not in a superslab mapped now (a bug's link, or a head packed
		// against the wrong slab): written as no block, not followed;
		// the checker reports it.
		e.pair(0, -1)
		return
	}
	s := t.slabOfAddr(p)
	if s.stride == 0 || p < s.base {
		e.pair(int64(t.slabID(s)), -1) // not a block of its slab: the checker reports it
		return
	}
	e.pair(int64(t.slabID(s)), int64((p-s.base)/s.stride)+1)
}

// walk follows n-1 links from p (stopping at the end of the list).
func walk(key, p uintptr, n int) uintptr {
	for i := 1; i < n && p != 0; i++ {
		nx := getLink(key, p)
		if nx == 0 {
			break
		}
		p = nx
	}
	return p
}

func obsInt(e *enc, v byte, key, val int64) {
	e.obs(v, key)
	e.int(val)
}

func (t *tracer) obsBlock(e *enc, v byte, key int64, p uintptr) {
	e.obs(v, key)
	t.block(e, p)
}

// obsNext writes ["next", <<s, i>>, value].
func (t *tracer) obsNext(e *enc, p uintptr) {
	e.nobs++
	e.u8(vNext)
	t.block(e, p)
	t.block(e, t.next(p))
}

func (t *tracer) obsInUse(e *enc, p uintptr, in bool) {
	e.nobs++
	e.u8(vInUse)
	t.block(e, p)
	e.bool(in)
}

// next is block p's next pointer in the spec's terms: the decoded link of
// a free block, Nil for a block Alloc handed out (Alloc clears the word:
// a raw 0, which no encoded link is).
func (t *tracer) next(p uintptr) uintptr {
	if word(p) == 0 {
		return 0
	}
	return getLink(t.a.linkKey, p)
}

// ver writes one version entry: read version r of obj[key], and wrote w
// (when wrote).
func ver(e *enc, obj byte, key int64, r, w uint32, wrote, fresh bool) {
	e.u8(obj)
	e.i32(key)
	e.b = binary.LittleEndian.AppendUint32(e.b, r)
	e.b = binary.LittleEndian.AppendUint32(e.b, w)
	var fl byte
	if wrote {
		fl |= 1
	}
	if fresh {
		fl |= 2
	}
	e.u8(fl)
}

// slabState writes the owner's view of slab s: Freelist, Used, Carved.
func (t *tracer) slabState(e *enc, sid int64, s *slab) {
	t.obsBlock(e, vFreelist, sid, s.freelist)
	obsInt(e, vUsed, sid, int64(atomic.LoadInt32(&s.used)))
	obsInt(e, vCarved, sid, int64(atomic.LoadInt32(&s.carved)))
}

// heapState writes heap h's Sll, SllCount and Current for class c.
func (t *tracer) heapState(e *enc, hid int64, hc *heapClass) {
	t.obsBlock(e, vSll, hid, hc.sll)
	obsInt(e, vSllCount, hid, int64(hc.count))
	e.obs(vCurrent, hid)
	if hc.cur == nil {
		e.null()
	} else {
		e.int(int64(t.slabID(hc.cur)))
	}
}

// ownerObs writes Owner[s] as the heap (spec hid) that owns it reads it:
// hid if s's owner is h, -1 (no heap; the checker reports it) if not.
func (t *tracer) ownerObs(e *enc, sid, hid int64, h *Heap, s *slab) {
	if atomic.LoadUint32(&s.owner) != h.id {
		hid = -1
	}
	owner(e, sid, hid)
}

func owner(e *enc, sid, hid int64) {
	e.obs(vOwner, sid)
	if hid == 0 {
		e.null()
	} else {
		e.int(hid)
	}
}

// chainRec writes a Chain[h] record.
func (t *tracer) chainRec(e *enc, head, tail uintptr, n int) {
	e.rec(shapeChain)
	t.block(e, head)
	t.block(e, tail)
	e.int(int64(n))
}

// batch writes the local batch lb as the spec's LocalBatch[h] record;
// pushing says a push of it has started, having read the remote head seen.
func (t *tracer) batch(e *enc, lb *localBatch, pushing bool, seen uintptr) {
	e.rec(shapeBatch)
	if lb.count == 0 && !pushing {
		e.null()
		e.null()
		e.null()
		e.int(0)
		e.null()
		e.bool(false)
		return
	}
	if lb.slab == nil {
		e.null()
	} else {
		e.int(int64(t.slabID(lb.slab)))
	}
	t.block(e, lb.head)
	t.block(e, lb.tail)
	e.int(int64(lb.count))
	if pushing {
		t.block(e, seen)
	} else {
		e.null()
	}
	e.bool(pushing)
}

// obsBatch writes ["LocalBatch", h, record] (see batch).
func (t *tracer) obsBatch(e *enc, hid int64, lb *localBatch, pushing bool, seen uintptr) {
	e.obs(vLocalBatch, hid)
	t.batch(e, lb, pushing, seen)
}

// event appends one event of log l to its buffer (l.e).
func (t *tracer) event(l *heapLog, h *Heap, act action, c int, s *slab, blk uintptr, n int, v *traceSync) {
	hc := &h.cls[c]
	hid := int64(l.id)
	sid := int64(t.slabID(s))
	l.seq++
	l.perAction[act]++
	e := &l.e
	e.nobs = 0
	if s.stride != 0 {
		e.slab, e.sid = s, sid
	}

	at := len(e.b)
	var fl byte
	if v.casFailed {
		fl = 1
	}
	e.b = append(e.b, recEvent, byte(act), fl, 1, 0, 0, 0, 0)
	e.b = binary.LittleEndian.AppendUint32(e.b, uint32(hid))
	e.b = binary.LittleEndian.AppendUint32(e.b, uint32(l.seq))
	e.b = binary.LittleEndian.AppendUint64(e.b, uint64(l.begin))
	e.b = binary.LittleEndian.AppendUint64(e.b, 0) // t1, below

	e.int(hid)
	switch act {
	case actAcquireSlab, actAdopt:
		e.int(sid)
		e.b[at+3] = 2
	case actFreeLocal, actFreeRemote, actFreeToBatch:
		t.block(e, blk)
		e.b[at+3] = 2
	}
	e.obs(vPhase, hid)
	switch act {
	case actDrainRemote:
		e.str(sDrained)
	case actPopFreelist:
		e.str(sPopped)
	case actLinearCarve:
		e.str(sCarved)
	default:
		e.str(sIdle)
	}

	switch act {
	case actAlloc:
		t.heapState(e, hid, hc)
		t.obsNext(e, blk)
		t.obsInUse(e, blk, true)
	case actFreeLocal:
		t.heapState(e, hid, hc)
		t.slabState(e, sid, s)
		t.obsNext(e, blk)
		t.obsInUse(e, blk, false)
	case actFreeRemote, actFreeRemoteCas:
		if act == actFreeRemote {
			t.obsInUse(e, blk, false)
		}
		e.obs(vPending, hid)
		e.rec(shapePending)
		if v.remote == syncWrite {
			e.null()
			e.null()
			t.obsBlock(e, vRemote, sid, s.remoteHead(v.w))
			break
		}
		head := s.remoteHead(v.r)
		t.block(e, blk)
		t.block(e, head)
		t.obsBlock(e, vRemote, sid, head)
		t.obsNext(e, blk)
	case actFreeToBatch:
		// The batch is the heap's own: blk is its new head.
		t.obsInUse(e, blk, false)
		t.obsNext(e, blk)
		t.obsBatch(e, hid, &h.rb[c], false, 0)
	case actFreeRemoteBatch, actFreeRemoteBatchCas:
		lb := &h.rb[c]
		if v.remote == syncWrite {
			// The CAS published the batch (the caller empties lb next).
			t.obsBatch(e, hid, &localBatch{}, false, 0)
			t.obsBlock(e, vRemote, sid, s.remoteHead(v.w))
			break
		}
		// The push's read of the head (or a failed CAS's re-read), and
		// the links it set: the tail's, and the head's, which a push must
		// leave alone.
		head := s.remoteHead(v.r)
		t.obsBatch(e, hid, lb, true, head)
		t.obsBlock(e, vRemote, sid, head)
		t.obsNext(e, lb.tail)
		if lb.head != lb.tail {
			t.obsNext(e, lb.head)
		}
	case actDrainRemote, actAdopt:
		t.heapState(e, hid, hc)
		t.slabState(e, sid, s)
		t.ownerObs(e, sid, hid, h, s)
		t.obsBlock(e, vRemote, sid, s.remoteHead(v.w))
		if n > 0 {
			t.obsNext(e, walk(t.a.linkKey, blk, n))
		}
	case actPopFreelist:
		t.slabState(e, sid, s)
		e.obs(vChain, hid)
		if n == 0 {
			t.chainRec(e, 0, 0, 0)
			break
		}
		tail := walk(t.a.linkKey, blk, n)
		t.chainRec(e, blk, tail, n)
		t.obsNext(e, tail)
	case actLinearCarve:
		t.slabState(e, sid, s)
		if n > 0 {
			t.obsNext(e, blk+uintptr(n-1)*s.stride)
			if n > 1 {
				t.obsNext(e, blk)
			}
		}
	case actSpliceToSll:
		t.heapState(e, hid, hc)
		e.obs(vChain, hid)
		t.chainRec(e, 0, 0, 0)
		if n > 0 {
			t.obsNext(e, walk(t.a.linkKey, blk, n))
		}
	case actAcquireSlab:
		t.heapState(e, hid, hc)
		t.slabState(e, sid, s)
		t.ownerObs(e, sid, hid, h, s)
	case actRetireSlab, actHeapExit:
		// Called before the slab is published to the pool or the orphan
		// registry (after that another heap may take it): Owner is Nil
		// from then on.
		t.heapState(e, hid, hc)
		t.slabState(e, sid, s)
		owner(e, sid, 0)
	}
	nv := 0
	if v.remote != syncNone {
		ver(e, vRemote, sid, remoteVersion(v.r), remoteVersion(v.w), v.remote == syncWrite, v.fresh)
		nv++
	}
	if v.epoch != 0 {
		ver(e, vOwner, sid, v.epoch-1, v.epoch, true, v.fresh)
		nv++
	}
	r := e.b[at:]
	r[4], r[5] = byte(e.nobs), byte(nv)
	binary.LittleEndian.PutUint16(r[6:], uint16(len(r)))
	e.slab = nil
	if l.pend < 0 {
		l.pend = at
	}
	if act == actAlloc || act == actHeapExit || t.exact {
		// The window of an Alloc ends before its block reaches the user
		// (and may be handed to another heap); a heap's exit before the
		// log may pass to another goroutine. Other records' windows end
		// at the log's next reading.
		t.clock(l)
	}
}
