package check

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/veralloc/veralloc/gotlc/value"
)

// The BFS queue. Each level of the search is one stateQueue: the checker
// reads the current level from one and writes the next level into another.
// States stay in memory while the states held in memory by all queues fit
// in the memory budget (Options.QueueMem); past it, a queue appends the
// states pushed to it to a temporary file, in push order, and reads them
// back when their turn comes. The order of states, and therefore the search,
// is the same whether or not a queue spilled.

// queueMem is the memory budget shared by the queues of one search.
type queueMem struct {
	limit   int64 // bytes; <= 0: no limit
	inMem   int64 // states held in memory by all queues
	avg     float64
	samples int64
	pushes  int64
	dir     string // where spill files go ("" = os.TempDir())
	dict    *valueDict
	spilled int64 // states written to disk so far (for reports and tests)
}

// fits reports whether one more state may be kept in memory. The size of a
// state is estimated from a sample of the states pushed (every 64th, and
// the first 16), with approxSize.
func (m *queueMem) fits(s []value.Value) bool {
	m.pushes++
	if m.samples < 16 || m.pushes%64 == 0 {
		sz := float64(approxStateSize(s))
		m.samples++
		m.avg += (sz - m.avg) / float64(min(m.samples, 1024))
	}
	if m.limit <= 0 {
		return true
	}
	return float64(m.inMem+1)*m.avg <= float64(m.limit)
}

type stateQueue struct {
	m    *queueMem
	mem  []node
	head int
	// Spilled part (everything pushed after the first spill).
	f      *os.File
	w      *bufio.Writer
	r      *bufio.Reader
	nDisk  int64
	read   int64
	buf    []byte
	decErr error
}

func newStateQueue(m *queueMem) *stateQueue { return &stateQueue{m: m} }

// Len is the number of states not yet popped.
func (q *stateQueue) Len() int64 { return int64(len(q.mem)-q.head) + q.nDisk - q.read }

// Push appends n (a state inside the model, to be expanded later).
func (q *stateQueue) Push(n node) error {
	if q.f == nil && q.m.fits(n.state) {
		q.mem = append(q.mem, n)
		q.m.inMem++
		return nil
	}
	if q.f == nil {
		if q.m.dir != "" {
			os.MkdirAll(q.m.dir, 0o755)
		}
		f, err := os.CreateTemp(q.m.dir, "gotlc-queue-*")
		if err != nil {
			return fmt.Errorf("cannot create the queue's spill file: %w", err)
		}
		q.f = f
		q.w = bufio.NewWriterSize(f, 1<<20)
	}
	q.buf = q.m.dict.encodeNode(q.buf[:0], n)
	var hdr [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(hdr[:], uint64(len(q.buf)))
	if _, err := q.w.Write(hdr[:k]); err != nil {
		return fmt.Errorf("writing the queue's spill file: %w", err)
	}
	if _, err := q.w.Write(q.buf); err != nil {
		return fmt.Errorf("writing the queue's spill file: %w", err)
	}
	q.nDisk++
	q.m.spilled++
	return nil
}

// Pop appends up to max states to dst, in push order.
func (q *stateQueue) Pop(dst []node, max int) ([]node, error) {
	for len(dst) < max && q.head < len(q.mem) {
		dst = append(dst, q.mem[q.head])
		q.mem[q.head] = node{}
		q.head++
		q.m.inMem--
	}
	if q.head == len(q.mem) && q.mem != nil {
		q.mem, q.head = nil, 0
	}
	for len(dst) < max && q.read < q.nDisk {
		if q.r == nil {
			if err := q.w.Flush(); err != nil {
				return dst, fmt.Errorf("writing the queue's spill file: %w", err)
			}
			if _, err := q.f.Seek(0, io.SeekStart); err != nil {
				return dst, err
			}
			q.r = bufio.NewReaderSize(q.f, 1<<20)
		}
		sz, err := binary.ReadUvarint(q.r)
		if err != nil {
			return dst, fmt.Errorf("reading the queue's spill file: %w", err)
		}
		if cap(q.buf) < int(sz) {
			q.buf = make([]byte, sz)
		}
		b := q.buf[:sz]
		if _, err := io.ReadFull(q.r, b); err != nil {
			return dst, fmt.Errorf("reading the queue's spill file: %w", err)
		}
		n, err := q.m.dict.decodeNode(b)
		if err != nil {
			return dst, err
		}
		dst = append(dst, n)
		q.read++
	}
	return dst, nil
}

// Close releases the queue's spill file.
func (q *stateQueue) Close() {
	q.m.inMem -= int64(len(q.mem) - q.head)
	q.mem, q.head = nil, 0
	if q.f != nil {
		name := q.f.Name()
		q.f.Close()
		os.Remove(name)
		q.f = nil
	}
}

// approxStateSize estimates the heap bytes of a state (ignoring sharing
// between states, so it errs on the high side).
func approxStateSize(s []value.Value) int64 {
	sz := int64(24 + 16*len(s))
	for _, v := range s {
		sz += approxSize(v)
	}
	return sz
}

func approxSize(v value.Value) int64 {
	switch t := v.(type) {
	case *value.Set:
		sz := int64(48 + 16*len(t.Elems))
		for _, e := range t.Elems {
			sz += approxSize(e)
		}
		return sz
	case *value.Fcn:
		sz := int64(80 + 16*len(t.Vals) + 16*len(t.Dom) + 4*len(t.Order))
		for _, e := range t.Dom {
			sz += approxSize(e)
		}
		for _, e := range t.Vals {
			sz += approxSize(e)
		}
		return sz
	case *value.Interval:
		return 16
	}
	return 0 // booleans, small integers, interned strings and model values
}

// valueDict encodes values to bytes and back for the spill files. Strings
// and model values are encoded by an index into tables kept in memory;
// values of other kinds (lazy sets, rare in states) are kept in memory in a
// side table.
type valueDict struct {
	strIdx   map[*value.Str]uint64
	strs     []*value.Str
	modelIdx map[*value.Model]uint64
	models   []*value.Model
	otherIdx map[value.Value]uint64
	others   []value.Value
}

func newValueDict() *valueDict {
	return &valueDict{strIdx: map[*value.Str]uint64{}, modelIdx: map[*value.Model]uint64{}, otherIdx: map[value.Value]uint64{}}
}

const (
	tagFalse byte = iota
	tagTrue
	tagInt
	tagStr
	tagModel
	tagSet
	tagSeq
	tagFcn
	tagInterval
	tagOther
	tagNil
)

func (d *valueDict) encodeNode(b []byte, n node) []byte {
	b = binary.LittleEndian.AppendUint64(b, n.fp)
	b = binary.AppendUvarint(b, uint64(n.idx))
	b = binary.AppendUvarint(b, uint64(len(n.state)))
	for _, v := range n.state {
		b = d.encode(b, v)
	}
	return b
}

func (d *valueDict) encode(b []byte, v value.Value) []byte {
	switch t := v.(type) {
	case nil:
		return append(b, tagNil)
	case value.Bool:
		if t {
			return append(b, tagTrue)
		}
		return append(b, tagFalse)
	case value.Int:
		return binary.AppendVarint(append(b, tagInt), int64(t))
	case *value.Str:
		i, ok := d.strIdx[t]
		if !ok {
			i = uint64(len(d.strs))
			d.strIdx[t] = i
			d.strs = append(d.strs, t)
		}
		return binary.AppendUvarint(append(b, tagStr), i)
	case *value.Model:
		i, ok := d.modelIdx[t]
		if !ok {
			i = uint64(len(d.models))
			d.modelIdx[t] = i
			d.models = append(d.models, t)
		}
		return binary.AppendUvarint(append(b, tagModel), i)
	case *value.Set:
		b = binary.AppendUvarint(append(b, tagSet), uint64(len(t.Elems)))
		for _, e := range t.Elems {
			b = d.encode(b, e)
		}
		return b
	case *value.Fcn:
		if t.Dom == nil {
			b = binary.AppendUvarint(append(b, tagSeq), uint64(len(t.Vals)))
			for _, e := range t.Vals {
				b = d.encode(b, e)
			}
			return b
		}
		b = binary.AppendUvarint(append(b, tagFcn), uint64(len(t.Vals)))
		for i := range t.Vals {
			b = d.encode(b, t.Dom[i])
			b = d.encode(b, t.Vals[i])
		}
		b = binary.AppendUvarint(b, uint64(len(t.Order)))
		for _, o := range t.Order {
			b = binary.AppendUvarint(b, uint64(o))
		}
		return b
	case *value.Interval:
		b = binary.AppendVarint(append(b, tagInterval), t.Lo)
		return binary.AppendVarint(b, t.Hi)
	}
	i, ok := d.otherIdx[v]
	if !ok {
		i = uint64(len(d.others))
		d.otherIdx[v] = i
		d.others = append(d.others, v)
	}
	return binary.AppendUvarint(append(b, tagOther), i)
}

var errCorrupt = errors.New("the queue's spill file is corrupt")

type decoder struct {
	d   *valueDict
	b   []byte
	err error
}

func (x *decoder) uvarint() uint64 {
	v, k := binary.Uvarint(x.b)
	if k <= 0 {
		x.err = errCorrupt
		x.b = nil
		return 0
	}
	x.b = x.b[k:]
	return v
}

func (x *decoder) varint() int64 {
	v, k := binary.Varint(x.b)
	if k <= 0 {
		x.err = errCorrupt
		x.b = nil
		return 0
	}
	x.b = x.b[k:]
	return v
}

func (x *decoder) count() int {
	n := x.uvarint()
	if n > uint64(len(x.b)) { // every element takes at least one byte
		x.err = errCorrupt
		x.b = nil
		return 0
	}
	return int(n)
}

func (x *decoder) value() value.Value {
	if len(x.b) == 0 {
		x.err = errCorrupt
		return value.False
	}
	tag := x.b[0]
	x.b = x.b[1:]
	switch tag {
	case tagNil:
		return nil
	case tagFalse:
		return value.False
	case tagTrue:
		return value.True
	case tagInt:
		return value.Int(x.varint())
	case tagStr:
		i := x.uvarint()
		if i >= uint64(len(x.d.strs)) {
			x.err = errCorrupt
			return value.False
		}
		return x.d.strs[i]
	case tagModel:
		i := x.uvarint()
		if i >= uint64(len(x.d.models)) {
			x.err = errCorrupt
			return value.False
		}
		return x.d.models[i]
	case tagOther:
		i := x.uvarint()
		if i >= uint64(len(x.d.others)) {
			x.err = errCorrupt
			return value.False
		}
		return x.d.others[i]
	case tagSet:
		n := x.count()
		es := make([]value.Value, n)
		for i := range es {
			es[i] = x.value()
		}
		return value.NewSetSorted(es)
	case tagSeq:
		n := x.count()
		vs := make([]value.Value, n)
		for i := range vs {
			vs[i] = x.value()
		}
		return value.NewTuple(vs)
	case tagFcn:
		n := x.count()
		dom := make([]value.Value, n)
		vals := make([]value.Value, n)
		for i := range vals {
			dom[i] = x.value()
			vals[i] = x.value()
		}
		f := &value.Fcn{Dom: dom, Vals: vals}
		if k := x.count(); k > 0 {
			f.Order = make([]int32, k)
			for i := range f.Order {
				f.Order[i] = int32(x.uvarint())
			}
		}
		return f
	case tagInterval:
		lo := x.varint()
		hi := x.varint()
		return &value.Interval{Lo: lo, Hi: hi}
	}
	x.err = errCorrupt
	return value.False
}

func (d *valueDict) decodeNode(b []byte) (node, error) {
	if len(b) < 8 {
		return node{}, errCorrupt
	}
	n := node{fp: binary.LittleEndian.Uint64(b)}
	x := &decoder{d: d, b: b[8:]}
	n.idx = int64(x.uvarint())
	k := x.count()
	n.state = make([]value.Value, k)
	for i := range n.state {
		n.state[i] = x.value()
	}
	if x.err != nil || len(x.b) != 0 {
		return node{}, errCorrupt
	}
	return n, nil
}
