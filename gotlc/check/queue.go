package check

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/veralloc/veralloc/gotlc/value"
)

// The BFS queue. Each level of the search is one stateQueue: the checker
// reads the current level from one and writes the next level into another.
// A queued state is kept encoded (see valueDict: a few hundred bytes for a
// state whose value tree takes kilobytes), in chunks of about queueChunk
// bytes. While the chunks held in memory by all the queues of a search fit
// in the memory budget (Options.QueueMem), they stay in memory; past it,
// each newly filled chunk is appended to the queue's temporary file and read
// back when its turn comes. The order of states, and therefore the search,
// is the same whether or not a queue spilled.

const queueChunk = 1 << 20

// chunkSize is the size of the chunks: queueChunk, smaller for a small
// budget (an eighth of it, at least 64 bytes) so that it is respected.
func (m *queueMem) chunkSize() int {
	if m.limit <= 0 || m.limit >= 8*queueChunk {
		return queueChunk
	}
	return int(max(m.limit/8, 64))
}

// queueMem is the memory budget shared by the queues of one search.
type queueMem struct {
	limit   int64 // bytes; <= 0: no limit
	inMem   int64 // bytes of chunks held in memory by all queues
	dir     string
	dict    *valueDict
	spilled int64 // states written to disk so far (for reports and tests)
}

// chunk is a run of encoded states: in memory (data) or in the spill file
// at off, size bytes.
type chunk struct {
	data      []byte
	n         int // states in the chunk
	off, size int64
	onDisk    bool
}

type stateQueue struct {
	m      *queueMem
	chunks []*chunk // sealed chunks, oldest first
	tail   *chunk   // the chunk being filled
	head   []byte   // unread part of the chunk being read
	headN  int      // states left in head
	headC  *chunk
	n      int64 // states not yet popped
	f      *os.File
	fEnd   int64
	buf    []byte
}

func newStateQueue(m *queueMem) *stateQueue { return &stateQueue{m: m} }

// Len is the number of states not yet popped.
func (q *stateQueue) Len() int64 { return q.n }

// Push appends n (a state inside the model, to be expanded later).
func (q *stateQueue) Push(n node) error {
	if q.tail == nil {
		sz := q.m.chunkSize()
		q.tail = &chunk{data: make([]byte, 0, sz+sz/8)}
	}
	rec := n.rec
	if rec == nil {
		q.buf = q.m.dict.encodeNode(q.buf[:0], n)
		rec = q.buf
	}
	before := len(q.tail.data)
	q.tail.data = binary.AppendUvarint(q.tail.data, uint64(len(rec)))
	q.tail.data = append(q.tail.data, rec...)
	q.tail.n++
	q.n++
	q.m.inMem += int64(len(q.tail.data) - before)
	if len(q.tail.data) >= q.m.chunkSize() {
		return q.seal()
	}
	return nil
}

// seal ends the tail chunk; it goes to the spill file if the memory budget
// is exceeded.
func (q *stateQueue) seal() error {
	c := q.tail
	q.tail = nil
	if c == nil || c.n == 0 {
		return nil
	}
	q.chunks = append(q.chunks, c)
	if q.m.limit > 0 && q.m.inMem > q.m.limit {
		if q.f == nil {
			if q.m.dir != "" {
				os.MkdirAll(q.m.dir, 0o755)
			}
			f, err := os.CreateTemp(q.m.dir, "gotlc-queue-*")
			if err != nil {
				return fmt.Errorf("cannot create the queue's spill file: %w", err)
			}
			q.f = f
		}
		if _, err := q.f.WriteAt(c.data, q.fEnd); err != nil {
			return fmt.Errorf("writing the queue's spill file: %w", err)
		}
		c.off, c.size, c.onDisk = q.fEnd, int64(len(c.data)), true
		q.fEnd += c.size
		q.m.inMem -= int64(len(c.data))
		q.m.spilled += int64(c.n)
		c.data = nil
	}
	return nil
}

// Pop appends up to max states to dst, in push order.
func (q *stateQueue) Pop(dst []node, max int) ([]node, error) {
	for len(dst) < max && q.n > 0 {
		if q.headN == 0 {
			if err := q.nextChunk(); err != nil {
				return dst, err
			}
		}
		sz, k := binary.Uvarint(q.head)
		if k <= 0 || uint64(len(q.head)-k) < sz {
			return dst, errCorrupt
		}
		n, err := decodeHeader(q.head[k : k+int(sz)])
		if err != nil {
			return dst, err
		}
		q.head = q.head[k+int(sz):]
		q.headN--
		q.n--
		dst = append(dst, n)
		if q.headN == 0 && q.headC != nil && !q.headC.onDisk {
			q.m.inMem -= int64(len(q.headC.data))
		}
		if q.headN == 0 {
			q.headC, q.head = nil, nil
		}
	}
	return dst, nil
}

// nextChunk makes the oldest chunk the one being read.
func (q *stateQueue) nextChunk() error {
	if len(q.chunks) == 0 {
		// Only the tail is left: read it as it is.
		if err := q.seal(); err != nil {
			return err
		}
		if len(q.chunks) == 0 {
			return errCorrupt
		}
	}
	c := q.chunks[0]
	q.chunks[0] = nil
	q.chunks = q.chunks[1:]
	if c.onDisk {
		b := make([]byte, c.size)
		if _, err := q.f.ReadAt(b, c.off); err != nil {
			return fmt.Errorf("reading the queue's spill file: %w", err)
		}
		c.data = b
	}
	q.headC, q.head, q.headN = c, c.data, c.n
	return nil
}

// Close releases the queue's memory and spill file.
func (q *stateQueue) Close() {
	if q.headC != nil && !q.headC.onDisk {
		q.m.inMem -= int64(len(q.headC.data))
	}
	for _, c := range q.chunks {
		if !c.onDisk {
			q.m.inMem -= int64(len(c.data))
		}
	}
	if q.tail != nil {
		q.m.inMem -= int64(len(q.tail.data))
	}
	q.chunks, q.tail, q.headC, q.head, q.headN, q.n = nil, nil, nil, nil, 0, 0
	if q.f != nil {
		name := q.f.Name()
		q.f.Close()
		os.Remove(name)
		q.f = nil
	}
}

// valueDict encodes values to bytes and back for the queue. Strings and
// model values are encoded by an index into tables kept in memory; values
// of other kinds (lazy sets, rare in states) are kept in memory in a side
// table. Encoders (one per goroutine, see encoder) and decoders run in the
// workers in parallel; the tables are guarded by mu.
type valueDict struct {
	mu       sync.RWMutex
	strIdx   map[*value.Str]uint64
	strs     []*value.Str
	modelIdx map[*value.Model]uint64
	models   []*value.Model
	otherIdx map[value.Value]uint64
	others   []value.Value
	// The domains (with the written order of a record's fields) of the
	// functions queued, each once: a queued function names its domain by
	// index, so that the domains of decoded functions (records above all)
	// are shared, as those built by one constructor are, and Compare and
	// Equal skip comparing them.
	domIdx map[uint64][]uint64 // domKey -> indices into doms
	doms   []domEntry
	serial *encoder // for the merge goroutine's own encoding
}

// domEntry is a function domain and a record's written order (nil when
// not a record or written sorted).
type domEntry struct {
	dom   []value.Value
	order []int32
}

// domKey hashes a domain and order for the tables.
func domKey(dom []value.Value, order []int32) uint64 {
	h := uint64(len(dom))*0x9E3779B97F4A7C15 ^ uint64(len(order))
	for _, d := range dom {
		h = (h ^ value.Hash(d)) * 0x100000001b3
	}
	for _, o := range order {
		h = (h ^ uint64(o)) * 0x100000001b3
	}
	return h
}

// same reports whether the entry is dom and order, element by element
// (identical elements: domains hold interned strings and model values,
// integers and, rarely, composite values compared by pointer, which can
// only split an entry in two, never merge different ones).
func (en domEntry) same(dom []value.Value, order []int32) bool {
	if len(en.dom) != len(dom) || len(en.order) != len(order) {
		return false
	}
	if len(dom) > 0 && &en.dom[0] == &dom[0] && (len(order) == 0 || &en.order[0] == &order[0]) {
		return true
	}
	for i := range dom {
		if en.dom[i] != dom[i] {
			return false
		}
	}
	for i := range order {
		if en.order[i] != order[i] {
			return false
		}
	}
	return true
}

// domIndex is the index of (dom, order), added to the table when new.
func (d *valueDict) domIndex(dom []value.Value, order []int32, key uint64) (uint64, domEntry) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, i := range d.domIdx[key] {
		if d.doms[i].same(dom, order) {
			return i, d.doms[i]
		}
	}
	i := uint64(len(d.doms))
	en := domEntry{dom: dom, order: order}
	d.doms = append(d.doms, en)
	d.domIdx[key] = append(d.domIdx[key], i)
	return i, en
}

func newValueDict() *valueDict {
	d := &valueDict{strIdx: map[*value.Str]uint64{}, modelIdx: map[*value.Model]uint64{}, otherIdx: map[value.Value]uint64{}, domIdx: map[uint64][]uint64{}}
	d.serial = d.encoder()
	return d
}

// encoder encodes for one goroutine, with its own cache of the table
// indices so that it takes the lock only for a string, model value or
// other value it has not met before.
type encoder struct {
	d      *valueDict
	strs   map[*value.Str]uint64
	models map[*value.Model]uint64
	others map[value.Value]uint64
	doms   map[uint64]encDom // domKey -> the last domain met with that key
}

type encDom struct {
	idx uint64
	en  domEntry
}

func (d *valueDict) encoder() *encoder {
	return &encoder{d: d, strs: map[*value.Str]uint64{}, models: map[*value.Model]uint64{}, others: map[value.Value]uint64{}, doms: map[uint64]encDom{}}
}

// domIndex is the dictionary index of (dom, order), from the encoder's
// cache when it has met them.
func (e *encoder) domIndex(dom []value.Value, order []int32) uint64 {
	key := domKey(dom, order)
	if c, ok := e.doms[key]; ok && c.en.same(dom, order) {
		return c.idx
	}
	i, en := e.d.domIndex(dom, order, key)
	e.doms[key] = encDom{idx: i, en: en}
	return i
}

func (d *valueDict) strIndex(t *value.Str) uint64 { return intern(&d.mu, d.strIdx, &d.strs, t) }

func (d *valueDict) modelIndex(t *value.Model) uint64 {
	return intern(&d.mu, d.modelIdx, &d.models, t)
}

func (d *valueDict) otherIndex(v value.Value) uint64 { return intern(&d.mu, d.otherIdx, &d.others, v) }

// intern returns v's index in table, appending it when it is new.
func intern[T comparable](mu *sync.RWMutex, idx map[T]uint64, table *[]T, v T) uint64 {
	mu.Lock()
	defer mu.Unlock()
	i, ok := idx[v]
	if !ok {
		i = uint64(len(*table))
		idx[v] = i
		*table = append(*table, v)
	}
	return i
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

// encodeNode encodes n from the merge goroutine.
func (d *valueDict) encodeNode(b []byte, n node) []byte { return d.serial.encodeNode(b, n) }

func (e *encoder) encodeNode(b []byte, n node) []byte {
	b = binary.LittleEndian.AppendUint64(b, n.fp)
	b = binary.AppendUvarint(b, uint64(n.idx))
	b = binary.AppendUvarint(b, uint64(len(n.state)))
	for _, v := range n.state {
		b = e.encode(b, v)
	}
	return b
}

func (e *encoder) encode(b []byte, v value.Value) []byte {
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
		return binary.AppendUvarint(append(b, tagStr), cached(e.strs, t, e.d.strIndex))
	case *value.Model:
		return binary.AppendUvarint(append(b, tagModel), cached(e.models, t, e.d.modelIndex))
	case *value.Set:
		return e.encodeAll(b, tagSet, t.Elems)
	case *value.Fcn:
		if t.Dom == nil {
			return e.encodeAll(b, tagSeq, t.Values())
		}
		b = binary.AppendUvarint(append(b, tagFcn), e.domIndex(t.Dom, t.Order))
		for _, x := range t.Values() {
			b = e.encode(b, x)
		}
		return b
	case *value.Interval:
		b = binary.AppendVarint(append(b, tagInterval), t.Lo)
		return binary.AppendVarint(b, t.Hi)
	}
	return binary.AppendUvarint(append(b, tagOther), cached(e.others, v, e.d.otherIndex))
}

// cached returns v's index in the shared dictionary from the encoder's own
// cache, asking index (which takes the dictionary's lock) only for a value
// the encoder has not seen.
func cached[T comparable](cache map[T]uint64, v T, index func(T) uint64) uint64 {
	i, ok := cache[v]
	if !ok {
		i = index(v)
		cache[v] = i
	}
	return i
}

// encodeAll appends tag, the count and each of vs (a set's elements, a
// tuple's components): what decoder.values reads.
func (e *encoder) encodeAll(b []byte, tag byte, vs []value.Value) []byte {
	b = binary.AppendUvarint(append(b, tag), uint64(len(vs)))
	for _, x := range vs {
		b = e.encode(b, x)
	}
	return b
}

var errCorrupt = errors.New("the queue's spill file is corrupt")

type decoder struct {
	d   *valueDict
	b   []byte
	err error
}

func (x *decoder) uvarint() uint64 { return readVarint(x, binary.Uvarint) }

func (x *decoder) varint() int64 { return readVarint(x, binary.Varint) }

// readVarint reads one varint with read (binary.Uvarint or binary.Varint);
// a malformed one marks x corrupt and empties it.
func readVarint[T int64 | uint64](x *decoder, read func([]byte) (T, int)) T {
	v, k := read(x.b)
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

// tableEntry reads an index and returns that entry of table (a value
// interned by the encoder); an index past the table marks x corrupt.
func tableEntry[T value.Value](x *decoder, table []T) value.Value {
	i := x.uvarint()
	if i >= uint64(len(table)) {
		x.err = errCorrupt
		return value.False
	}
	return table[i]
}

// values reads a count and that many values (a set's elements, a tuple's
// components).
func (x *decoder) values() []value.Value {
	vs := make([]value.Value, x.count())
	for i := range vs {
		vs[i] = x.value()
	}
	return vs
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
		return tableEntry(x, x.d.strs)
	case tagModel:
		return tableEntry(x, x.d.models)
	case tagOther:
		return tableEntry(x, x.d.others)
	case tagSet:
		return value.NewSetSorted(x.values())
	case tagSeq:
		return value.NewTuple(x.values())
	case tagFcn:
		i := x.uvarint()
		if i >= uint64(len(x.d.doms)) {
			x.err = errCorrupt
			return value.False
		}
		en := x.d.doms[i]
		vals := make([]value.Value, len(en.dom))
		for i := range vals {
			vals[i] = x.value()
		}
		return value.NewFcnParts(en.dom, vals, en.order)
	case tagInterval:
		lo := x.varint()
		hi := x.varint()
		return &value.Interval{Lo: lo, Hi: hi}
	}
	x.err = errCorrupt
	return value.False
}

// decodeHeader reads the fingerprint and index of an encoded node and
// leaves its state encoded (node.enc) for decodeState.
func decodeHeader(b []byte) (node, error) {
	if len(b) < 8 {
		return node{}, errCorrupt
	}
	n := node{fp: binary.LittleEndian.Uint64(b)}
	idx, k := binary.Uvarint(b[8:])
	if k <= 0 {
		return node{}, errCorrupt
	}
	n.idx = int64(idx)
	n.enc = b[8+k:]
	return n, nil
}

// decodeState decodes the state part of an encoded node. It only reads d,
// so workers may decode in parallel (nothing is encoded meanwhile).
func (d *valueDict) decodeState(b []byte) ([]value.Value, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	x := &decoder{d: d, b: b}
	k := x.count()
	s := make([]value.Value, k)
	for i := range s {
		s[i] = x.value()
	}
	if x.err != nil || len(x.b) != 0 {
		return nil, errCorrupt
	}
	return s, nil
}

func (d *valueDict) decodeNode(b []byte) (node, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
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
