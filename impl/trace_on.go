//go:build trace

package impl

// Trace emission (build tag trace). One NDJSON event per spec action of
// tla/Allocator.tla that a traced allocator performs on its traced size
// class, in the spec's vocabulary, for gotlc -trace (gotlc/tracecheck).
//
// Ordering: every spec action runs under one process-wide mutex, traceMu,
// taken by traceBegin at the action's start and released by traceAction
// after the event is written (Alloc, which touches only its own heap's
// cache list and a block on it, takes the mutex around the write only). So
// in a trace build the actions are atomic with respect to each other and
// the file's order is the order in which they took effect; the values an
// event reports are read under the mutex, after the step, so they are
// exactly the state the step left. Steps of one Refill, a push's read and
// its CAS, and the two halves of the seeded B4 drain are separate critical
// sections, so the interleavings the spec separates still happen.
//
// Format (see gotlc/tracecheck for the reader):
//
//	{"trace":"veralloc","spec":"Allocator","class":C,"size":N,"constants":{...}}   header
//	{"i":1,"a":"Alloc","p":[1],"o":[["Sll",1,[2,3]],["SllCount",1,1],...]}          one per action
//	{"end":true,"events":N,"constants":{"Heaps":{"$set":[1,2]},...}}                end record
//
// "p" are the action's parameters in the spec's order (heaps and slabs as
// small integers numbered in order of first appearance, blocks as
// [slab, index] with index from 1, null for Nil); each "o" entry
// [var, key, value] says var'[key] = value (for a set, whether key is in
// it). Every event reports its slab's Freelist, Remote, Carved, Used,
// Owner, its superslab's TotalActive (this class's share: the superslab
// counter minus the Used of its slabs of other classes) and its heap's
// Sll, SllCount, Current, plus the next pointers and the Pending, Chain or
// InUse entries the action writes. Constants the run fixes early (Cap,
// Batch, SllMax) are in the header; those known only at the end (Heaps,
// Slabs, SuperSlabs, SuperOf) in the end record.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"sync/atomic"
)

// TraceBuild reports whether the package was built with -tags trace.
const TraceBuild = true

// traceMu serialises the spec actions of every allocator in a trace build.
var traceMu sync.Mutex

// active is the allocator being traced (at most one at a time).
var active atomic.Pointer[tracer]

// TraceStats counts the events a trace holds.
type TraceStats struct {
	Events    int64            // events written
	PerAction map[string]int64 // events per spec action
}

type tracer struct {
	a     *Allocator
	class int
	w     *bufio.Writer
	buf   []byte
	seq   int64
	err   error

	heaps     map[uint32]int
	slabs     map[uintptr]int // slab record address -> spec slab
	superOf   []int           // spec slab-1 -> spec superslab
	supers    map[uintptr]int
	slabClass map[uintptr]int
	perAction [len(actionNames)]int64
	// seen is, per heap, the remote head its pending push last read.
	seen map[uint32]uintptr
	// sync: flush after every event (a seeded fault is on, and the run
	// may crash; the trace up to the crash is what shows the bug).
	sync bool
}

func traceBegin(a *Allocator) { traceMu.Lock() }

func traceEnd(a *Allocator) { traceMu.Unlock() }

func traceAction(a *Allocator, act action, h uint32, s *slab, blk uintptr, n int) {
	if act == actAlloc {
		traceMu.Lock()
	}
	if t := active.Load(); t != nil && t.a == a {
		t.emit(act, h, s, blk, n)
	}
	traceMu.Unlock()
}

// StartTrace makes a write one event per spec action on size class class
// to w (a header line first). Call it before any heap of a is used; only
// one allocator is traced at a time.
func (a *Allocator) StartTrace(w io.Writer, class int) error {
	if class < 0 || class >= a.nclasses {
		return fmt.Errorf("veralloc: StartTrace: no size class %d (have 0..%d)", class, a.nclasses-1)
	}
	traceMu.Lock()
	defer traceMu.Unlock()
	if active.Load() != nil {
		return errors.New("veralloc: StartTrace: another allocator is being traced")
	}
	t := &tracer{a: a, class: class, w: bufio.NewWriterSize(w, 1<<16),
		heaps: map[uint32]int{}, seen: map[uint32]uintptr{}, slabs: map[uintptr]int{}, supers: map[uintptr]int{}, slabClass: map[uintptr]int{}}
	t.sync = len(Faults()) > 0
	ci := a.classes[class]
	b := t.buf[:0]
	b = append(b, `{"trace":"veralloc","spec":"Allocator","class":`...)
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
	b = append(b, `,"Nil":{"$model":"Nil"},"Bug":"none"}}`...)
	b = append(b, '\n')
	if _, err := t.w.Write(b); err != nil {
		return err
	}
	t.buf = b
	active.Store(t)
	return nil
}

// StopTrace ends the trace of a: it writes the end record (the heaps,
// slabs and superslabs seen) and flushes. It returns the first write error.
func (a *Allocator) StopTrace() (TraceStats, error) {
	traceMu.Lock()
	defer traceMu.Unlock()
	t := active.Load()
	if t == nil || t.a != a {
		return TraceStats{}, errors.New("veralloc: StopTrace: the allocator is not being traced")
	}
	active.Store(nil)
	st := TraceStats{Events: t.seq, PerAction: map[string]int64{}}
	for i, n := range t.perAction {
		st.PerAction[actionNames[i]] = n
	}
	b := t.buf[:0]
	b = append(b, `{"end":true,"events":`...)
	b = strconv.AppendInt(b, t.seq, 10)
	b = append(b, `,"constants":{"Heaps":{"$set":[`...)
	for i := 1; i <= len(t.heaps); i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	b = append(b, `]},"Slabs":{"$set":[`...)
	for i := 1; i <= len(t.superOf); i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	b = append(b, `]},"SuperSlabs":{"$set":[`...)
	for i := 1; i <= len(t.supers); i++ {
		if i > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(i), 10)
	}
	b = append(b, `]},"SuperOf":[`...)
	for i, ss := range t.superOf {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(ss), 10)
	}
	b = append(b, "]}}\n"...)
	if t.err == nil {
		_, t.err = t.w.Write(b)
	}
	if t.err == nil {
		t.err = t.w.Flush()
	}
	return st, t.err
}

// heapID maps an impl heap id to the spec's heap (1, 2, ... in order of
// appearance); 0 (Nil) to 0.
func (t *tracer) heapID(id uint32) int {
	if id == 0 {
		return 0
	}
	if n, ok := t.heaps[id]; ok {
		return n
	}
	n := len(t.heaps) + 1
	t.heaps[id] = n
	return n
}

// slabID maps a slab record to the spec's slab (1, 2, ...), recording its
// superslab.
func (t *tracer) slabID(s *slab) int {
	if s == nil {
		return 0
	}
	k := slabAddr(s)
	if n, ok := t.slabs[k]; ok {
		return n
	}
	n := len(t.slabs) + 1
	t.slabs[k] = n
	ss, ok := t.supers[s.ss]
	if !ok {
		ss = len(t.supers) + 1
		t.supers[s.ss] = ss
	}
	t.superOf = append(t.superOf, ss)
	return n
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

func appendNilInt(b []byte, n int) []byte {
	if n == 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, int64(n), 10)
}

func (t *tracer) heapOf(id uint32) *Heap {
	a := t.a
	if id == reclaimID {
		return a.reclaim
	}
	a.mu.Lock()
	h := a.heaps[id]
	a.mu.Unlock()
	return h
}

// classActive is TotalActive of superslab ss for the traced class: the
// superslab's counter minus the Used of its slabs of other classes.
func (t *tracer) classActive(ssBase uintptr) int64 {
	a := t.a
	ss := ssAt(ssBase)
	v := atomic.LoadInt64(&ss.totalActive)
	for i := a.firstSlot; i < a.slots; i++ {
		s := ss.slab(a, i)
		c := int(atomic.LoadInt32(&s.class))
		if c < 0 {
			c = t.slabClass[slabAddr(s)]
		}
		if c != t.class {
			v -= int64(atomic.LoadInt32(&s.used))
		}
	}
	return v
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

func (t *tracer) obsInt(b []byte, v string, key, val int64) []byte {
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

// next is block p's next pointer in the spec's terms: the decoded link of
// a free block, Nil for a block Alloc handed out (Alloc clears the word:
// a raw 0, which no encoded link is).
func (t *tracer) next(p uintptr) uintptr {
	if word(p) == 0 {
		return 0
	}
	return getLink(t.a.linkKey, p)
}

func (t *tracer) emit(act action, hid uint32, s *slab, blk uintptr, n int) {
	if s == nil || t.err != nil {
		return
	}
	c := int(s.class)
	if c >= 0 {
		t.slabClass[slabAddr(s)] = c
	} else {
		c = t.slabClass[slabAddr(s)]
	}
	if c != t.class {
		return
	}
	switch act {
	case actFreeRemote:
		t.seen[hid] = t.next(blk)
	case actFreeRemoteCas:
		if n == 0 && t.next(blk) == t.seen[hid] {
			// The CAS failed only because the length packed in the remote
			// head changed (the impl's ABA guard) while the head block is
			// the one read: the relink writes the same next pointer, so
			// every spec variable is unchanged. A stuttering step: no event.
			return
		}
		t.seen[hid] = t.next(blk)
	}
	hp := t.heapOf(hid)
	if hp == nil {
		t.err = fmt.Errorf("veralloc: trace: action %s by heap %d, which is not open", act, hid)
		return
	}
	hc := &hp.cls[c]
	h := int64(t.heapID(hid))
	sid := int64(t.slabID(s))
	t.seq++
	t.perAction[act]++

	b := t.buf[:0]
	b = append(b, `{"i":`...)
	b = strconv.AppendInt(b, t.seq, 10)
	b = append(b, `,"a":"`...)
	b = append(b, actionNames[act]...)
	b = append(b, `","p":[`...)
	b = strconv.AppendInt(b, h, 10)
	switch act {
	case actAcquireSlab, actAdopt:
		b = append(b, ',')
		b = strconv.AppendInt(b, sid, 10)
	case actFreeLocal, actFreeRemote:
		b = append(b, ',')
		b = t.appendBlock(b, blk)
	}
	b = append(b, `],"o":[["Carved",`...)
	b = strconv.AppendInt(b, sid, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(atomic.LoadInt32(&s.carved)), 10)
	b = append(b, ']')
	b = t.obsInt(b, "Used", sid, int64(atomic.LoadInt32(&s.used)))
	b = t.obsBlock(b, "Freelist", sid, s.freelist)
	b = t.obsBlock(b, "Remote", sid, uintptr(atomic.LoadUint64(&s.remote)&addrMask))
	b = append(b, `,["Owner",`...)
	b = strconv.AppendInt(b, sid, 10)
	b = append(b, ',')
	b = appendNilInt(b, t.heapID(atomic.LoadUint32(&s.owner)))
	b = append(b, ']')
	b = t.obsInt(b, "TotalActive", int64(t.superOf[sid-1]), t.classActive(s.ss))
	b = t.obsBlock(b, "Sll", h, hc.sll)
	b = t.obsInt(b, "SllCount", h, int64(hc.count))
	b = append(b, `,["Current",`...)
	b = strconv.AppendInt(b, h, 10)
	b = append(b, ',')
	b = appendNilInt(b, t.slabID(hc.cur))
	b = append(b, ']')

	switch act {
	case actAlloc:
		b = t.obsNext(b, blk)
		b = append(b, `,["InUse",`...)
		b = t.appendBlock(b, blk)
		b = append(b, ",true]"...)
	case actFreeLocal:
		b = t.obsNext(b, blk)
		b = append(b, `,["InUse",`...)
		b = t.appendBlock(b, blk)
		b = append(b, ",false]"...)
	case actFreeRemote, actFreeRemoteCas:
		if act == actFreeRemote {
			b = append(b, `,["InUse",`...)
			b = t.appendBlock(b, blk)
			b = append(b, ",false]"...)
		}
		b = append(b, `,["Pending",`...)
		b = strconv.AppendInt(b, h, 10)
		if act == actFreeRemoteCas && n == 1 {
			b = append(b, `,{"blk":null,"seen":null}]`...)
			break
		}
		b = append(b, `,{"blk":`...)
		b = t.appendBlock(b, blk)
		b = append(b, `,"seen":`...)
		b = t.appendBlock(b, t.next(blk))
		b = append(b, "}]"...)
		b = t.obsNext(b, blk)
	case actDrainRemote, actAdopt:
		if n > 0 {
			b = t.obsNext(b, walk(t.a.linkKey, blk, n))
		}
	case actPopFreelist:
		b = append(b, `,["Chain",`...)
		b = strconv.AppendInt(b, h, 10)
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
		if n > 0 {
			b = t.obsNext(b, blk+uintptr(n-1)*s.stride)
			if n > 1 {
				b = t.obsNext(b, blk)
			}
		}
	case actSpliceToSll:
		b = append(b, `,["Chain",`...)
		b = strconv.AppendInt(b, h, 10)
		b = append(b, `,{"head":null,"tail":null,"count":0}]`...)
		if n > 0 {
			b = t.obsNext(b, walk(t.a.linkKey, blk, n))
		}
	}
	b = append(b, "]}\n"...)
	t.buf = b
	if _, err := t.w.Write(b); err != nil {
		t.err = err
	}
	if t.sync && t.err == nil {
		t.err = t.w.Flush()
	}
}
