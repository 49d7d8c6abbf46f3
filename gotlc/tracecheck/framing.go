package tracecheck

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
)

// The framing of a trace: which log each event belongs to and its place
// in it, the versions that order it against other logs, and the end
// record. Checked before any event is validated.

// logEvent is one event line, indexed by the pre-scan; it is decoded in
// full only when it is at the head of its log during the merge.
type logEvent struct {
	line int
	raw  []byte
	vers []verEntry
	cas  bool // "cas": false: a compare-and-swap that failed
	// t0, t1 (when hasT) are the action's start and end ("t"): an event
	// that ended before another started is merged before it.
	t0, t1 int64
	hasT   bool
	ev     *event // the decoded event while it is cached (see merger.head)
	err    error  // the line is not a well-formed event
	fidx   int    // its index in the file's order (framed.order)
}

// verEntry is one "v" entry: the event read version r of an object and,
// when wrote is set, wrote version w.
type verEntry struct {
	obj   int32
	r, w  int64
	wrote bool
	fresh bool
}

// endRecord is what the end record says.
type endRecord struct {
	line   int
	raw    []byte
	events int64   // -1: not given
	logs   []int64 // per log (nil: not given)
}

// framed is a trace split into its logs.
type framed struct {
	header  []byte
	perHeap bool // the header says "logs":"per-heap": every event names its log and number
	logs    [][]logEvent
	ids     []int64 // the log number ("h") of each of logs
	order   []evRef // the events in the file's order
	objs    []object
	end     *endRecord
	events  int
}

// frameErr is a framing failure: the trace is not a well-formed set of
// logs, whatever the spec says.
type frameErr struct {
	line int
	raw  []byte
	msg  string
}

// splitLogs reads the lines after the header: each event goes to its log
// ("h"; one log when no event names one), in the order of its number
// ("i", which must count 1, 2, 3, ... in each log: a gap means lost
// events); the end record must be the last line and its counts must be
// those of the logs.
func splitLogs(data []byte, perHeap bool) (*framed, *frameErr) {
	fr := newFramer(perHeap)
	f := fr.f
	line := 0
	rest := data
	var next []byte
	first := true
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			next, rest = rest, nil
		} else {
			next, rest = rest[:i], rest[i+1:]
		}
		line++
		next = bytes.TrimRight(next, "\r")
		if first {
			f.header = next
			first = false
			continue
		}
		if len(bytes.TrimSpace(next)) == 0 {
			continue
		}
		if isEnd(next) {
			if fe := fr.endRecord(line, next); fe != nil {
				return nil, fe
			}
			continue
		}
		le := logEvent{line: line, raw: next}
		h, seq, err := prescan(&le, fr.objIdx, f)
		if fe := fr.event(le, h, seq, err); fe != nil {
			return nil, fe
		}
	}
	if first {
		return nil, &frameErr{line: 1, msg: "empty trace"}
	}
	return fr.finish(line)
}

// framer checks the framing of a trace as its events come (from NDJSON
// lines or binary records).
type framer struct {
	f       *framed
	objIdx  map[string]int32
	logIdx  map[int64]int
	lastSeq []int64
	// sizes, when known ahead (binary records), are the events of each
	// log, the capacity a new log gets.
	sizes map[int64]int
	// binObj maps a binary version entry's (variable index, key) to its
	// object, so that the object's name is built once.
	binObj map[uint64]int32
	// verBuf is the unused tail of the block the events' version
	// entries are carved from (one allocation for many events).
	verBuf []verEntry
}

func newFramer(perHeap bool) *framer {
	return &framer{f: &framed{perHeap: perHeap}, objIdx: map[string]int32{}, logIdx: map[int64]int{}, binObj: map[uint64]int32{}}
}

// versions is an empty slice of capacity n for one event's version
// entries, carved from a shared block.
func (fr *framer) versions(n int) []verEntry {
	if cap(fr.verBuf)-len(fr.verBuf) < n {
		fr.verBuf = make([]verEntry, 0, max(4096, n))
	}
	l := len(fr.verBuf)
	fr.verBuf = fr.verBuf[:l+n]
	return fr.verBuf[l : l : l+n]
}

// endRecord takes the end record (at line).
func (fr *framer) endRecord(line int, raw []byte) *frameErr {
	if fr.f.end != nil {
		return &frameErr{line: line, raw: raw, msg: fmt.Sprintf("a line after the end record (line %d): the end record must be the last line", fr.f.end.line)}
	}
	e, err := parseEnd(raw)
	if err != nil {
		return &frameErr{line: line, raw: raw, msg: "end record: " + err.Error()}
	}
	e.line, e.raw = line, raw
	fr.f.end = e
	return nil
}

// event takes one event, prescanned: its log h, its number seq, or the
// error that makes it malformed.
func (fr *framer) event(le logEvent, h, seq int64, err error) *frameErr {
	f := fr.f
	if f.end != nil {
		return &frameErr{line: le.line, raw: le.raw, msg: fmt.Sprintf("a line after the end record (line %d): the end record must be the last line", f.end.line)}
	}
	le.err = err
	if err != nil {
		// A malformed event: it stops its log; the merge reports it
		// when the log reaches it.
		h = 1
	}
	if h == 0 {
		if f.perHeap {
			return &frameErr{line: le.line, raw: le.raw, msg: `the event names no log ("h"), which a per-heap trace needs`}
		}
		h = 1
	}
	li, ok := fr.logIdx[h]
	if !ok {
		li = len(f.logs)
		fr.logIdx[h] = li
		f.logs = append(f.logs, make([]logEvent, 0, fr.sizes[h]))
		f.ids = append(f.ids, h)
		fr.lastSeq = append(fr.lastSeq, 0)
	}
	if err == nil {
		switch {
		case seq == 0 && f.perHeap:
			return &frameErr{line: le.line, raw: le.raw, msg: fmt.Sprintf(`the event has no number ("i") in log %d`, h)}
		case seq != 0 && seq != fr.lastSeq[li]+1:
			return &frameErr{line: le.line, raw: le.raw, msg: fmt.Sprintf("log %d: event %d follows event %d: a gap or a repeat in the log's sequence", h, seq, fr.lastSeq[li])}
		case seq != 0:
			fr.lastSeq[li] = seq
		}
	}
	le.fidx = len(f.order)
	f.logs[li] = append(f.logs[li], le)
	f.order = append(f.order, evRef{li, len(f.logs[li]) - 1})
	f.events++
	return nil
}

// finish checks the end record against the logs (line: the last line).
func (fr *framer) finish(line int) (*framed, *frameErr) {
	f := fr.f
	if f.perHeap && f.end == nil {
		return nil, &frameErr{line: line, msg: "no end record: the trace is cut short"}
	}
	if e := f.end; e != nil {
		if e.events >= 0 && e.events != int64(f.events) {
			return nil, &frameErr{line: e.line, msg: fmt.Sprintf("the end record counts %d events, the trace holds %d", e.events, f.events)}
		}
		if e.logs != nil {
			// Logs are named 1, 2, ... by the tracer; the end record
			// lists their lengths in that order.
			for i, n := range e.logs {
				li, ok := fr.logIdx[int64(i+1)]
				have := int64(0)
				if ok {
					have = int64(len(f.logs[li]))
				}
				if have != n {
					return nil, &frameErr{line: e.line, msg: fmt.Sprintf("the end record says log %d holds %d events, the trace has %d of them", i+1, n, have)}
				}
			}
			for h := range fr.logIdx {
				if h < 1 || h > int64(len(e.logs)) {
					return nil, &frameErr{line: e.line, msg: fmt.Sprintf("the end record lists %d logs, the trace has events of log %d", len(e.logs), h)}
				}
			}
		}
	}
	return f, nil
}

// object returns the index of the object name[key] (added if new).
func (fr *framer) object(name, key string) int32 {
	return objectIndex(fr.objIdx, fr.f, name, key)
}

func objectIndex(objIdx map[string]int32, f *framed, name, key string) int32 {
	id := name + "[" + key + "]"
	o, ok := objIdx[id]
	if !ok {
		o = int32(len(f.objs))
		objIdx[id] = o
		f.objs = append(f.objs, object{name: id, groups: map[int64]*verGroup{}})
	}
	return o
}

// prescan reads what the framing and the merge order need of an event
// line: its log, its number, its versions, whether it is a failed CAS.
func prescan(le *logEvent, objIdx map[string]int32, f *framed) (h, seq int64, err error) {
	defer catchSyntax(&err)
	d := &decoder{b: le.raw}
	d.object(func(k []byte) {
		switch string(k) {
		case "t":
			d.expect('[')
			le.t0 = d.int()
			d.expect(',')
			le.t1 = d.int()
			d.expect(']')
			if le.t1 < le.t0 {
				d.fail("the action ends (t %d) before it starts (t %d)", le.t1, le.t0)
			}
			le.hasT = true
		case "h":
			h = d.int()
			if h < 1 {
				d.fail("log %d: logs are numbered from 1", h)
			}
		case "i":
			seq = d.int()
			if seq < 1 {
				d.fail("event number %d: events are numbered from 1", seq)
			}
		case "cas":
			d.ws()
			if d.i < len(d.b) && d.b[d.i] == 'f' {
				d.lit("false")
				le.cas = true
			} else {
				d.lit("true")
			}
		case "v":
			d.array(func() {
				d.expect('[')
				name := d.str()
				d.expect(',')
				key := d.skip()
				d.expect(',')
				var ve verEntry
				ve.r = d.int()
				d.expect(',')
				if d.peek() == 'n' {
					d.lit("null")
				} else {
					ve.w, ve.wrote = d.int(), true
				}
				if d.more(']') {
					if d.str() != "fresh" {
						d.fail(`a version entry's fifth element can only be "fresh"`)
					}
					ve.fresh = true
					d.expect(']')
				}
				ve.obj = objectIndex(objIdx, f, name, string(key))
				le.vers = append(le.vers, ve)
			})
		default:
			d.skip()
		}
	})
	return h, seq, nil
}

// skip passes over one JSON value and returns its bytes.
func (d *decoder) skip() []byte {
	d.ws()
	start := d.i
	depth := 0
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case c == '"':
			d.str()
			if depth == 0 {
				return d.b[start:d.i]
			}
			continue
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			if depth == 0 {
				return d.b[start:d.i]
			}
			depth--
			if depth == 0 {
				d.i++
				return d.b[start:d.i]
			}
		case c == ',' && depth == 0:
			return d.b[start:d.i]
		}
		d.i++
	}
	if depth > 0 || d.i == start {
		d.fail("unexpected end of line")
	}
	return d.b[start:d.i]
}

// parseEnd reads the end record's counts (its
// constants are read with the header's).
func parseEnd(b []byte) (e *endRecord, err error) {
	defer catchSyntax(&err)
	e = &endRecord{events: -1}
	d := &decoder{b: b}
	d.object(func(k []byte) {
		switch string(k) {
		case "events":
			e.events = d.int()
		case "logs":
			e.logs = []int64{}
			d.array(func() { e.logs = append(e.logs, d.int()) })
		default:
			d.skip()
		}
	})
	return e, nil
}

// finalObs decodes the end record's "final" observations with the model's
// variables.
func (m *model) finalObs(b []byte) (os []obs, err error) {
	defer catchSyntax(&err)
	d := &decoder{b: b, null: m.null}
	d.object(func(k []byte) {
		if string(k) != "final" {
			d.skip()
		} else {
			os = m.parseObs(d, nil)
		}
	})
	return os, nil
}

// parseObs reads an array of observations [var, key, value] / [var, value]
// and appends them to out.
func (m *model) parseObs(d *decoder, out []obs) []obs {
	d.array(func() {
		d.expect('[')
		name := d.raw()
		slot, ok := m.slot[string(name)]
		if !ok {
			d.fail("the spec has no variable %s", name)
		}
		o := obs{slot: slot, name: m.vars[slot]}
		d.expect(',')
		first := d.value()
		if d.more(']') {
			o.key, o.hasKey = first, true
			o.val = d.value()
			d.expect(']')
		} else {
			o.val = first
		}
		out = append(out, o)
	})
	return out
}

// object is one thing the versions order (Remote[3], Owner[3]): its
// versions' groups, each the events that read that version and the one
// that wrote over it.
type object struct {
	name   string
	groups map[int64]*verGroup // by the version read (built by the pre-scan)
	order  []*verGroup         // the groups by version
	gi     int                 // the current group
}

type verGroup struct {
	r           int64
	readers     int // events that only read version r
	readersLeft int
	writers     []evRef // events that read r and wrote over it (one, in a run that is a linearization)
	placed      *evRef  // the writer merged, if any
	fresh       bool
}

type evRef struct{ log, idx int }

func (r evRef) String() string {
	return "log " + strconv.Itoa(r.log+1) + " event " + strconv.Itoa(r.idx+1)
}

// indexVersions builds each object's groups from the events.
func (f *framed) indexVersions() {
	for li, l := range f.logs {
		for ei := range l {
			for _, ve := range l[ei].vers {
				o := &f.objs[ve.obj]
				g := o.groups[ve.r]
				if g == nil {
					g = &verGroup{r: ve.r}
					o.groups[ve.r] = g
				}
				if ve.fresh {
					g.fresh = true
				}
				if ve.wrote {
					g.writers = append(g.writers, evRef{li, ei})
				} else {
					g.readers++
				}
			}
		}
	}
	for i := range f.objs {
		o := &f.objs[i]
		for _, g := range o.groups {
			g.readersLeft = g.readers
			o.order = append(o.order, g)
		}
		sortGroups(o.order)
	}
}

func sortGroups(gs []*verGroup) { sort.Slice(gs, func(i, j int) bool { return gs[i].r < gs[j].r }) }

// catchSyntax, deferred, turns a decoder's syntax error panic into *err.
func catchSyntax(err *error) {
	if r := recover(); r != nil {
		se, ok := r.(*syntaxError)
		if !ok {
			panic(r)
		}
		*err = se
	}
}
