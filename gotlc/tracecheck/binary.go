package tracecheck

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/veralloc/veralloc/gotlc/value"
)

// The binary trace format (written by impl's StartTraceBinary; the layout
// is documented in impl/trace_enc.go and docs/trace-validation.md): the
// magic "VATRACE1", the NDJSON header line (length-prefixed) whose
// "tables" name the actions, variables, strings and record shapes, then
// fixed-layout event records and the NDJSON end record (length-prefixed).
// An event record holds what an NDJSON event line holds; decoding it makes
// the same event (action, parameters, observations as gotlc values) and
// the same framing entries (log, number, versions, window), so everything
// after the decoding is shared with NDJSON. A record's "line" is its
// number in the file, the header being 1.

const binMagic = "VATRACE1"

const (
	binEvent = 1
	binEnd   = 2
	binFixed = 32 // the fixed part of an event record
)

const (
	bNull  = 0
	bFalse = 1
	bTrue  = 2
	bInt   = 3
	bPair  = 4
	bStr   = 5
	bRec   = 6
)

// isBinary reports whether data is a binary trace.
func isBinary(data []byte) bool { return bytes.HasPrefix(data, []byte(binMagic)) }

// binTables are the header's tables.
type binTables struct {
	actions []string
	vars    []string
	strings []string
	records [][]string
}

// binaryHeader splits a binary trace into its header line and the rest.
func binaryHeader(data []byte) (hdr, rest []byte, err error) {
	if len(data) < len(binMagic)+4 {
		return nil, nil, errors.New("binary trace: cut short in its header")
	}
	n := int(binary.LittleEndian.Uint32(data[len(binMagic):]))
	start := len(binMagic) + 4
	if n > len(data)-start {
		return nil, nil, errors.New("binary trace: cut short in its header")
	}
	return data[start : start+n], data[start+n:], nil
}

// parseTables reads the header's "tables".
func parseTables(hdr []byte) (t *binTables, err error) {
	defer catchSyntax(&err)
	d := &decoder{b: hdr}
	list := func() []string {
		var out []string
		d.array(func() { out = append(out, d.str()) })
		return out
	}
	d.object(func(k []byte) {
		if string(k) != "tables" {
			d.skip()
			return
		}
		t = &binTables{}
		d.object(func(tk []byte) {
			switch string(tk) {
			case "actions":
				t.actions = list()
			case "vars":
				t.vars = list()
			case "strings":
				t.strings = list()
			case "records":
				d.array(func() { t.records = append(t.records, list()) })
			default:
				d.skip()
			}
		})
	})
	if t == nil {
		return nil, errors.New(`a binary trace's header needs "tables"`)
	}
	return t, nil
}

// splitBinary is splitLogs for the records of a binary trace.
func splitBinary(rest []byte, perHeap bool, tb *binTables) (*framed, *frameErr) {
	fr := newFramer(perHeap)
	fr.sizes, fr.f.order = binaryLogSizes(rest)
	line := 1
	for len(rest) > 0 {
		line++
		switch rest[0] {
		case binEnd:
			if len(rest) < 5 || int(binary.LittleEndian.Uint32(rest[1:])) > len(rest)-5 {
				return nil, &frameErr{line: line, msg: "the end record is cut short"}
			}
			n := int(binary.LittleEndian.Uint32(rest[1:]))
			if fe := fr.endRecord(line, rest[5:5+n]); fe != nil {
				return nil, fe
			}
			rest = rest[5+n:]
		case binEvent:
			if len(rest) < binFixed {
				return nil, &frameErr{line: line, msg: "an event record cut short"}
			}
			n := int(binary.LittleEndian.Uint16(rest[6:]))
			if n < binFixed || n > len(rest) {
				return nil, &frameErr{line: line, msg: fmt.Sprintf("an event record of %d bytes (%d left in the file)", n, len(rest))}
			}
			le := logEvent{line: line, raw: rest[:n]}
			h, seq, err := prescanBinary(&le, fr, tb)
			if fe := fr.event(le, h, seq, err); fe != nil {
				return nil, fe
			}
			rest = rest[n:]
		default:
			return nil, &frameErr{line: line, msg: fmt.Sprintf("a record of unknown kind %d", rest[0])}
		}
	}
	return fr.finish(line)
}

// binaryLogSizes counts the event records of each log ("h", in the fixed
// part) in one pass over the records' sizes, so that the framer allocates
// each log once; a malformed record ends the count (the framing pass
// reports it). It returns the counts and an empty order of the capacity
// of all of them.
func binaryLogSizes(rest []byte) (map[int64]int, []evRef) {
	sizes := map[int64]int{}
	total := 0
	for len(rest) >= binFixed && rest[0] == binEvent {
		n := int(binary.LittleEndian.Uint16(rest[6:]))
		if n < binFixed || n > len(rest) {
			break
		}
		sizes[int64(binary.LittleEndian.Uint32(rest[8:]))]++
		total++
		rest = rest[n:]
	}
	return sizes, make([]evRef, 0, total)
}

// brd reads the values of one record.
type brd struct {
	b []byte
	i int
}

func (r *brd) need(n int) {
	if r.i+n > len(r.b) {
		panic(&syntaxError{off: r.i, msg: "the record ends inside a value"})
	}
}
func (r *brd) u8() byte { r.need(1); r.i++; return r.b[r.i-1] }
func (r *brd) i32() int64 {
	r.need(4)
	r.i += 4
	return int64(int32(binary.LittleEndian.Uint32(r.b[r.i-4:])))
}
func (r *brd) u32() int64 { return int64(uint32(r.i32())) }

// skipValue passes over one value.
func (r *brd) skipValue(tb *binTables) {
	switch t := r.u8(); t {
	case bNull, bFalse, bTrue:
	case bInt:
		r.i32()
	case bPair:
		r.i32()
		r.i32()
	case bStr:
		r.u8()
	case bRec:
		k := int(r.u8())
		if k >= len(tb.records) {
			r.fail("record shape %d: the header has %d", k, len(tb.records))
		}
		for range tb.records[k] {
			r.skipValue(tb)
		}
	default:
		r.fail("unknown value tag %d", t)
	}
}

func (r *brd) fail(format string, args ...any) {
	panic(&syntaxError{off: r.i, msg: fmt.Sprintf(format, args...)})
}

// prescanBinary is prescan for an event record.
func prescanBinary(le *logEvent, fr *framer, tb *binTables) (h, seq int64, err error) {
	defer catchSyntax(&err)
	b := le.raw
	h = int64(binary.LittleEndian.Uint32(b[8:]))
	seq = int64(binary.LittleEndian.Uint32(b[12:]))
	le.t0 = int64(binary.LittleEndian.Uint64(b[16:]))
	le.t1 = int64(binary.LittleEndian.Uint64(b[24:]))
	le.hasT = true
	le.cas = b[2]&1 != 0
	r := &brd{b: b, i: binFixed}
	if h < 1 {
		r.fail("log %d: logs are numbered from 1", h)
	}
	if seq < 1 {
		r.fail("event number %d: events are numbered from 1", seq)
	}
	if le.t1 < le.t0 {
		r.fail("the action ends (t %d) before it starts (t %d)", le.t1, le.t0)
	}
	for k := 0; k < int(b[3]); k++ {
		r.skipValue(tb)
	}
	for k := 0; k < int(b[4]); k++ {
		r.u8()
		r.skipValue(tb)
		r.skipValue(tb)
	}
	if n := int(b[5]); n > 0 {
		le.vers = fr.versions(n)
	}
	for k := 0; k < int(b[5]); k++ {
		vi := int(r.u8())
		if vi >= len(tb.vars) {
			r.fail("variable %d: the header has %d", vi, len(tb.vars))
		}
		key := r.i32()
		var ve verEntry
		ve.r = r.u32()
		w := r.u32()
		fl := r.u8()
		if fl&1 != 0 {
			ve.w, ve.wrote = w, true
		}
		ve.fresh = fl&2 != 0
		ok := uint64(vi)<<32 | uint64(uint32(key))
		obj, seen := fr.binObj[ok]
		if !seen {
			obj = fr.object(tb.vars[vi], strconv.FormatInt(key, 10))
			fr.binObj[ok] = obj
		}
		ve.obj = obj
		le.vers = append(le.vers, ve)
	}
	if r.i != len(b) {
		r.fail("%d bytes after the event's last entry", len(b)-r.i)
	}
	return h, seq, nil
}

// binModel is what decoding records into the model's values needs: the
// tables mapped onto the model (variables to slots, strings and record
// field names to values).
type binModel struct {
	tb      *binTables
	actions []*action // by the table's index (nil: not an action of Next)
	slots   []int     // by the table's index (-1: not a variable of the spec)
	strs    []value.Value
	fields  [][]*value.Str
	shapes  []*value.RecordShape // by record shape (nil: not a valid record)
}

func (m *model) bindTables(tb *binTables) *binModel {
	bm := &binModel{tb: tb}
	for _, a := range tb.actions {
		bm.actions = append(bm.actions, m.actions[a])
	}
	for _, v := range tb.vars {
		s, ok := m.slot[v]
		if !ok {
			s = -1
		}
		bm.slots = append(bm.slots, s)
	}
	for _, s := range tb.strings {
		bm.strs = append(bm.strs, value.Intern(s))
	}
	for _, rec := range tb.records {
		var fs []*value.Str
		for _, f := range rec {
			fs = append(fs, value.Intern(f))
		}
		bm.fields = append(bm.fields, fs)
		sh, _ := value.NewRecordShape(fs) // nil: a duplicate field, which NewRecord reports
		bm.shapes = append(bm.shapes, sh)
	}
	return bm
}

// parseBinaryInto decodes an event record into into (reused).
func (m *model) parseBinaryInto(d *decoder, b []byte, into *event) (ev *event, err error) {
	defer catchSyntax(&err)
	bm := m.bin
	ev = into
	ev.action, ev.params, ev.obs = "", nil, ev.obs[:0]
	r := &brd{b: b, i: binFixed}
	ai := int(b[1])
	switch {
	case ai >= len(bm.tb.actions):
		r.fail("action %d: the header has %d", ai, len(bm.tb.actions))
	case bm.actions[ai] != nil:
		ev.action = bm.actions[ai].name
	default:
		ev.action = bm.tb.actions[ai]
	}
	if n := int(b[4]); cap(ev.obs) < n {
		ev.obs = d.obsSlice(n)
	}
	if np := int(b[3]); np > 0 {
		ps := d.values(np)
		for k := range ps {
			ps[k] = bm.value(r, d)
		}
		ev.params = ps
	}
	for k := 0; k < int(b[4]); k++ {
		vi := int(r.u8())
		if vi >= len(bm.slots) {
			r.fail("variable %d: the header has %d", vi, len(bm.slots))
		}
		slot := bm.slots[vi]
		if slot < 0 {
			r.fail("the spec has no variable %s", bm.tb.vars[vi])
		}
		o := obs{slot: slot, name: m.vars[slot], hasKey: true}
		o.key = bm.value(r, d)
		o.val = bm.value(r, d)
		ev.obs = append(ev.obs, o)
	}
	return ev, nil
}

// value decodes one value (blocks through d's cache of pairs).
func (bm *binModel) value(r *brd, d *decoder) value.Value {
	switch t := r.u8(); t {
	case bNull:
		if d.null == nil {
			r.fail("null, but the spec has no Nil constant to stand for it")
		}
		return d.null
	case bFalse:
		return value.False
	case bTrue:
		return value.True
	case bInt:
		return value.Int(r.i32())
	case bPair:
		x, y := r.i32(), r.i32()
		return d.pair(x, y)
	case bStr:
		k := int(r.u8())
		if k >= len(bm.strs) {
			r.fail("string %d: the header has %d", k, len(bm.strs))
		}
		return bm.strs[k]
	case bRec:
		k := int(r.u8())
		if k >= len(bm.fields) {
			r.fail("record shape %d: the header has %d", k, len(bm.fields))
		}
		names := bm.fields[k]
		vals := d.values(len(names))
		if sh := bm.shapes[k]; sh != nil {
			for i := range vals {
				vals[sh.Pos(i)] = bm.value(r, d)
			}
			if len(d.recs) <= k {
				d.recs = append(d.recs, make([]*value.Fcn, k+1-len(d.recs))...)
			}
			if last := d.recs[k]; last != nil && sameValues(last.Values(), vals) {
				return last
			}
			rec := sh.Build(vals)
			d.recs[k] = rec
			return rec
		}
		for i := range vals {
			vals[i] = bm.value(r, d)
		}
		rec, err := value.NewRecord(names, vals)
		if err != nil {
			r.fail("%v", err)
		}
		return rec
	default:
		r.fail("unknown value tag %d", t)
	}
	return nil
}

// renderBinary writes an event record as text for reports: its log,
// number, action, parameters, observations and versions, values in TLA+
// syntax.
func (m *model) renderBinary(b []byte) string {
	if len(b) < binFixed || b[0] != binEvent {
		return fmt.Sprintf("(a binary record of %d bytes)", len(b))
	}
	var ev event
	d := &decoder{null: m.null}
	if _, err := m.parseBinaryInto(d, b, &ev); err != nil {
		return fmt.Sprintf("(a binary record that does not decode: %v)", err)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "log %d event %d: %s(%s)", binary.LittleEndian.Uint32(b[8:]), binary.LittleEndian.Uint32(b[12:]), ev.action, printParams(ev.params))
	for i, o := range ev.obs {
		if i == 0 {
			sb.WriteString(" observes ")
		} else {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "%s' = %s", o.what(), value.String(o.val))
	}
	if b[2]&1 != 0 {
		sb.WriteString("; a failed CAS")
	}
	fmt.Fprintf(&sb, "; t [%d, %d]", int64(binary.LittleEndian.Uint64(b[16:])), int64(binary.LittleEndian.Uint64(b[24:])))
	return sb.String()
}

// sameValues reports whether two lists of decoded values are equal.
func sameValues(a, b []value.Value) bool {
	for i := range a {
		if !value.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
