package value

import (
	"cmp"
	"slices"
)

// NewSet builds the normalised set of elems. It may reorder elems in place
// and keeps the slice when no duplicate is found.
func NewSet(elems []Value) *Set {
	if len(elems) == 0 {
		return EmptySet
	}
	sorted := true
	for i := 1; i < len(elems); i++ {
		if Compare(elems[i-1], elems[i]) >= 0 {
			sorted = false
			break
		}
	}
	if !sorted {
		slices.SortFunc(elems, Compare)
		w := 1
		for i := 1; i < len(elems); i++ {
			if Compare(elems[w-1], elems[i]) != 0 {
				elems[w] = elems[i]
				w++
			}
		}
		elems = elems[:w:w]
	}
	return &Set{Elems: elems}
}

// NewSetSorted wraps elems, which the caller guarantees to be sorted and
// duplicate-free.
func NewSetSorted(elems []Value) *Set {
	if len(elems) == 0 {
		return EmptySet
	}
	return &Set{Elems: elems}
}

// Len is the cardinality of s.
func (s *Set) Len() int { return len(s.Elems) }

// Contains reports whether v is an element of s (binary search).
func (s *Set) Contains(v Value) bool {
	_, ok := s.index(v)
	return ok
}

func (s *Set) index(v Value) (int, bool) { return search(s.Elems, v) }

// search finds v in the sorted (by Compare) elems by binary search: its
// position and true, or the position it would be inserted at and false.
// Set membership and function application (Fcn.Index) both use it. An
// integer pair (a spec's block) among integer pairs is compared without
// Compare (searchIntPair: the same probes, the same answer).
func search(elems []Value, v Value) (int, bool) {
	if x, y, ok := intPair(v); ok {
		if i, found, ok := searchIntPair(elems, x, y); ok {
			return i, found
		}
	}
	lo, hi := 0, len(elems)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := Compare(elems[m], v)
		if c == 0 {
			return m, true
		}
		if c < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, false
}

// With returns s \cup {v}.
func (s *Set) With(v Value) *Set {
	i, ok := s.index(v)
	if ok {
		return s
	}
	t := newSetN(len(s.Elems) + 1)
	copy(t.Elems, s.Elems[:i])
	t.Elems[i] = v
	copy(t.Elems[i+1:], s.Elems[i:])
	return t
}

// newSetN is a set of n nil elements for the caller to fill in order
// (see withVals).
func newSetN(n int) *Set {
	s, elems := withVals[Set](n)
	s.Elems = elems
	return s
}

// Without returns s \ {v}.
func (s *Set) Without(v Value) *Set {
	i, ok := s.index(v)
	if !ok {
		return s
	}
	if len(s.Elems) == 1 {
		return EmptySet
	}
	t := newSetN(len(s.Elems) - 1)
	copy(t.Elems, s.Elems[:i])
	copy(t.Elems[i:], s.Elems[i+1:])
	return t
}

// Union, Intersect and Minus merge two normalised sets.
func Union(a, b *Set) *Set {
	if len(a.Elems) == 0 {
		return b
	}
	if len(b.Elems) == 0 {
		return a
	}
	// S \cup {x} (the common case in specs): a binary search instead of a
	// merge that compares every element.
	if len(b.Elems) == 1 {
		return a.With(b.Elems[0])
	}
	if len(a.Elems) == 1 {
		return b.With(a.Elems[0])
	}
	return &Set{Elems: merge(a.Elems, b.Elems, true, true, true)}
}

func Intersect(a, b *Set) *Set {
	return NewSetSorted(merge(a.Elems, b.Elems, false, true, false))
}

func Minus(a, b *Set) *Set {
	if len(b.Elems) == 0 {
		return a
	}
	if len(b.Elems) == 1 { // S \ {x}
		return a.Without(b.Elems[0])
	}
	return NewSetSorted(merge(a.Elems, b.Elems, true, false, false))
}

// merge walks two sorted (by Compare) element lists in step, the one loop
// that Union, Intersect and Minus share: it keeps the elements only in a
// (onlyA), those in both (both) and those only in b (onlyB).
func merge(a, b []Value, onlyA, both, onlyB bool) []Value {
	var out []Value
	if onlyA && onlyB {
		out = make([]Value, 0, len(a)+len(b))
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		c := Compare(a[i], b[j])
		switch {
		case c < 0:
			if onlyA {
				out = append(out, a[i])
			}
			i++
		case c > 0:
			if onlyB {
				out = append(out, b[j])
			}
			j++
		default:
			if both {
				out = append(out, a[i])
			}
			i++
			j++
		}
	}
	if onlyA {
		out = append(out, a[i:]...)
	}
	if onlyB {
		out = append(out, b[j:]...)
	}
	return out
}

// SubsetEq reports a \subseteq b for normalised sets.
func SubsetEq(a, b *Set) bool {
	if len(a.Elems) > len(b.Elems) {
		return false
	}
	j := 0
	for _, x := range a.Elems {
		for {
			if j >= len(b.Elems) {
				return false
			}
			c := Compare(b.Elems[j], x)
			if c == 0 {
				j++
				break
			}
			if c > 0 {
				return false
			}
			j++
		}
	}
	return true
}

// ContainsTuple reports whether the tuple of parts is an element of s,
// without building the tuple (`<<v, c>> \in edges`).
func (s *Set) ContainsTuple(parts []Value) bool {
	lo, hi := 0, len(s.Elems)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		c := compareToTuple(s.Elems[m], parts)
		if c == 0 {
			return true
		}
		if c < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return false
}

// compareToTuple is Compare(x, <<parts...>>).
func compareToTuple(x Value, parts []Value) int {
	f, ok := x.(*Fcn)
	if !ok {
		return cmp.Compare(x.kind(), kFcn)
	}
	if c := cmp.Compare(f.Len(), len(parts)); c != 0 {
		return c
	}
	if f.Dom != nil {
		for i := range parts {
			if c := Compare(f.Dom[i], Int(i+1)); c != 0 {
				return c
			}
		}
	}
	for i, p := range parts {
		if c := Compare(f.At(i), p); c != 0 {
			return c
		}
	}
	return 0
}
