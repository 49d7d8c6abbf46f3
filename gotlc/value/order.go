package value

import "cmp"

// Compare is the total order on values used to normalise sets and function
// domains. Within a kind it follows TLC: integers numerically, FALSE before
// TRUE, strings and model values by interning rank, sets by cardinality and
// then element by element, functions by domain size, then domain elements,
// then values. Across kinds (which TLC refuses to compare, except for model
// values, which come first) the kind decides.
func Compare(a, b Value) int {
	// The common cases first, by concrete type: comparing the interfaces
	// (a == b) or asking their kinds costs more than these comparisons.
	switch x := a.(type) {
	case Int:
		if y, ok := b.(Int); ok {
			return cmp.Compare(x, y)
		}
	case *Str:
		if y, ok := b.(*Str); ok {
			return cmp.Compare(x.rank, y.rank)
		}
	case *Model:
		if y, ok := b.(*Model); ok {
			return cmp.Compare(x.str.rank, y.str.rank)
		}
	case *Fcn:
		if y, ok := b.(*Fcn); ok {
			if x == y {
				return 0
			}
			return compareFcn(x, y)
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			if x == y {
				return 0
			}
			return compareElems(x.Elems, y.Elems)
		}
	}
	if a == b {
		return 0
	}
	ka, kb := a.kind(), b.kind()
	if ka != kb {
		return cmp.Compare(ka, kb)
	}
	switch x := a.(type) {
	case Int:
		return cmp.Compare(x, b.(Int))
	case Bool:
		y := b.(Bool)
		if x == y {
			return 0
		}
		if !x {
			return -1
		}
		return 1
	case *Str:
		return cmp.Compare(x.rank, b.(*Str).rank)
	case *Model:
		return cmp.Compare(x.str.rank, b.(*Model).str.rank)
	case *Fcn:
		return compareFcn(x, b.(*Fcn))
	}
	return compareSets(a, b)
}

// Equal reports whether a and b are the same TLA+ value.
func Equal(a, b Value) bool {
	switch x := a.(type) {
	case Int:
		y, ok := b.(Int)
		return ok && x == y
	case Bool:
		y, ok := b.(Bool)
		return ok && x == y
	case *Str:
		y, ok := b.(*Str)
		return ok && x == y // interned: equal only if the same pointer
	case *Model:
		y, ok := b.(*Model)
		return ok && x == y
	case *Fcn:
		y, ok := b.(*Fcn)
		if !ok || x.Len() != y.Len() {
			return false
		}
		if x == y {
			return true
		}
		if (x.Dom == nil) != (y.Dom == nil) {
			return false
		}
		if x.Dom != nil && !sameDom(x.Dom, y.Dom) {
			for i := range x.Dom {
				if !Equal(x.Dom[i], y.Dom[i]) {
					return false
				}
			}
		}
		return valuesEqual(x, y)
	}
	if x, ok := a.(*Set); ok {
		if y, ok := b.(*Set); ok {
			if x == y {
				return true
			}
			if len(x.Elems) != len(y.Elems) {
				return false
			}
			for i := range x.Elems {
				if !Equal(x.Elems[i], y.Elems[i]) {
					return false
				}
			}
			return true
		}
	}
	if a == b {
		return true
	}
	if b.kind() != kSet || a.kind() != kSet {
		return false
	}
	return compareSets(a, b) == 0
}

func compareFcn(x, y *Fcn) int {
	if c := cmp.Compare(x.Len(), y.Len()); c != 0 {
		return c
	}
	n := x.Len()
	if (x.Dom != nil || y.Dom != nil) && !sameDom(x.Dom, y.Dom) {
		for i := 0; i < n; i++ {
			if c := Compare(x.domAt(i), y.domAt(i)); c != 0 {
				return c
			}
		}
	}
	return compareValues(x, y)
}

// domAt is the i-th domain element of f (in sorted order).
func (f *Fcn) domAt(i int) Value {
	if f.Dom == nil {
		return Int(i + 1)
	}
	return f.Dom[i]
}

// compareSets compares two set values. Lazy sets are compared after
// enumeration; a non-enumerable set is compared by identity of its
// description (it can only equal itself) - see lazy.go.
func compareSets(a, b Value) int {
	if ia, ok := a.(*Interval); ok {
		if ib, ok := b.(*Interval); ok {
			if c := cmp.Compare(ia.Len(), ib.Len()); c != 0 {
				return c
			}
			if ia.Len() == 0 {
				return 0
			}
			return cmp.Compare(ia.Lo, ib.Lo)
		}
	}
	ea, erra := enumForCompare(a)
	eb, errb := enumForCompare(b)
	if erra != nil || errb != nil {
		panic(Errorf("cannot compare %s with %s: %v", String(a), String(b), firstErr(erra, errb)))
	}
	return compareElems(ea, eb)
}

// compareElems compares two sets given by their sorted elements.
func compareElems(ea, eb []Value) int {
	if c := cmp.Compare(len(ea), len(eb)); c != 0 {
		return c
	}
	for i := range ea {
		if c := Compare(ea[i], eb[i]); c != 0 {
			return c
		}
	}
	return 0
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func enumForCompare(v Value) ([]Value, error) {
	switch s := v.(type) {
	case *Set:
		return s.Elems, nil
	}
	es, err := Enumerate(v)
	if err != nil {
		return nil, err
	}
	return es.Elems, nil
}
