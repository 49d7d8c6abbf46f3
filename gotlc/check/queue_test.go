package check

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

// TestValueEncodingRoundTrip encodes states holding every kind of value
// that can occur in a state and decodes them back.
func TestValueEncodingRoundTrip(t *testing.T) {
	rec, err := value.NewRecord([]*value.Str{value.Intern("zeta"), value.Intern("alpha")},
		[]value.Value{value.Int(-7), value.NewSet([]value.Value{value.Intern("x"), value.Intern("")})})
	if err != nil {
		t.Fatal(err)
	}
	m1, m2 := value.NewModel("m1"), value.NewModel("m2")
	fcn := value.NewFcnPairs([]value.Value{m2, m1}, []value.Value{value.True, value.NewTuple([]value.Value{value.Int(1), m1})})
	states := [][]value.Value{
		{value.Int(0), value.False, value.EmptySet, value.EmptySeq},
		{rec, fcn, &value.Interval{Lo: 3, Hi: 9}, value.Int(1 << 62), value.Int(-1 << 62)},
		{value.NewSet([]value.Value{value.NewSet([]value.Value{m1}), value.EmptySet, value.NewTuple([]value.Value{m2, m2})}), value.Nat},
	}
	d := newValueDict()
	for i, s := range states {
		n := node{state: s, fp: uint64(1000 + i), idx: int64(i * 77)}
		b := d.encodeNode(nil, n)
		got, err := d.decodeNode(b)
		if err != nil {
			t.Fatalf("state %d: %v", i, err)
		}
		if got.fp != n.fp || got.idx != n.idx || len(got.state) != len(s) {
			t.Fatalf("state %d: header %d/%d/%d, want %d/%d/%d", i, got.fp, got.idx, len(got.state), n.fp, n.idx, len(s))
		}
		for j := range s {
			if !value.Equal(got.state[j], s[j]) || value.Hash(got.state[j]) != value.Hash(s[j]) {
				t.Errorf("state %d var %d: got %s, want %s", i, j, value.String(got.state[j]), value.String(s[j]))
			}
			if value.StateString(got.state[j]) != value.StateString(s[j]) {
				t.Errorf("state %d var %d prints %s, want %s", i, j, value.StateString(got.state[j]), value.StateString(s[j]))
			}
		}
		// A truncated record is an error, not a panic.
		for cut := 0; cut < len(b); cut++ {
			if _, err := d.decodeNode(b[:cut]); err == nil {
				t.Fatalf("state %d: a record cut at %d/%d decoded without error", i, cut, len(b))
			}
		}
	}
}

// TestQueueSpillsInOrder pushes more states than the memory budget holds and
// pops them back in push order, interleaving pushes and pops.
func TestQueueSpillsInOrder(t *testing.T) {
	dir := t.TempDir()
	m := &queueMem{limit: 4000, dir: dir, dict: newValueDict()}
	q := newStateQueue(m)
	const n = 5000
	var got []node
	var err error
	for i := 0; i < n; i++ {
		s := []value.Value{value.Int(i), value.NewTuple([]value.Value{value.Int(i), value.Intern("s")})}
		if err := q.Push(node{state: s, fp: uint64(i + 1), idx: int64(i)}); err != nil {
			t.Fatal(err)
		}
		if i%1000 == 999 { // some pops between the pushes
			if got, err = q.Pop(got, len(got)+333); err != nil {
				t.Fatal(err)
			}
		}
		if m.inMem > m.limit+int64(m.chunkSize())*2 {
			t.Fatalf("%d bytes in memory, budget %d", m.inMem, m.limit)
		}
	}
	if m.spilled == 0 || m.spilled == n {
		t.Fatalf("%d of %d states spilled, want some but not all", m.spilled, n)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "gotlc-queue-*")); len(files) != 1 {
		t.Fatalf("spill files: %v", files)
	}
	for q.Len() > 0 {
		if got, err = q.Pop(got, len(got)+333); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != n {
		t.Fatalf("popped %d states, want %d", len(got), n)
	}
	for i, nd := range got {
		st, err := m.dict.decodeState(nd.enc)
		if err != nil || nd.fp != uint64(i+1) || nd.idx != int64(i) || st[0] != value.Int(i) {
			t.Fatalf("state %d popped as fp %d idx %d %v (%v)", i, nd.fp, nd.idx, st, err)
		}
	}
	q.Close()
	if files, _ := filepath.Glob(filepath.Join(dir, "gotlc-queue-*")); len(files) != 0 {
		t.Fatalf("spill file left behind: %v", files)
	}
	if m.inMem != 0 {
		t.Fatalf("%d bytes still counted in memory", m.inMem)
	}
}

func TestTraceLogSpills(t *testing.T) {
	l := &traceLog{dir: t.TempDir()}
	defer l.Close()
	n := int64(traceBufRecords*2 + 123)
	for i := int64(0); i < n; i++ {
		idx, err := l.Append(uint64(i)*3+1, i-1)
		if err != nil || idx != i {
			t.Fatalf("Append %d: idx %d, %v", i, idx, err)
		}
	}
	if l.f == nil || l.flushed == 0 {
		t.Fatal("the trace log never went to its file")
	}
	b := int64(traceBufRecords)
	for _, i := range []int64{0, 1, b - 1, b, n - 1} {
		fp, parent, err := l.Get(i)
		if err != nil || fp != uint64(i)*3+1 || parent != i-1 {
			t.Fatalf("Get(%d) = %d, %d, %v", i, fp, parent, err)
		}
	}
	if _, _, err := l.Get(n); err == nil {
		t.Fatal("Get past the end succeeded")
	}
	name := l.f.Name()
	l.Close()
	if _, err := os.Stat(name); !os.IsNotExist(err) {
		t.Fatalf("trace file %s left behind", name)
	}
}

// TestDecodeRejectsCorruptInput: a table index past the decoder's tables
// (a string, a model value, an other-kind value), a truncated encoding and
// trailing bytes are reported as corrupt, never decoded into a wrong state
// or a panic.
func TestDecodeRejectsCorruptInput(t *testing.T) {
	lazy := value.NewSet([]value.Value{value.Int(1)}) // stands in for a value kept in the side table
	enc := newValueDict()
	states := [][]value.Value{
		{value.Intern("s")},
		{value.NewModel("m")},
	}
	for _, st := range states {
		b := enc.encodeNode(nil, node{fp: 7, idx: 1, state: st})
		if _, err := enc.decodeNode(b); err != nil {
			t.Fatalf("round trip of %v: %v", st, err)
		}
		if _, err := newValueDict().decodeNode(b); err != errCorrupt { // empty tables: the index is past them
			t.Errorf("%v decoded with empty tables: err %v, want errCorrupt", st, err)
		}
		if _, err := enc.decodeNode(b[:len(b)-1]); err != errCorrupt {
			t.Errorf("%v truncated: err %v, want errCorrupt", st, err)
		}
		if _, err := enc.decodeNode(append(append([]byte{}, b...), 0)); err != errCorrupt {
			t.Errorf("%v with a trailing byte: err %v, want errCorrupt", st, err)
		}
	}
	// An index into the side table of other values, past its end.
	d := newValueDict()
	d.otherIndex(lazy)
	x := &decoder{d: newValueDict(), b: []byte{tagOther, 0}}
	if v := x.value(); x.err != errCorrupt || v != value.False {
		t.Errorf("tagOther index 0 with an empty side table: %v, err %v; want errCorrupt", v, x.err)
	}
	x = &decoder{d: d, b: []byte{tagOther, 0}}
	if v := x.value(); x.err != nil || v != value.Value(lazy) {
		t.Errorf("tagOther index 0: %v, err %v; want the interned value", v, x.err)
	}
}
