package tracecheck

import (
	"fmt"
	"strconv"

	"github.com/veralloc/veralloc/gotlc/value"
)

// JSON values of a trace are TLA+ values:
//
//	number          integer
//	"text"          string
//	true, false     boolean
//	null            the value of the spec's Nil constant (Options.Null)
//	[a, b, ...]     tuple <<a, b, ...>> (a function on 1..n)
//	{"f": v, ...}   record [f |-> v, ...]
//	{"$set": [...]} set
//	{"$model": "m"} model value m
//
// decoder parses one line at a time without allocating a generic tree.
type decoder struct {
	b    []byte
	i    int
	null value.Value
	// pairs caches the tuples <<a, b>> of small integers (blocks), which
	// most observations are.
	pairs map[[2]int64]value.Value
	names map[string]*value.Str // interned record field names
	// recs holds, per record shape of a binary trace, the record of that
	// shape decoded last: a record equal to it is that value again (most
	// are an empty chain, pending push or batch).
	recs []*value.Fcn
	// evBuf, obsBuf and valBuf are the unused tails of the blocks that
	// decoded events, their observations and parameters are carved from
	// (one allocation for many events).
	evBuf  []event
	obsBuf []obs
	valBuf []value.Value
}

// newEvent is a zero event carved from d's block.
func (d *decoder) newEvent() *event {
	if len(d.evBuf) == 0 {
		d.evBuf = make([]event, 256)
	}
	ev := &d.evBuf[0]
	d.evBuf = d.evBuf[1:]
	return ev
}

// obsSlice is an empty slice of capacity n carved from d's block.
func (d *decoder) obsSlice(n int) []obs {
	if len(d.obsBuf) < n {
		d.obsBuf = make([]obs, max(1024, n))
	}
	o := d.obsBuf[:0:n]
	d.obsBuf = d.obsBuf[n:]
	return o
}

// values is a slice of n values carved from d's block.
func (d *decoder) values(n int) []value.Value {
	if len(d.valBuf) < n {
		d.valBuf = make([]value.Value, max(512, n))
	}
	v := d.valBuf[:n:n]
	d.valBuf = d.valBuf[n:]
	return v
}

type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.off+1, e.msg) }

func (d *decoder) fail(format string, args ...any) {
	panic(&syntaxError{off: d.i, msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\r', '\n':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) peek() byte {
	d.ws()
	if d.i >= len(d.b) {
		d.fail("unexpected end of line")
	}
	return d.b[d.i]
}

func (d *decoder) expect(c byte) {
	if d.peek() != c {
		d.fail("expected %q, found %q", c, d.b[d.i])
	}
	d.i++
}

// more consumes a ',' (true) or the closing byte (false).
func (d *decoder) more(close byte) bool {
	switch d.peek() {
	case ',':
		d.i++
		return true
	case close:
		d.i++
		return false
	}
	d.fail("expected ',' or %q, found %q", close, d.b[d.i])
	return false
}

func (d *decoder) str() string {
	d.expect('"')
	start := d.i
	for d.i < len(d.b) && d.b[d.i] != '"' {
		if d.b[d.i] == '\\' {
			return d.strSlow(start)
		}
		d.i++
	}
	if d.i >= len(d.b) {
		d.fail("unterminated string")
	}
	s := string(d.b[start:d.i])
	d.i++
	return s
}

// rawKey reads an object key: its bytes, which must have no escapes.
func (d *decoder) rawKey() []byte { return d.raw() }

// intern is value.Intern with a cache local to the decoder.
func (d *decoder) intern(b []byte) *value.Str {
	if s, ok := d.names[string(b)]; ok {
		return s
	}
	if d.names == nil {
		d.names = map[string]*value.Str{}
	}
	s := value.Intern(string(b))
	d.names[string(b)] = s
	return s
}

// raw returns the bytes of a string without escapes (nil if it has some).
func (d *decoder) raw() []byte {
	d.expect('"')
	start := d.i
	for d.i < len(d.b) && d.b[d.i] != '"' {
		if d.b[d.i] == '\\' {
			d.fail("unexpected escape in a name")
		}
		d.i++
	}
	if d.i >= len(d.b) {
		d.fail("unterminated string")
	}
	d.i++
	return d.b[start : d.i-1]
}

func (d *decoder) strSlow(start int) string {
	d.i = start - 1
	end := d.i + 1
	for end < len(d.b) && d.b[end] != '"' {
		if d.b[end] == '\\' {
			end++
		}
		end++
	}
	if end >= len(d.b) {
		d.fail("unterminated string")
	}
	s, err := strconv.Unquote(string(d.b[d.i : end+1]))
	if err != nil {
		d.fail("bad string: %v", err)
	}
	d.i = end + 1
	return s
}

func (d *decoder) int() int64 {
	d.ws()
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	var n int64
	digits := 0
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		n = n*10 + int64(d.b[d.i]-'0')
		d.i++
		digits++
	}
	if digits == 0 || digits > 18 {
		d.i = start
		d.fail("expected an integer")
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i = start
		d.fail("only integers are TLA+ values")
	}
	if d.b[start] == '-' {
		n = -n
	}
	return n
}

func (d *decoder) lit(word string) {
	if len(d.b)-d.i < len(word) || string(d.b[d.i:d.i+len(word)]) != word {
		d.fail("unexpected %q", d.b[d.i])
	}
	d.i += len(word)
}

// array reads a JSON array, calling each for every element.
func (d *decoder) array(each func()) {
	d.expect('[')
	if d.peek() == ']' {
		d.i++
		return
	}
	for {
		each()
		if !d.more(']') {
			return
		}
	}
}

// object reads a JSON object, calling each with every key (after its
// colon) to read the value.
func (d *decoder) object(each func(k []byte)) {
	d.expect('{')
	for {
		k := d.raw()
		d.expect(':')
		each(k)
		if !d.more('}') {
			return
		}
	}
}

// pair is the tuple <<x, y>>, from the cache of pairs when it is there.
func (d *decoder) pair(x, y int64) value.Value {
	k := [2]int64{x, y}
	if t, ok := d.pairs[k]; ok {
		return t
	}
	t := value.NewTuple([]value.Value{value.Int(x), value.Int(y)})
	if d.pairs == nil {
		d.pairs = map[[2]int64]value.Value{}
	}
	if len(d.pairs) < 1<<16 {
		d.pairs[k] = t
	}
	return t
}

// value parses one JSON value as a TLA+ value.
func (d *decoder) value() value.Value {
	switch c := d.peek(); {
	case c == '"':
		return value.Intern(d.str())
	case c == '-' || (c >= '0' && c <= '9'):
		return value.Int(d.int())
	case c == 't':
		d.lit("true")
		return value.True
	case c == 'f':
		d.lit("false")
		return value.False
	case c == 'n':
		d.lit("null")
		if d.null == nil {
			d.fail("null, but the spec has no Nil constant to stand for it")
		}
		return d.null
	case c == '[':
		var buf [4]value.Value
		vals := buf[:0]
		d.array(func() { vals = append(vals, d.value()) })
		if len(vals) == 0 {
			return value.EmptySeq
		}
		if len(vals) == 2 {
			x, ok1 := vals[0].(value.Int)
			y, ok2 := vals[1].(value.Int)
			if ok1 && ok2 {
				return d.pair(int64(x), int64(y))
			}
		}
		return value.NewTuple(append([]value.Value(nil), vals...))
	case c == '{':
		d.i++
		if d.peek() == '}' {
			d.i++
			d.fail("{} is not a TLA+ value (a record needs a field)")
		}
		var names []*value.Str
		var vals []value.Value
		for {
			kb := d.rawKey()
			d.expect(':')
			k := string(kb) // no allocation: compared and looked up only
			switch k {
			case "$set":
				if len(names) == 0 {
					t, ok := d.value().(*value.Fcn)
					if !ok || !t.IsSeq() {
						d.fail(`"$set" takes an array`)
					}
					d.expect('}')
					return value.NewSet(append([]value.Value(nil), t.Values()...))
				}
			case "$model":
				if len(names) == 0 {
					name := d.str()
					d.expect('}')
					return value.NewModel(name)
				}
			}
			names = append(names, d.intern(kb))
			vals = append(vals, d.value())
			if !d.more('}') {
				break
			}
		}
		r, err := value.NewRecord(names, vals)
		if err != nil {
			d.fail("%v", err)
		}
		return r
	default:
		d.fail("unexpected %q", c)
	}
	return nil
}
