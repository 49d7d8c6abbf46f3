package value

import (
	"cmp"
	"slices"
)

// NewTuple is <<vals...>> (it keeps vals).
func NewTuple(vals []Value) *Fcn {
	if len(vals) == 0 {
		return EmptySeq
	}
	return &Fcn{vals: vals}
}

// NewPair is <<a, b>>, one allocation for the tuple and its values.
func NewPair(a, b Value) *Fcn {
	x := &struct {
		f Fcn
		v [2]Value
	}{}
	x.v[0], x.v[1] = a, b
	x.f.vals = x.v[:]
	return &x.f
}

// NewFcnParts is the function whose domain, values and written field order
// are dom, vals and order, as a function's own parts (Dom, Values, Order)
// give them: for a decoder that restores a function it encoded. It keeps
// the slices.
func NewFcnParts(dom, vals []Value, order []int32) *Fcn {
	return &Fcn{Dom: dom, vals: vals, Order: order}
}

// NewFcnSorted builds the function with the given domain, which the caller
// guarantees to be normalised (for example the elements of a *Set). A domain
// equal to 1..n yields the tuple form.
func NewFcnSorted(dom []Value, vals []Value) *Fcn {
	if isOneToN(dom) {
		return NewTuple(vals)
	}
	return &Fcn{Dom: dom, vals: vals}
}

// NewFcnOver builds [x \in dom |-> vals[i]] for a domain that is an
// interval lo..hi.
func NewFcnInterval(lo int64, vals []Value) *Fcn {
	if lo == 1 || len(vals) == 0 {
		return NewTuple(vals)
	}
	dom := make([]Value, len(vals))
	for i := range dom {
		dom[i] = Int(lo + int64(i))
	}
	return &Fcn{Dom: dom, vals: vals}
}

func isOneToN(dom []Value) bool {
	for i, d := range dom {
		if n, ok := d.(Int); !ok || int64(n) != int64(i+1) {
			return false
		}
	}
	return true
}

// NewFcnPairs builds a function from unsorted (domain, value) pairs; a later
// pair for an equal domain element wins (used by :> and @@ builders, which
// resolve precedence before calling).
func NewFcnPairs(dom []Value, vals []Value) *Fcn {
	idx := make([]int, len(dom))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return Compare(dom[a], dom[b]) })
	d := make([]Value, 0, len(dom))
	v := make([]Value, 0, len(dom))
	for k, i := range idx {
		if k+1 < len(idx) && Compare(dom[i], dom[idx[k+1]]) == 0 {
			continue // a later equal key follows; keep the last one
		}
		d = append(d, dom[i])
		v = append(v, vals[i])
	}
	return NewFcnSorted(d, v)
}

// NewRecord builds [names[0] |-> vals[0], ...]. The fields are stored sorted
// by name; the written order is kept for printing. Duplicate names are an
// error.
func NewRecord(names []*Str, vals []Value) (*Fcn, error) {
	n := len(names)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return Compare(names[a], names[b]) })
	dom := make([]Value, n)
	vs := make([]Value, n)
	order := make([]int32, n)
	inOrder := true
	for k, i := range idx {
		if k > 0 && names[idx[k-1]] == names[i] {
			return nil, Errorf("field name %s occurs multiple times in record", names[i].S)
		}
		dom[k] = names[i]
		vs[k] = vals[i]
		order[i] = int32(k)
		if k != i {
			inOrder = false
		}
	}
	f := &Fcn{Dom: dom, vals: vs}
	if !inOrder {
		f.Order = order
	}
	return f, nil
}

// RecordShape is the layout of the records built by one record constructor
// [a |-> e1, b |-> e2, ...]: its field names sorted (the domain, shared by
// every record of the shape, which also lets Compare and Equal skip
// comparing their domains), the written order and where each written field
// goes.
type RecordShape struct {
	dom   []Value
	order []int32 // nil when the names are written sorted
	pos   []int32 // pos[i]: the sorted position of the i-th written field
}

// NewRecordShape is the shape of records with the given field names, in
// written order (the error of NewRecord for a duplicate name).
func NewRecordShape(names []*Str) (*RecordShape, error) {
	vals := make([]Value, len(names))
	for i := range vals {
		vals[i] = Int(i)
	}
	f, err := NewRecord(names, vals)
	if err != nil {
		return nil, err
	}
	sh := &RecordShape{dom: f.Dom, order: f.Order, pos: make([]int32, len(names))}
	for k, v := range f.Values() {
		sh.pos[v.(Int)] = int32(k)
	}
	return sh, nil
}

// Pos is the position in the record's values of the i-th written field.
func (sh *RecordShape) Pos(i int) int { return int(sh.pos[i]) }

// Build returns the record of shape sh whose values (in sorted field order,
// see Pos) are vals; vals is owned by the record from then on.
func (sh *RecordShape) Build(vals []Value) *Fcn {
	return &Fcn{Dom: sh.dom, vals: vals, Order: sh.order}
}

// sameDom reports whether two non-tuple domains are one shared slice.
func sameDom(x, y []Value) bool {
	return len(x) == len(y) && len(x) > 0 && &x[0] == &y[0]
}

// Apply returns f[arg]; ok is false when arg is outside the domain.
func (f *Fcn) Apply(arg Value) (Value, bool) {
	i, ok := f.Index(arg)
	if !ok {
		return nil, false
	}
	return f.At(i), true
}

// Index is the position of arg in f's domain.
func (f *Fcn) Index(arg Value) (int, bool) {
	if f.Dom == nil {
		n, ok := arg.(Int)
		if !ok || n < 1 || int64(n) > int64(f.Len()) {
			return 0, false
		}
		return int(n) - 1, true
	}
	if s, ok := arg.(*Str); ok && len(f.Dom) <= 8 {
		for i, d := range f.Dom {
			if d == s {
				return i, true
			}
		}
		return 0, false
	}
	if i, ok := search(f.Dom, arg); ok {
		return i, true
	}
	return 0, false
}

// intPair is a tuple <<x, y>> of two integers as its two integers.
func intPair(v Value) (x, y Int, ok bool) {
	t, isFcn := v.(*Fcn)
	if !isFcn || t.Dom != nil || t.pv != nil || len(t.vals) != 2 {
		return 0, 0, false
	}
	x, ok1 := t.vals[0].(Int)
	y, ok2 := t.vals[1].(Int)
	return x, y, ok1 && ok2
}

// searchIntPair is search(dom, <<x, y>>) for a domain of pairs of integers
// (a spec's blocks <<slab, index>>): the order of two such tuples is their
// integers' lexicographic order (Compare). ok is false, and the caller
// searches as usual, when an element it meets is not such a pair.
func searchIntPair(dom []Value, x, y Int) (i int, found, ok bool) {
	lo, hi := 0, len(dom)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		a, b, isPair := intPair(dom[m])
		if !isPair {
			return 0, false, false
		}
		c := cmp.Compare(a, x)
		if c == 0 {
			c = cmp.Compare(b, y)
		}
		if c == 0 {
			return m, true, true
		}
		if c < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, false, true
}

// Update returns a copy of f with the value at domain position i replaced
// (f itself when the value is the same). A function of at least pvMin
// values shares all but one chunk of its values with f (pvec.go).
func (f *Fcn) Update(i int, v Value) *Fcn {
	if Equal(f.At(i), v) {
		return f
	}
	if f.Len() >= pvMin {
		return f.updateChunked(i, v)
	}
	g := newFcnN(len(f.vals))
	copy(g.vals, f.vals)
	g.vals[i] = v
	g.Dom, g.Order = f.Dom, f.Order
	return g
}

// newFcnN is a function with n nil values (see withVals).
func newFcnN(n int) *Fcn {
	f, vals := withVals[Fcn](n)
	f.vals = vals
	return f
}

// withVals allocates a header (a Fcn or a Set) and n values: for up to 32
// values in one object, so that a small updated function or set costs one
// allocation (of 2, 4, 8, 12, 16 or 32 slots: a function over two heaps
// should not carry eight).
func withVals[H any](n int) (*H, []Value) {
	switch {
	case n <= 2:
		return headed[H](n, func(v *[2]Value) []Value { return v[:] })
	case n <= 4:
		return headed[H](n, func(v *[4]Value) []Value { return v[:] })
	case n <= 8:
		return headed[H](n, func(v *[8]Value) []Value { return v[:] })
	case n <= 12:
		return headed[H](n, func(v *[12]Value) []Value { return v[:] })
	case n <= 16:
		return headed[H](n, func(v *[16]Value) []Value { return v[:] })
	case n <= 32:
		return headed[H](n, func(v *[32]Value) []Value { return v[:] })
	}
	return new(H), make([]Value, n)
}

// headed allocates a header H with an array A of values in one object and
// returns the header and the first n values (all of A, as slots gives them).
func headed[H, A any](n int, slots func(*A) []Value) (*H, []Value) {
	x := &struct {
		h H
		v A
	}{}
	return &x.h, slots(&x.v)[:n:n]
}

// Domain is DOMAIN f.
func (f *Fcn) Domain() Value {
	if f.Dom == nil {
		if n := f.Len(); n < len(oneTo) {
			return &oneTo[n]
		}
		return &Interval{Lo: 1, Hi: int64(f.Len())}
	}
	return NewSetSorted(f.Dom)
}

// oneTo[n] is 1..n, shared by the domains of short tuples (intervals are
// immutable): DOMAIN seq in a state predicate allocates nothing.
var oneTo = func() (t [64]Interval) {
	for n := range t {
		t[n] = Interval{Lo: 1, Hi: int64(n)}
	}
	return t
}()

// IsRecord reports whether f is a non-empty function whose domain consists
// of strings only; TLC prints such functions as records.
func (f *Fcn) IsRecord() bool {
	if len(f.Dom) == 0 {
		return false
	}
	for _, d := range f.Dom {
		if _, ok := d.(*Str); !ok {
			return false
		}
	}
	return true
}

// Append is Append(f, v) for a tuple f.
func (f *Fcn) Append(v Value) *Fcn {
	fv := f.Values()
	vals := make([]Value, len(fv)+1)
	copy(vals, fv)
	vals[len(fv)] = v
	return &Fcn{vals: vals}
}

// Concat is s \o t for tuples.
func Concat(s, t *Fcn) *Fcn {
	if s.Len() == 0 {
		return t
	}
	if t.Len() == 0 {
		return s
	}
	vals := make([]Value, 0, s.Len()+t.Len())
	vals = append(vals, s.Values()...)
	vals = append(vals, t.Values()...)
	return &Fcn{vals: vals}
}

// Merge is f @@ g: f's values win on the common domain.
func Merge(f, g *Fcn) *Fcn {
	fv, gv := f.Values(), g.Values()
	dom := make([]Value, 0, len(fv)+len(gv))
	vals := make([]Value, 0, len(fv)+len(gv))
	i, j := 0, 0
	for i < len(fv) || j < len(gv) {
		var c int
		switch {
		case i >= len(fv):
			c = 1
		case j >= len(gv):
			c = -1
		default:
			c = Compare(f.domAt(i), g.domAt(j))
		}
		switch {
		case c < 0:
			dom = append(dom, f.domAt(i))
			vals = append(vals, fv[i])
			i++
		case c > 0:
			dom = append(dom, g.domAt(j))
			vals = append(vals, gv[j])
			j++
		default:
			dom = append(dom, f.domAt(i))
			vals = append(vals, fv[i])
			i++
			j++
		}
	}
	return NewFcnSorted(dom, vals)
}
