//go:build trace

package impl

// The binary trace format (build tag trace). Events are written in it into
// each heap's buffer: fixed-width fields, no formatting, so that writing an
// event costs tens of nanoseconds (docs/trace-validation.md, "Speed").
// A trace is written as it (StartTraceBinary), or each full buffer is
// turned into the NDJSON lines people read (StartTrace; toJSON below), the
// same lines whichever path they took.
//
//	file    := magic header record* end
//	magic   := "VATRACE1" (8 bytes)
//	header  := u32 n, n bytes: the NDJSON header line, plus "tables"
//	record  := u8 1 (event), u8 action, u8 flags (1: a failed CAS),
//	           u8 nparams, u8 nobs, u8 nvers, u16 size (of the record),
//	           u32 h, u32 i, i64 t0, i64 t1,
//	           nparams values, nobs (u8 var, value key, value val),
//	           nvers (u8 object, i32 key, u32 read, u32 wrote, u8 flags:
//	           1 wrote, 2 fresh)
//	end     := u8 2, u32 n, n bytes: the NDJSON end record
//	value   := u8 0 (null) | 1 (FALSE) | 2 (TRUE) | 3 i32 (integer)
//	         | 4 i32 i32 (a block <<slab, index>>) | 5 u8 (a string of
//	         the header's table) | 6 u8 r (a record of shape r: then each
//	         field's value in the shape's order)
//
// Integers are little-endian. The header's "tables" name the actions, the
// variables (and objects of version entries), the strings and the record
// shapes the indices refer to (binActions, binVars, binStrings, binShapes).

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strconv"
)

// traceMagic starts a binary trace (NDJSON starts with '{').
const traceMagic = "VATRACE1"

const (
	recEvent = 1
	recEnd   = 2
)

const (
	tagNull  = 0
	tagFalse = 1
	tagTrue  = 2
	tagInt   = 3
	tagPair  = 4
	tagStr   = 5
	tagRec   = 6
)

// The variables an event observes (and the objects its versions order).
const (
	vPhase = iota
	vSll
	vSllCount
	vCurrent
	vFreelist
	vUsed
	vCarved
	vOwner
	vRemote
	vPending
	vChain
	vNext
	vInUse
	vLocalBatch
	vTotalActive
)

var binVars = [...]string{"Phase", "Sll", "SllCount", "Current", "Freelist", "Used", "Carved", "Owner",
	"Remote", "Pending", "Chain", "next", "InUse", "LocalBatch", "TotalActive"}

const (
	sIdle = iota
	sDrained
	sPopped
	sCarved
)

var binStrings = [...]string{"idle", "drained", "popped", "carved"}

const (
	shapeChain = iota
	shapePending
	shapeBatch
)

var binShapes = [...][]string{
	{"head", "tail", "count"},
	{"blk", "seen"},
	{"slab", "head", "tail", "count", "seen", "pushing"},
}

// evHeaderSize is the fixed part of an event record.
const evHeaderSize = 32

// tablesJSON is the header's "tables" member.
func tablesJSON(b []byte) []byte {
	list := func(b []byte, names []string) []byte {
		b = append(b, '[')
		for i, n := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, n)
		}
		return append(b, ']')
	}
	b = append(b, `"tables":{"actions":`...)
	b = list(b, actionNames[:])
	b = append(b, `,"vars":`...)
	b = list(b, binVars[:])
	b = append(b, `,"strings":`...)
	b = list(b, binStrings[:])
	b = append(b, `,"records":[`...)
	for i, sh := range binShapes {
		if i > 0 {
			b = append(b, ',')
		}
		b = list(b, sh)
	}
	return append(b, "]}"...)
}

// enc appends one event's values to a buffer.
type enc struct {
	b    []byte
	nobs int
	// slab is the slab of the event being written (sid its number): its
	// blocks are written without a lookup.
	slab *slab
	sid  int64
}

func (e *enc) u8(x byte)   { e.b = append(e.b, x) }
func (e *enc) i32(x int64) { e.b = binary.LittleEndian.AppendUint32(e.b, uint32(int32(x))) }
func (e *enc) null()       { e.b = append(e.b, tagNull) }
func (e *enc) int(x int64) { e.b = append(e.b, tagInt); e.i32(x) }
func (e *enc) str(s byte)  { e.b = append(e.b, tagStr, s) }
func (e *enc) bool(x bool) {
	if x {
		e.b = append(e.b, tagTrue)
	} else {
		e.b = append(e.b, tagFalse)
	}
}
func (e *enc) pair(x, y int64) { e.b = append(e.b, tagPair); e.i32(x); e.i32(y) }
func (e *enc) rec(shape byte)  { e.b = append(e.b, tagRec, shape) }

// obs starts an observation [var, key, ...]: the key (an integer) is
// written, the value follows.
func (e *enc) obs(v byte, key int64) {
	e.nobs++
	e.b = append(e.b, v, tagInt)
	e.i32(key)
}

// toJSON appends the NDJSON line of the event record r (a well-formed
// record this file wrote) to out.
func toJSON(out, r []byte) []byte {
	d := dec{b: r, i: evHeaderSize}
	np, no, nv := int(r[3]), int(r[4]), int(r[5])
	out = append(out, `{"h":`...)
	out = strconv.AppendUint(out, uint64(binary.LittleEndian.Uint32(r[8:])), 10)
	out = append(out, `,"i":`...)
	out = strconv.AppendUint(out, uint64(binary.LittleEndian.Uint32(r[12:])), 10)
	out = append(out, `,"a":"`...)
	out = append(out, actionNames[r[1]]...)
	out = append(out, `","p":[`...)
	for k := 0; k < np; k++ {
		if k > 0 {
			out = append(out, ',')
		}
		out = d.value(out)
	}
	out = append(out, `],"o":[`...)
	out = d.obs(out, no, false)
	out = append(out, `],"v":[`...)
	for k := 0; k < nv; k++ {
		if k > 0 {
			out = append(out, ',')
		}
		out = append(out, `["`...)
		out = append(out, binVars[d.u8()]...)
		out = append(out, `",`...)
		out = strconv.AppendInt(out, int64(d.i32()), 10)
		out = append(out, ',')
		rv, wv, fl := d.u32(), d.u32(), d.u8()
		out = strconv.AppendUint(out, uint64(rv), 10)
		out = append(out, ',')
		if fl&1 != 0 {
			out = strconv.AppendUint(out, uint64(wv), 10)
		} else {
			out = append(out, "null"...)
		}
		if fl&2 != 0 {
			out = append(out, `,"fresh"`...)
		}
		out = append(out, ']')
	}
	out = append(out, ']')
	if r[2]&1 != 0 {
		out = append(out, `,"cas":false`...)
	}
	out = append(out, `,"t":[`...)
	out = strconv.AppendInt(out, int64(binary.LittleEndian.Uint64(r[16:])), 10)
	out = append(out, ',')
	out = strconv.AppendInt(out, int64(binary.LittleEndian.Uint64(r[24:])), 10)
	return append(out, "]}\n"...)
}

// obsJSON appends the observations of e as NDJSON entries, each preceded
// by a comma (the end record's "final").
func obsJSON(out []byte, e *enc) []byte {
	d := dec{b: e.b}
	return d.obs(out, e.nobs, true)
}

// obs appends n observations [var, key, value] as JSON, separated by
// commas (and preceded by one when lead).
func (d *dec) obs(out []byte, n int, lead bool) []byte {
	for k := 0; k < n; k++ {
		if k > 0 || lead {
			out = append(out, ',')
		}
		out = append(out, `["`...)
		out = append(out, binVars[d.u8()]...)
		out = append(out, `",`...)
		out = d.value(out)
		out = append(out, ',')
		out = d.value(out)
		out = append(out, ']')
	}
	return out
}

// dec reads what enc wrote.
type dec struct {
	b []byte
	i int
}

func (d *dec) u8() byte { d.i++; return d.b[d.i-1] }
func (d *dec) i32() int32 {
	d.i += 4
	return int32(binary.LittleEndian.Uint32(d.b[d.i-4:]))
}
func (d *dec) u32() uint32 { return uint32(d.i32()) }

// value appends the JSON of the value at d to out.
func (d *dec) value(out []byte) []byte {
	switch d.u8() {
	case tagNull:
		return append(out, "null"...)
	case tagFalse:
		return append(out, "false"...)
	case tagTrue:
		return append(out, "true"...)
	case tagInt:
		return strconv.AppendInt(out, int64(d.i32()), 10)
	case tagPair:
		out = append(out, '[')
		out = strconv.AppendInt(out, int64(d.i32()), 10)
		out = append(out, ',')
		out = strconv.AppendInt(out, int64(d.i32()), 10)
		return append(out, ']')
	case tagStr:
		out = append(out, '"')
		out = append(out, binStrings[d.u8()]...)
		return append(out, '"')
	case tagRec:
		sh := binShapes[d.u8()]
		out = append(out, '{')
		for k, f := range sh {
			if k > 0 {
				out = append(out, ',')
			}
			out = append(out, '"')
			out = append(out, f...)
			out = append(out, `":`...)
			out = d.value(out)
		}
		return append(out, '}')
	}
	panic("impl: toJSON: a value the encoder does not write")
}

// TraceToNDJSON turns a binary trace (StartTraceBinary) into the NDJSON
// trace StartTrace would have written of the same run.
func TraceToNDJSON(bin []byte) ([]byte, error) {
	if !bytes.HasPrefix(bin, []byte(traceMagic)) || len(bin) < len(traceMagic)+4 {
		return nil, errors.New("veralloc: not a binary trace (no " + traceMagic + " header)")
	}
	n := int(binary.LittleEndian.Uint32(bin[len(traceMagic):]))
	r := bin[len(traceMagic)+4:]
	if n > len(r) {
		return nil, errors.New("veralloc: a binary trace cut short in its header")
	}
	hdr := r[:n]
	if i := bytes.Index(hdr, []byte(`,"format":"binary"`)); i >= 0 {
		hdr = append(append([]byte(nil), hdr[:i]...), '}')
	}
	out := append(hdr, '\n')
	for r = r[n:]; len(r) > 0; {
		switch r[0] {
		case recEvent:
			if len(r) < evHeaderSize || int(binary.LittleEndian.Uint16(r[6:])) > len(r) {
				return out, errors.New("veralloc: a binary trace cut short in an event")
			}
			k := int(binary.LittleEndian.Uint16(r[6:]))
			out = toJSON(out, r[:k])
			r = r[k:]
		case recEnd:
			if len(r) < 5 || int(binary.LittleEndian.Uint32(r[1:])) > len(r)-5 {
				return out, errors.New("veralloc: a binary trace cut short in its end record")
			}
			k := int(binary.LittleEndian.Uint32(r[1:]))
			out = append(append(out, r[5:5+k]...), '\n')
			r = r[5+k:]
		default:
			return out, errors.New("veralloc: a binary trace record of unknown kind " + strconv.Itoa(int(r[0])))
		}
	}
	return out, nil
}
