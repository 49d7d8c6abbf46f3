package value

import "sync/atomic"

// pvec holds the values of a large function in chunks of chunkLen values,
// shared between a function and the functions updated from it: Update
// copies the chunk table and the one chunk it changes. Like every value it
// is immutable once built; flat, the values in one slice, is built on the
// first call of Values and kept (it may be built by two goroutines at
// once: both build the same values).
type pvec struct {
	n      int                // the number of values
	chunks []*[chunkLen]Value // chunk k holds values k*chunkLen...; the last may be partly used
	flat   atomic.Pointer[[]Value]
}

const (
	chunkBits = 4
	chunkLen  = 1 << chunkBits
	chunkMask = chunkLen - 1
	// pvMin is the number of values from which Update chunks a function:
	// below it a flat copy costs less than a chunk and its table.
	pvMin = 32
)

// At is the i-th value of f (the image of the i-th domain element).
func (f *Fcn) At(i int) Value {
	if f.pv != nil {
		return f.pv.chunks[i>>chunkBits][i&chunkMask]
	}
	return f.vals[i]
}

// Values are f's values in domain order, one slice (not to be modified).
// For a chunked function the slice is built on the first call.
func (f *Fcn) Values() []Value {
	if f.pv == nil {
		return f.vals
	}
	if p := f.pv.flat.Load(); p != nil {
		return *p
	}
	vals := make([]Value, f.pv.n)
	for k, c := range f.pv.chunks {
		copy(vals[k*chunkLen:], c[:])
	}
	f.pv.flat.Store(&vals)
	return vals
}

// chunked is f's values as chunks: f's own, or (for a flat f) chunks that
// share f's values where a whole chunk fits and copy the last part.
func (f *Fcn) chunked() []*[chunkLen]Value {
	if f.pv != nil {
		return f.pv.chunks
	}
	n := len(f.vals)
	cs := make([]*[chunkLen]Value, (n+chunkMask)>>chunkBits)
	for k := range cs {
		if lo := k * chunkLen; lo+chunkLen <= n {
			cs[k] = (*[chunkLen]Value)(f.vals[lo : lo+chunkLen])
		} else {
			c := new([chunkLen]Value)
			copy(c[:], f.vals[lo:])
			cs[k] = c
		}
	}
	return cs
}

// fcnPvec is a chunked function allocated with its vector; fcnPvecTable
// with the vector's table and the chunk its update wrote too.
type fcnPvec struct {
	f Fcn
	p pvec
}

type fcnPvecTable struct {
	fcnPvec
	t [16]*[chunkLen]Value
	c [chunkLen]Value // the chunk the update changed
}

// fcnPvecTable4 is fcnPvecTable for up to 64 values.
type fcnPvecTable4 struct {
	fcnPvec
	t [4]*[chunkLen]Value
	c [chunkLen]Value
}

// updateChunked is f.Update(i, v) for a function of at least pvMin values:
// a function sharing every chunk of f but the one holding i.
func (f *Fcn) updateChunked(i int, v Value) *Fcn {
	old := f.chunked()
	var x *fcnPvec
	var c *[chunkLen]Value
	switch {
	case len(old) <= len(fcnPvecTable4{}.t):
		y := &fcnPvecTable4{}
		x, c = &y.fcnPvec, &y.c
		x.p.chunks = y.t[:len(old):len(old)]
	case len(old) <= len(fcnPvecTable{}.t):
		// Up to 256 values: one allocation.
		y := &fcnPvecTable{}
		x, c = &y.fcnPvec, &y.c
		x.p.chunks = y.t[:len(old):len(old)]
	default:
		x, c = &fcnPvec{}, new([chunkLen]Value)
		x.p.chunks = make([]*[chunkLen]Value, len(old))
	}
	x.p.n = f.Len()
	copy(x.p.chunks, old)
	*c = *old[i>>chunkBits]
	c[i&chunkMask] = v
	x.p.chunks[i>>chunkBits] = c
	x.f.pv = &x.p
	x.f.Dom, x.f.Order = f.Dom, f.Order
	return &x.f
}

// sameChunk reports whether values k*chunkLen... of two chunked functions
// are one shared chunk (then they are equal without a look at them).
func sameChunk(x, y *Fcn, k int) bool {
	return x.pv != nil && y.pv != nil && x.pv.chunks[k] == y.pv.chunks[k]
}

// valuesEqual reports whether two functions of equal length have equal
// values in order (a chunk two chunked functions share is not looked at).
func valuesEqual(x, y *Fcn) bool {
	if x.pv == nil && y.pv == nil {
		for i := range x.vals {
			if !Equal(x.vals[i], y.vals[i]) {
				return false
			}
		}
		return true
	}
	n := x.Len()
	for i := 0; i < n; i++ {
		if i&chunkMask == 0 && sameChunk(x, y, i>>chunkBits) {
			i += chunkMask
			continue
		}
		if !Equal(x.At(i), y.At(i)) {
			return false
		}
	}
	return true
}

// compareValues is Compare on the values of two functions of equal length
// and domain, in order.
func compareValues(x, y *Fcn) int {
	if x.pv == nil && y.pv == nil {
		for i := range x.vals {
			if c := Compare(x.vals[i], y.vals[i]); c != 0 {
				return c
			}
		}
		return 0
	}
	n := x.Len()
	for i := 0; i < n; i++ {
		if i&chunkMask == 0 && sameChunk(x, y, i>>chunkBits) {
			i += chunkMask
			continue
		}
		if c := Compare(x.At(i), y.At(i)); c != 0 {
			return c
		}
	}
	return 0
}
