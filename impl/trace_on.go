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
	id        int   // the spec's heap
	heap      *Heap // the Heap using the log last (its local batch is read at StopTrace)
	seq       int64 // events written
	buf       []byte
	begin     int64 // start of the current action (windows)
	perAction [len(actionNames)]int64
}

type tracer struct {
	a     *Allocator
	class int
	start time.Time

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
		l = &heapLog{id: len(t.logs) + 1, buf: make([]byte, 0, 80<<10)}
		t.logs[h.origID] = l
	}
	t.mu.Unlock()
	l.heap = h
	h.tr = heapTrace{t: t, log: l}
	return t, l
}

// traceBegin marks the start of a spec action of h on class c: its
// window's start (only for the traced class: reading the clock is most of
// what tracing costs an untraced class).
func traceBegin(h *Heap, c int) {
	if t := active.Load(); t == nil || c != t.class {
		return
	}
	if t, l := traceHeap(h); t != nil {
		l.begin = int64(time.Since(t.start))
	}
}

// traceAction is the hook every spec action calls after its step, with
// the heap, the class, the slab and the block it touched, the number of
// blocks moved and what orders it (v).
func traceAction(h *Heap, act action, c int, s *slab, blk uintptr, n int, v traceSync) {
	if t := active.Load(); t == nil || c != t.class || s == nil {
		return
	}
	t, l := traceHeap(h)
	if t == nil {
		return
	}
	l.buf = t.event(l.buf, l, h, act, c, s, blk, n, v)
	if len(l.buf) >= 64<<10 {
		t.flush(l)
	}
}

// flush moves l's buffer to the output.
func (t *tracer) flush(l *heapLog) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err == nil {
		_, t.err = t.w.Write(l.buf)
	}
	l.buf = l.buf[:0]
}

// StartTrace makes a write one event per spec action on size class class
// to w (a header line first). Call it before any heap of a is used, at
// most once per allocator; only one allocator is traced at a time.
func (a *Allocator) StartTrace(w io.Writer, class int) error {
	if class < 0 || class >= a.nclasses {
		return fmt.Errorf("veralloc: StartTrace: no size class %d (have 0..%d)", class, a.nclasses-1)
	}
	startMu.Lock()
	defer startMu.Unlock()
	if active.Load() != nil {
		return errors.New("veralloc: StartTrace: another allocator is being traced")
	}
	t := &tracer{a: a, class: class, w: bufio.NewWriterSize(w, 1<<16), logs: map[uint32]*heapLog{},
		start: time.Now()}
	ci := a.classes[class]
	b := []byte(`{"trace":"veralloc","spec":"Allocator","logs":"per-heap","class":`)
	b = strconv.AppendInt(b, int64(class), 10)
	b = append(b, `,"size":`...)
	b = strconv.AppendInt(b, int64(ci.size), 10)
	b = append(b, `,"lowWater":`...)
	b = strconv.AppendInt(b, int64(a.opts.LowWater), 10)
	b = append(b, `,"constants":{"Cap":`...)
	b = strconv.AppendInt(b, int64(ci.capacity), 10)
	b = append(b, `,"Batch":`...)
	b = strconv.AppendInt(b, int64(a.opts.Batch), 10)
	b = append(b, `,"SllMax":`...)
	b = strconv.AppendInt(b, int64(a.opts.SllMax), 10)
	b = append(b, `,"RemoteBatch":`...)
	b = strconv.AppendInt(b, int64(a.opts.RemoteBatch), 10)
	b = append(b, `,"Nil":{"$model":"Nil"},"Bug":"none"}}`...)
	b = append(b, '\n')
	if _, err := t.w.Write(b); err != nil {
		return err
	}
	active.Store(t)
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
	active.Store(nil)
	logs := make([]*heapLog, len(t.logs))
	for _, l := range t.logs {
		logs[l.id-1] = l
	}
	st := TraceStats{PerAction: map[string]int64{}}
	for _, l := range logs {
		if len(l.buf) > 0 {
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
	first := true
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
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, `["TotalActive",`...)
		b = strconv.AppendInt(b, int64(ss.index)+1, 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, v, 10)
		b = append(b, ']')
		for i := a.firstSlot; i < a.slots; i++ {
			s := ss.slab(a, i)
			if int(atomic.LoadInt32(&s.class)) != t.class {
				continue
			}
			sid := int64(t.slabID(s))
			b = obsInt(b, "Used", sid, int64(atomic.LoadInt32(&s.used)))
			b = obsInt(b, "Carved", sid, int64(atomic.LoadInt32(&s.carved)))
			b = t.obsBlock(b, "Remote", sid, s.remoteHead(atomic.LoadUint64(&s.remote)))
		}
	}
	// Every heap's local batch of the traced class: empty once its heap
	// closed (Close pushes it), unless a bug dropped or kept it.
	for _, l := range logs {
		b = append(b, `,["LocalBatch",`...)
		b = strconv.AppendInt(b, int64(l.id), 10)
		b = append(b, ',')
		b = t.appendBatch(b, &l.heap.rb[t.class], false, 0)
		b = append(b, ']')
	}
	b = append(b, "]}\n"...)
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

// appendBlock writes block p as [slab, index], or null for 0.
func (t *tracer) appendBlock(b []byte, p uintptr) []byte {
	if p == 0 {
		return append(b, "null"...)
	}
	if base := p &^ (t.a.ssAlign - 1); t.a.pm.get(base) != base|tagSmall || (t.live != nil && !t.live[base]) {
		// Not in a superslab mapped now (a bug's link, or a head packed
		// against the wrong slab): written as no block, not followed;
		// the checker reports it.
		return append(b, "[0,-1]"...)
	}
	s := t.slabOfAddr(p)
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(t.slabID(s)), 10)
	b = append(b, ',')
	if s.stride == 0 || p < s.base {
		b = append(b, "-1"...) // not a block of its slab: the checker reports it
	} else {
		b = strconv.AppendInt(b, int64((p-s.base)/s.stride)+1, 10)
	}
	return append(b, ']')
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

func obsInt(b []byte, v string, key, val int64) []byte {
	b = append(b, `,["`...)
	b = append(b, v...)
	b = append(b, `",`...)
	b = strconv.AppendInt(b, key, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, val, 10)
	return append(b, ']')
}

func (t *tracer) obsBlock(b []byte, v string, key int64, p uintptr) []byte {
	b = append(b, `,["`...)
	b = append(b, v...)
	b = append(b, `",`...)
	b = strconv.AppendInt(b, key, 10)
	b = append(b, ',')
	b = t.appendBlock(b, p)
	return append(b, ']')
}

// obsNext writes ["next",[s,i],value].
func (t *tracer) obsNext(b []byte, p uintptr) []byte {
	b = append(b, `,["next",`...)
	b = t.appendBlock(b, p)
	b = append(b, ',')
	b = t.appendBlock(b, t.next(p))
	return append(b, ']')
}

func (t *tracer) obsInUse(b []byte, p uintptr, in bool) []byte {
	b = append(b, `,["InUse",`...)
	b = t.appendBlock(b, p)
	if in {
		return append(b, ",true]"...)
	}
	return append(b, ",false]"...)
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

// appendVer writes one "v" entry.
func appendVer(b []byte, obj string, key int64, r int64, w int64, wrote, fresh bool) []byte {
	b = append(b, `["`...)
	b = append(b, obj...)
	b = append(b, `",`...)
	b = strconv.AppendInt(b, key, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r, 10)
	b = append(b, ',')
	if wrote {
		b = strconv.AppendInt(b, w, 10)
	} else {
		b = append(b, "null"...)
	}
	if fresh {
		b = append(b, `,"fresh"`...)
	}
	return append(b, ']')
}

// slabState writes the owner's view of slab s: Freelist, Used, Carved.
func (t *tracer) slabState(b []byte, sid int64, s *slab) []byte {
	b = t.obsBlock(b, "Freelist", sid, s.freelist)
	b = obsInt(b, "Used", sid, int64(atomic.LoadInt32(&s.used)))
	return obsInt(b, "Carved", sid, int64(atomic.LoadInt32(&s.carved)))
}

// heapState writes heap h's Sll, SllCount and Current for class c.
func (t *tracer) heapState(b []byte, hid int64, hc *heapClass) []byte {
	b = t.obsBlock(b, "Sll", hid, hc.sll)
	b = obsInt(b, "SllCount", hid, int64(hc.count))
	b = append(b, `,["Current",`...)
	b = strconv.AppendInt(b, hid, 10)
	b = append(b, ',')
	if hc.cur == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(t.slabID(hc.cur)), 10)
	}
	return append(b, ']')
}

// ownerObs writes Owner[s] as the heap (spec hid) that owns it reads it:
// hid if s's owner is h, -1 (no heap; the checker reports it) if not.
func (t *tracer) ownerObs(b []byte, sid, hid int64, h *Heap, s *slab) []byte {
	if atomic.LoadUint32(&s.owner) != h.id {
		hid = -1
	}
	return t.owner(b, sid, hid)
}

func (t *tracer) owner(b []byte, sid, hid int64) []byte {
	b = append(b, `,["Owner",`...)
	b = strconv.AppendInt(b, sid, 10)
	b = append(b, ',')
	if hid == 0 {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, hid, 10)
	}
	return append(b, ']')
}

// appendBatch writes the local batch lb as the spec's LocalBatch[h]
// record; pushing says a push of it has started, having read the remote
// head seen.
func (t *tracer) appendBatch(b []byte, lb *localBatch, pushing bool, seen uintptr) []byte {
	if lb.count == 0 && !pushing {
		return append(b, `{"slab":null,"head":null,"tail":null,"count":0,"seen":null,"pushing":false}`...)
	}
	b = append(b, `{"slab":`...)
	if lb.slab == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(t.slabID(lb.slab)), 10)
	}
	b = append(b, `,"head":`...)
	b = t.appendBlock(b, lb.head)
	b = append(b, `,"tail":`...)
	b = t.appendBlock(b, lb.tail)
	b = append(b, `,"count":`...)
	b = strconv.AppendInt(b, int64(lb.count), 10)
	b = append(b, `,"seen":`...)
	if pushing {
		b = t.appendBlock(b, seen)
		return append(b, `,"pushing":true}`...)
	}
	return append(b, `null,"pushing":false}`...)
}

// obsBatch writes ["LocalBatch",h,record] (see appendBatch).
func (t *tracer) obsBatch(b []byte, hid int64, lb *localBatch, pushing bool, seen uintptr) []byte {
	b = append(b, `,["LocalBatch",`...)
	b = strconv.AppendInt(b, hid, 10)
	b = append(b, ',')
	b = t.appendBatch(b, lb, pushing, seen)
	return append(b, ']')
}

// event appends one event of log l to b.
func (t *tracer) event(b []byte, l *heapLog, h *Heap, act action, c int, s *slab, blk uintptr, n int, v traceSync) []byte {
	hc := &h.cls[c]
	hid := int64(l.id)
	sid := int64(t.slabID(s))
	l.seq++
	l.perAction[act]++

	b = append(b, `{"h":`...)
	b = strconv.AppendInt(b, hid, 10)
	b = append(b, `,"i":`...)
	b = strconv.AppendInt(b, l.seq, 10)
	b = append(b, `,"a":"`...)
	b = append(b, actionNames[act]...)
	b = append(b, `","p":[`...)
	b = strconv.AppendInt(b, hid, 10)
	switch act {
	case actAcquireSlab, actAdopt:
		b = append(b, ',')
		b = strconv.AppendInt(b, sid, 10)
	case actFreeLocal, actFreeRemote, actFreeToBatch:
		b = append(b, ',')
		b = t.appendBlock(b, blk)
	}
	b = append(b, `],"o":[["Phase",`...)
	b = strconv.AppendInt(b, hid, 10)
	switch act {
	case actDrainRemote:
		b = append(b, `,"drained"]`...)
	case actPopFreelist:
		b = append(b, `,"popped"]`...)
	case actLinearCarve:
		b = append(b, `,"carved"]`...)
	default:
		b = append(b, `,"idle"]`...)
	}

	switch act {
	case actAlloc:
		b = t.heapState(b, hid, hc)
		b = t.obsNext(b, blk)
		b = t.obsInUse(b, blk, true)
	case actFreeLocal:
		b = t.heapState(b, hid, hc)
		b = t.slabState(b, sid, s)
		b = t.obsNext(b, blk)
		b = t.obsInUse(b, blk, false)
	case actFreeRemote, actFreeRemoteCas:
		if act == actFreeRemote {
			b = t.obsInUse(b, blk, false)
		}
		b = append(b, `,["Pending",`...)
		b = strconv.AppendInt(b, hid, 10)
		if v.remote == syncWrite {
			b = append(b, `,{"blk":null,"seen":null}]`...)
			b = t.obsBlock(b, "Remote", sid, s.remoteHead(v.w))
			break
		}
		head := s.remoteHead(v.r)
		b = append(b, `,{"blk":`...)
		b = t.appendBlock(b, blk)
		b = append(b, `,"seen":`...)
		b = t.appendBlock(b, head)
		b = append(b, "}]"...)
		b = t.obsBlock(b, "Remote", sid, head)
		b = t.obsNext(b, blk)
	case actFreeToBatch:
		// The batch is the heap's own: blk is its new head.
		b = t.obsInUse(b, blk, false)
		b = t.obsNext(b, blk)
		b = t.obsBatch(b, hid, &h.rb[c], false, 0)
	case actFreeRemoteBatch, actFreeRemoteBatchCas:
		lb := &h.rb[c]
		if v.remote == syncWrite {
			// The CAS published the batch (the caller empties lb next).
			b = t.obsBatch(b, hid, &localBatch{}, false, 0)
			b = t.obsBlock(b, "Remote", sid, s.remoteHead(v.w))
			break
		}
		// The push's read of the head (or a failed CAS's re-read), and
		// the links it set: the tail's, and the head's, which a push must
		// leave alone.
		head := s.remoteHead(v.r)
		b = t.obsBatch(b, hid, lb, true, head)
		b = t.obsBlock(b, "Remote", sid, head)
		b = t.obsNext(b, lb.tail)
		if lb.head != lb.tail {
			b = t.obsNext(b, lb.head)
		}
	case actDrainRemote, actAdopt:
		b = t.heapState(b, hid, hc)
		b = t.slabState(b, sid, s)
		b = t.ownerObs(b, sid, hid, h, s)
		b = t.obsBlock(b, "Remote", sid, s.remoteHead(v.w))
		if n > 0 {
			b = t.obsNext(b, walk(t.a.linkKey, blk, n))
		}
	case actPopFreelist:
		b = t.slabState(b, sid, s)
		b = append(b, `,["Chain",`...)
		b = strconv.AppendInt(b, hid, 10)
		if n == 0 {
			b = append(b, `,{"head":null,"tail":null,"count":0}]`...)
			break
		}
		tail := walk(t.a.linkKey, blk, n)
		b = append(b, `,{"head":`...)
		b = t.appendBlock(b, blk)
		b = append(b, `,"tail":`...)
		b = t.appendBlock(b, tail)
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, "}]"...)
		b = t.obsNext(b, tail)
	case actLinearCarve:
		b = t.slabState(b, sid, s)
		if n > 0 {
			b = t.obsNext(b, blk+uintptr(n-1)*s.stride)
			if n > 1 {
				b = t.obsNext(b, blk)
			}
		}
	case actSpliceToSll:
		b = t.heapState(b, hid, hc)
		b = append(b, `,["Chain",`...)
		b = strconv.AppendInt(b, hid, 10)
		b = append(b, `,{"head":null,"tail":null,"count":0}]`...)
		if n > 0 {
			b = t.obsNext(b, walk(t.a.linkKey, blk, n))
		}
	case actAcquireSlab:
		b = t.heapState(b, hid, hc)
		b = t.slabState(b, sid, s)
		b = t.ownerObs(b, sid, hid, h, s)
	case actRetireSlab, actHeapExit:
		// Called before the slab is published to the pool or the orphan
		// registry (after that another heap may take it): Owner is Nil
		// from then on.
		b = t.heapState(b, hid, hc)
		b = t.slabState(b, sid, s)
		b = t.owner(b, sid, 0)
	}
	b = append(b, `],"v":[`...)
	comma := false
	if v.remote != syncNone {
		b = appendVer(b, "Remote", sid, int64(remoteVersion(v.r)), int64(remoteVersion(v.w)), v.remote == syncWrite, v.fresh)
		comma = true
	}
	if v.epoch != 0 {
		if comma {
			b = append(b, ',')
		}
		b = appendVer(b, "Owner", sid, int64(v.epoch-1), int64(v.epoch), true, v.fresh)
	}
	b = append(b, ']')
	if v.casFailed {
		b = append(b, `,"cas":false`...)
	}
	b = append(b, `,"t":[`...)
	b = strconv.AppendInt(b, l.begin, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(time.Since(t.start)), 10)
	b = append(b, ']')
	return append(b, "}\n"...)
}
