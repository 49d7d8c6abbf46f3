package tracecheck

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/value"
)

// The merge: a depth-first search over the logs' positions for one
// interleaving of the logs that keeps each log's order, each object's
// version order, and in which every event is a step the spec allows (or,
// for a failed compare-and-swap that changed no variable, a stutter).
//
// A configuration is the position in every log and the spec state reached
// (the objects' versions follow from the positions). From a configuration
// the search tries, log by log, the event at the head of each log whose
// versions are current: every successor of its action that agrees with
// its observations is a move. Configurations from which no interleaving
// of the rest exists are remembered (by the hash of the positions and the
// state) and not explored twice. The search keeps the last Options.Window
// choice points to come back to; when it would need an older one, or has
// backtracked Options.MaxBacktracks times, it stops and reports the trace
// as not validated (never as validated).
//
// When no interleaving exists the report is the shortest prefix (fewest
// events merged) at which the search found no move, with the event at the
// head of each log and why it cannot come next.

// HeadReport says why the event at the head of one log cannot come next.
type HeadReport struct {
	Log    int    // the log (1-based, as the trace numbers them)
	Line   int    // the event's line in the trace
	Event  string // the line as written
	Action string
	Params string
	Kind   string // "ordering", "values differ", "not enabled", ...
	Msg    string
	Diffs  []Diff
}

// frame is a choice point: a configuration with moves not yet tried.
type frame struct {
	trail int // len(merger.trail) at this configuration
	state []value.Value
	ready []int // logs whose head was ready, in the order tried
	ri    int   // the one being tried
	succs [][]value.Value
	stut  bool // succs are a stutter
}

type move struct {
	log  int
	stut bool
}

type merger struct {
	m     *model
	opts  Options
	f     *framed
	pos   []int
	state []value.Value
	trail []move
	// frames are the choice points, oldest first (at most opts.Window).
	frames    []frame
	truncated bool // choice points were dropped: the search is incomplete
	dead      map[uint64]struct{}
	placed    int
	stutters  int
	backs     int
	tries     int // heads tried (successors computed)
	budget    int // the tries allowed (set at the first dead end)
	best      *Divergence
	bestAt    int // events merged at best
	lastLine  int
	start     time.Time
	nextProg  time.Time
	progEvery time.Duration
	final     []obs
	pf        *prefetcher     // nil: no prefetching
	evs       []event         // per log: its head's decoding (see head)
	readyBlk  []int           // the unused tail of the block keepReady copies into
	sk        sink            // the successors of the event being tried (steps)
	one       [][]value.Value // reused for an event's successors when there is one (steps)
	emit      func([]value.Value)
}

func newMerger(m *model, f *framed, opts Options) *merger {
	if opts.Window <= 0 {
		opts.Window = 1024
	}
	if opts.MaxBacktracks <= 0 {
		opts.MaxBacktracks = 20000
	}
	mg := &merger{m: m, opts: opts, f: f, pos: make([]int, len(f.logs)), dead: map[uint64]struct{}{},
		bestAt: -1, start: time.Now()}
	mg.emit = mg.sk.emit
	mg.progEvery = opts.ProgressEvery
	if mg.progEvery <= 0 {
		mg.progEvery = 10 * time.Second
	}
	mg.nextProg = mg.start.Add(mg.progEvery)
	return mg
}

// head is the decoded event at the head of log li (decoded once while it
// is the head).
func (mg *merger) head(li int) *logEvent {
	le := &mg.f.logs[li][mg.pos[li]]
	if le.ev == nil && le.err == nil {
		if dc, ok := mg.fetch(le); ok {
			if dc.err != nil {
				le.err = dc.err
			} else if dc.ev == nil {
				le.err = fmt.Errorf("an end record inside the trace")
			} else {
				le.ev = dc.ev
			}
			return le
		}
		// Decoded into the log's own event (reused: only a log's head
		// is decoded at a time; unplace drops the cache of the head it
		// moves back from).
		if mg.evs == nil {
			mg.evs = make([]event, len(mg.f.logs))
		}
		ev, err := mg.m.parseEventInto(&mg.m.dec, le.raw, &mg.evs[li])
		if err != nil {
			le.err = err
		} else if ev == nil {
			le.err = fmt.Errorf("an end record inside the trace")
		} else {
			le.ev = ev
		}
	}
	return le
}

// ordered reports "" when every version entry of e is current: the object
// is at the version e read, and (for a write) every event that read that
// version is merged and no other write over it was; otherwise why not.
func (mg *merger) ordered(li int, e *logEvent, explain bool) string {
	return mg.orderedGiven(li, e, explain, nil)
}

// earliest are the two heads (of different logs) that end first: what the
// windows' check of every head compares with.
type earliest struct {
	t1   [2]int64
	log0 int // the log of t1[0]
}

// earliestEnds computes earliest over the logs' heads (ok false when some
// head has no window).
func (mg *merger) earliestEnds() (er earliest, ok bool) {
	const inf = int64(^uint64(0) >> 1)
	er = earliest{t1: [2]int64{inf, inf}, log0: -1}
	for l, p := range mg.pos {
		if p >= len(mg.f.logs[l]) {
			continue
		}
		h := &mg.f.logs[l][p]
		if !h.hasT {
			return er, false
		}
		switch {
		case h.t1 < er.t1[0]:
			er.t1[1], er.t1[0], er.log0 = er.t1[0], h.t1, l
		case h.t1 < er.t1[1]:
			er.t1[1] = h.t1
		}
	}
	return er, true
}

// orderedGiven is ordered; er, when given, holds the heads' earliest ends
// (so that the windows' check needs no pass over the logs). Without
// explain a failure is "-": the message is built only when asked for
// (boxing its arguments alone allocates).
func (mg *merger) orderedGiven(li int, e *logEvent, explain bool, er *earliest) string {
	if e.hasT && er != nil {
		min := er.t1[0]
		if er.log0 == li {
			min = er.t1[1]
		}
		if min < e.t0 {
			return "-" // explain is false whenever er is given
		}
	} else if e.hasT {
		// Real time: an event of another log that ended before this one
		// started comes first.
		for l, p := range mg.pos {
			if l == li || p >= len(mg.f.logs[l]) {
				continue
			}
			if h := &mg.f.logs[l][p]; h.hasT && h.t1 < e.t0 {
				if !explain {
					return "-"
				}
				return fmt.Sprintf("log %d's next event (line %d) ended before this one started (t %d < %d): it comes first", mg.f.ids[l], h.line, h.t1, e.t0)
			}
		}
	}
	for _, ve := range e.vers {
		o := &mg.f.objs[ve.obj]
		if o.gi >= len(o.order) {
			if !explain {
				return "-"
			}
			return fmt.Sprintf("%s: it reads version %d, every version up to %d is already overwritten", o.name, ve.r, o.order[len(o.order)-1].r)
		}
		g := o.order[o.gi]
		if g.r != ve.r {
			if og := o.groups[ve.r]; ve.wrote && og != nil && og.placed != nil {
				if !explain {
					return "-"
				}
				return fmt.Sprintf("%s: it writes over version %d, which %s (line %d) already wrote over: two writes from one version, so one of them was not a single atomic step", o.name, ve.r, og.placed, mg.f.logs[og.placed.log][og.placed.idx].line)
			}
			if ve.r < g.r {
				if !explain {
					return "-"
				}
				return fmt.Sprintf("%s: it reads version %d, which was already overwritten (the object is at version %d)", o.name, ve.r, g.r)
			}
			if !explain {
				return "-"
			}
			return fmt.Sprintf("%s: it reads version %d; the object is at version %d", o.name, ve.r, g.r)
		}
		if o.gi > 0 && !g.fresh {
			if p := o.order[o.gi-1]; p.placed != nil {
				if w := mg.f.logs[p.placed.log][p.placed.idx].writeOf(ve.obj); w != g.r {
					if !explain {
						return "-"
					}
					return fmt.Sprintf("%s: version %d follows version %d, but the write over %d made version %d: a write is missing", o.name, g.r, p.r, p.r, w)
				}
			}
		}
		if ve.wrote {
			if g.placed != nil {
				if !explain {
					return "-"
				}
				return fmt.Sprintf("%s: it writes over version %d, which %s (line %d) already wrote over: two writes from one version, so one of them was not a single atomic step", o.name, ve.r, g.placed, mg.f.logs[g.placed.log][g.placed.idx].line)
			}
			if g.readersLeft > 0 {
				if !explain {
					return "-"
				}
				return fmt.Sprintf("%s: it writes over version %d, which %d event(s) not yet merged read", o.name, ve.r, g.readersLeft)
			}
		}
	}
	return ""
}

func (e *logEvent) writeOf(obj int32) int64 {
	for _, ve := range e.vers {
		if ve.obj == obj && ve.wrote {
			return ve.w
		}
	}
	return -1
}

// place merges the head of log li (its versions move on).
func (mg *merger) place(li int, stut bool) {
	e := &mg.f.logs[li][mg.pos[li]]
	for _, ve := range e.vers {
		o := &mg.f.objs[ve.obj]
		g := o.order[o.gi]
		if ve.wrote {
			g.placed = &evRef{li, mg.pos[li]}
			o.gi++
		} else {
			g.readersLeft--
		}
	}
	e.ev = nil // decoded again if the search comes back to it
	mg.pos[li]++
	mg.trail = append(mg.trail, move{li, stut})
	mg.placed++
	if mg.pf != nil && mg.placed&255 == 0 {
		mg.pf.merged.Store(int64(mg.placed))
		mg.pf.nudge()
	}
	if stut {
		mg.stutters++
	}
	mg.lastLine = e.line
}

// unplace undoes the last move.
func (mg *merger) unplace() {
	mv := mg.trail[len(mg.trail)-1]
	mg.trail = mg.trail[:len(mg.trail)-1]
	if p := mg.pos[mv.log]; p < len(mg.f.logs[mv.log]) {
		mg.f.logs[mv.log][p].ev = nil // its decoding shares the log's buffer
	}
	mg.pos[mv.log]--
	e := &mg.f.logs[mv.log][mg.pos[mv.log]]
	for i := len(e.vers) - 1; i >= 0; i-- {
		ve := e.vers[i]
		o := &mg.f.objs[ve.obj]
		if ve.wrote {
			o.gi--
			o.order[o.gi].placed = nil
		} else {
			o.order[o.gi].readersLeft++
		}
	}
	mg.placed--
	if mv.stut {
		mg.stutters--
	}
}

// successors are the states the head of log li can lead to from the
// current state: the action's successors that agree with the event's
// observations, or the current state itself when the event is a failed
// CAS that changed nothing the spec has (a stutter).
func (mg *merger) successors(li int) (succs [][]value.Value, stut bool, fail *HeadReport) {
	succs, stut, fail = mg.steps(li)
	if fail != nil {
		// The event's text only for a report (rendering it for every
		// event tried was half the time of a binary trace's check).
		fail.Event = mg.m.text(mg.f.logs[li][mg.pos[li]].raw)
	}
	return succs, stut, fail
}

// steps is successors without the event's text in its report.
func (mg *merger) steps(li int) (succs [][]value.Value, stut bool, fail *HeadReport) {
	mg.tries++
	le := mg.head(li)
	// hr stays on the stack: a report is made (hr.ptr) only on failure.
	hr := HeadReport{Log: int(mg.f.ids[li]), Line: le.line}
	if le.err != nil {
		hr.Kind, hr.Msg = "bad event", le.err.Error()
		return nil, false, hr.ptr()
	}
	if msg := mg.ordered(li, le, true); msg != "" {
		hr.Kind, hr.Msg = "ordering", msg
		hr.Action = le.ev.action
		return nil, false, hr.ptr()
	}
	ev := le.ev
	a := mg.m.actions[ev.action]
	if a == nil {
		hr.Action, hr.Params = ev.action, printParams(ev.params)
		hr.Kind, hr.Msg = "unknown action", fmt.Sprintf("Next has no action %s (it has %s)", ev.action, strings.Join(mg.m.order, ", "))
		return nil, false, hr.ptr()
	}
	if msg := a.checkDomains(ev.params); msg != "" {
		hr.Action, hr.Params = ev.action, printParams(ev.params)
		hr.Kind, hr.Msg = "parameter outside its domain", msg
		return nil, false, hr.ptr()
	}
	sk := &mg.sk
	*sk = sink{obs: ev.obs, max: mg.opts.MaxCandidates, succs: mg.one[:0]}
	err := a.op.Run(mg.state, ev.params, mg.emit)
	first := sk.first
	succs = sk.succs
	*sk = sink{} // keeps nothing alive
	switch {
	case len(succs) == 1:
		// In mg.one: the caller takes the one move before the next
		// event is tried (tryFrom), so the slice can be reused.
		mg.one = succs[:0]
		return succs, false, nil
	case len(succs) > 1:
		mg.one = nil // a choice point keeps these
		return succs, false, nil
	}
	if le.cas && err == nil && matches(mg.state, ev.obs) {
		// The CAS failed and every variable it observes is what it was:
		// a stuttering step.
		return [][]value.Value{mg.state}, true, nil
	}
	hr.Action, hr.Params = ev.action, printParams(ev.params)
	switch {
	case err != nil:
		hr.Kind, hr.Msg = "evaluation error", err.Error()
	case first == nil:
		hr.Kind = "not enabled"
		hr.Msg = fmt.Sprintf("%s(%s) is not enabled in the state reached", a.name, hr.Params)
	default:
		hr.Kind = "values differ"
		hr.Diffs = diffs(first, ev.obs)
		if le.cas {
			hr.Msg = "a failed CAS; not a stutter either: " + describeDiffs(diffs(mg.state, ev.obs))
		}
	}
	return nil, false, hr.ptr()
}

// sink collects the successors of the action of the event being tried
// (steps) that agree with its observations, several only when they are
// different states. Its emit is bound once per merger (merger.emit), so
// that trying an event allocates only the successors kept.
type sink struct {
	obs   []obs
	max   int
	first []value.Value // the first successor, matching or not
	succs [][]value.Value
	seen  map[uint64]bool
}

func (k *sink) emit(n []value.Value) {
	if k.first == nil {
		k.first = n
	}
	if !matches(n, k.obs) || len(k.succs) >= k.max {
		return
	}
	if len(k.succs) > 0 {
		if k.seen == nil {
			k.seen = map[uint64]bool{value.HashState(k.succs[0]): true}
		}
		h := value.HashState(n)
		if k.seen[h] {
			return
		}
		k.seen[h] = true
	}
	k.succs = append(k.succs, n)
}

// ptr is a copy of h on the heap.
func (h HeadReport) ptr() *HeadReport { return &h }

func describeDiffs(ds []Diff) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.What + " is " + strings.TrimPrefix(d.Expected, "gives ") + ", the event has " + d.Observed
	}
	return strings.Join(parts, "; ")
}

// readyOrder lists the logs to try from the current configuration: those
// not finished whose head is in order (ordered), the head that started
// first first (with no windows: starting with the log moved last).
func (mg *merger) readyOrder(buf []int) []int {
	buf = buf[:0]
	n := len(mg.pos)
	last := 0
	if len(mg.trail) > 0 {
		last = mg.trail[len(mg.trail)-1].log
	}
	er, ok := mg.earliestEnds()
	erp := &er
	if !ok {
		erp = nil
	}
	for k := 0; k < n; k++ {
		li := (last + k) % n
		if mg.pos[li] < len(mg.f.logs[li]) && mg.orderedGiven(li, &mg.f.logs[li][mg.pos[li]], false, erp) == "" {
			buf = append(buf, li)
		}
	}
	for i := 1; i < len(buf); i++ {
		for j := i; j > 0 && mg.startOf(buf[j]) < mg.startOf(buf[j-1]); j-- {
			buf[j], buf[j-1] = buf[j-1], buf[j]
		}
	}
	return buf
}

// startOf is the start of log li's head's window (0 without one).
func (mg *merger) startOf(li int) int64 { return mg.f.logs[li][mg.pos[li]].t0 }

func (mg *merger) key() uint64 {
	h := value.HashState(mg.state)
	for i, p := range mg.pos {
		h ^= (uint64(p) + 1) * (0x9E3779B97F4A7C15 + uint64(i)*0xBF58476D1CE4E5B9)
		h = h*0x94D049BB133111EB + uint64(i)
	}
	return h
}

// tryFrom makes the first move of f not yet tried; false if none is left.
func (mg *merger) tryFrom(f *frame) bool {
	for {
		if len(f.succs) > 0 {
			s := f.succs[0]
			f.succs = f.succs[1:]
			mg.state = s
			mg.place(f.ready[f.ri], f.stut)
			return true
		}
		f.ri++
		if f.ri >= len(f.ready) {
			return false
		}
		f.succs, f.stut, _ = mg.successors(f.ready[f.ri])
	}
}

func (f *frame) more() bool { return len(f.succs) > 0 || f.ri < len(f.ready)-1 }

// deadEnd records the current configuration as a leaf with no move: it
// becomes the report when it is the shortest found so far.
func (mg *merger) deadEnd(finalDiff []Diff) {
	if mg.best != nil && mg.placed >= mg.bestAt {
		return
	}
	d := &Divergence{}
	if finalDiff != nil {
		d.Kind = "values differ"
		d.Msg = "the end record's final values are not those of the state every event reached"
		d.Action = "(end record)"
		d.Diffs = finalDiff
		d.Line = mg.f.end.line
	}
	for li := range mg.pos {
		if mg.pos[li] >= len(mg.f.logs[li]) {
			continue
		}
		_, _, hr := mg.successors(li)
		if hr == nil {
			continue
		}
		d.Heads = append(d.Heads, *hr)
	}
	if finalDiff == nil && len(d.Heads) > 0 {
		// The primary head: the first whose failure is the spec's, else
		// the first that the versions (not the clock) hold back.
		rank := func(h *HeadReport) int {
			switch {
			case h.Kind != "ordering":
				return 0
			case !strings.HasPrefix(h.Msg, "log "):
				return 1
			}
			return 2
		}
		p := &d.Heads[0]
		for i := range d.Heads {
			if rank(&d.Heads[i]) < rank(p) {
				p = &d.Heads[i]
			}
		}
		d.Line, d.Event, d.Action, d.Params, d.Kind, d.Msg, d.Diffs = p.Line, p.Event, p.Action, p.Params, p.Kind, p.Msg, p.Diffs
		for li, id := range mg.f.ids {
			if int(id) == p.Log {
				if le := &mg.f.logs[li][mg.pos[li]]; le.ev != nil {
					d.Before = before(mg.state, le.ev.obs)
				}
			}
		}
	}
	d.Merged = mg.placed
	d.Positions = append([]int(nil), mg.pos...)
	d.Logs = append([]int64(nil), mg.f.ids...)
	mg.best, mg.bestAt = d, mg.placed
}

// run searches; nil when an interleaving of every event exists.
func (mg *merger) run(init [][]value.Value) *Divergence {
	var readyBuf []int
	mg.state = init[0]
	if len(init) > 1 {
		// The root choice point: the other initial states.
		mg.frames = append(mg.frames, frame{succs: init[1:]})
	}
	for {
		if mg.opts.Progress != nil && mg.placed&1023 == 0 && mg.placed > 0 {
			if now := time.Now(); now.After(mg.nextProg) {
				mg.opts.Progress(Progress{Events: mg.placed, Line: mg.lastLine, Elapsed: now.Sub(mg.start)})
				mg.nextProg = now.Add(mg.progEvery)
			}
		}
		if mg.placed == mg.f.events {
			if mg.final == nil || matches(mg.state, mg.final) {
				return nil
			}
			// No other interleaving is tried: the final values are sums
			// (TotalActive) or the last write of a variable whose writes
			// the logs and the versions order (Used, Carved, Remote),
			// the same in every interleaving the merge accepts.
			mg.best = nil
			mg.deadEnd(diffs(mg.state, mg.final))
			return mg.best
		}
		if len(mg.dead) > 0 {
			if _, ok := mg.dead[mg.key()]; ok {
				if !mg.backtrack() {
					return mg.best
				}
				continue
			}
		}
		readyBuf = mg.readyOrder(readyBuf)
		f := frame{trail: len(mg.trail), state: mg.state, ready: readyBuf, ri: -1}
		if mg.tryFrom(&f) {
			if f.more() {
				f.ready = mg.keepReady(f.ready)
				mg.push(f)
			}
			continue
		}
		mg.dead[mg.key()] = struct{}{}
		mg.deadEnd(nil)
		if !mg.backtrack() {
			return mg.best
		}
	}
}

// keepReady copies a choice point's ready logs (readyOrder's buffer) into
// blocks shared by many choice points.
func (mg *merger) keepReady(r []int) []int {
	if cap(mg.readyBlk)-len(mg.readyBlk) < len(r) {
		mg.readyBlk = make([]int, 0, max(4096, len(r)))
	}
	at := len(mg.readyBlk)
	mg.readyBlk = append(mg.readyBlk, r...)
	return mg.readyBlk[at:len(mg.readyBlk):len(mg.readyBlk)]
}

func (mg *merger) push(f frame) {
	if len(mg.frames) >= 2*mg.opts.Window {
		n := copy(mg.frames, mg.frames[len(mg.frames)-mg.opts.Window:])
		clear(mg.frames[n:])
		mg.frames = mg.frames[:n]
		mg.truncated = true
	}
	mg.frames = append(mg.frames, f)
}

// backtrack returns to the newest choice point with a move left and makes
// that move; false when there is none (or the search's bounds are spent).
func (mg *merger) backtrack() bool {
	if mg.budget == 0 {
		mg.budget = mg.tries + mg.opts.MaxBacktracks
	}
	for len(mg.frames) > 0 {
		mg.backs++
		if mg.tries > mg.budget {
			mg.truncated = true
			return false
		}
		f := &mg.frames[len(mg.frames)-1]
		for len(mg.trail) > f.trail {
			mg.unplace()
		}
		if f.ready == nil {
			// The root: another initial state.
			if len(f.succs) == 0 {
				mg.frames = mg.frames[:len(mg.frames)-1]
				continue
			}
			mg.state = f.succs[0]
			f.succs = f.succs[1:]
			if len(f.succs) == 0 {
				mg.frames = mg.frames[:len(mg.frames)-1]
			}
			return true
		}
		mg.state = f.state
		if mg.tryFrom(f) {
			if !f.more() {
				mg.frames = mg.frames[:len(mg.frames)-1]
			}
			return true
		}
		mg.dead[mg.key()] = struct{}{}
		mg.frames = mg.frames[:len(mg.frames)-1]
	}
	return false
}

// reportHeads writes the heads of a divergence found by the merge.
func (d *Divergence) reportHeads(w interface{ Write([]byte) (int, error) }, file string) {
	if len(d.Positions) > 1 || len(d.Heads) > 1 {
		var ps []string
		for i, p := range d.Positions {
			ps = append(ps, "log "+strconv.FormatInt(d.Logs[i], 10)+": "+strconv.Itoa(p))
		}
		fmt.Fprintf(w, "  no interleaving of the logs extends this prefix of %d events (%s); the head of each log:\n", d.Merged, strings.Join(ps, ", "))
		for _, h := range d.Heads {
			fmt.Fprintf(w, "    log %d, %s:%d: %s(%s): %s", h.Log, file, h.Line, h.Action, h.Params, h.Kind)
			if h.Msg != "" {
				fmt.Fprintf(w, ": %s", h.Msg)
			}
			for _, df := range h.Diffs {
				fmt.Fprintf(w, "; %s: spec %s, trace has %s", df.What, df.Expected, df.Observed)
			}
			fmt.Fprintln(w)
		}
	}
}
