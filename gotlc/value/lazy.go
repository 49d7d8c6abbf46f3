package value

import (
	"math"
	"sync/atomic"
)

// Lazily represented sets. They answer membership without enumerating and
// enumerate only when finite (and not absurdly large).

// MaxEnum bounds the size of a set built by enumerating a lazy set.
const MaxEnum = 1 << 24

// Infinite is one of Nat, Int, STRING.
type Infinite struct{ Name string }

func (*Infinite) kind() kind { return kSet }

var (
	Nat       = &Infinite{Name: "Nat"}
	IntSet    = &Infinite{Name: "Int"}
	StringSet = &Infinite{Name: "STRING"}
	BoolSet   = &Set{Elems: []Value{False, True}}
)

// SubsetSet is SUBSET Base.
type SubsetSet struct {
	Base Value
	enum enumCache
}

// FcnSet is [Dom -> Rng].
type FcnSet struct {
	Dom, Rng Value
	enum     enumCache
}

// SeqSet is Seq(Base).
type SeqSet struct{ Base Value }

// RecSet is [n1 : S1, n2 : S2, ...]; Names in written order.
type RecSet struct {
	Names []*Str
	Sets  []Value
	enum  enumCache
}

// ProductSet is S1 \X S2 \X ...
type ProductSet struct {
	Sets []Value
	enum enumCache
}

// enumCache keeps a lazy set's enumeration once computed, when it has at
// most maxCachedEnum elements: a constant such as Slush's
// TerminationMessage == [type : {...}, pid : P], compared with a variable
// in every state, is enumerated once, not once per comparison.
type enumCache struct{ p atomic.Pointer[Set] }

const maxCachedEnum = 4096

// get is the cached enumeration, or else f's, cached when small.
func (c *enumCache) get(f func() (*Set, error)) (*Set, error) {
	if s := c.p.Load(); s != nil {
		return s, nil
	}
	s, err := f()
	if err == nil && s.Len() <= maxCachedEnum {
		c.p.Store(s)
	}
	return s, err
}

// Custom is a lazy set defined by the evaluator (set filters over infinite
// sets, differences, unions ...).
type Custom struct {
	Mem  func(Value) (bool, error)
	Enum func() (*Set, error) // nil when not enumerable
	Desc string
}

func (*SubsetSet) kind() kind  { return kSet }
func (*FcnSet) kind() kind     { return kSet }
func (*SeqSet) kind() kind     { return kSet }
func (*RecSet) kind() kind     { return kSet }
func (*ProductSet) kind() kind { return kSet }
func (*Custom) kind() kind     { return kSet }

// IsSet reports whether v is a set value of any representation.
func IsSet(v Value) bool { return v.kind() == kSet }

// Member reports v \in s.
func Member(v, s Value) (bool, error) {
	switch t := s.(type) {
	case *Set:
		return t.Contains(v), nil
	case *Interval:
		n, ok := v.(Int)
		return ok && int64(n) >= t.Lo && int64(n) <= t.Hi, nil
	case *Infinite:
		switch t {
		case Nat:
			n, ok := v.(Int)
			return ok && n >= 0, nil
		case IntSet:
			_, ok := v.(Int)
			return ok, nil
		default:
			_, ok := v.(*Str)
			return ok, nil
		}
	case *SubsetSet:
		if !IsSet(v) {
			return false, nil
		}
		es, err := Enumerate(v)
		if err != nil {
			return false, err
		}
		return allIn(es.Elems, t.Base)
	case *FcnSet:
		f, ok := v.(*Fcn)
		if !ok {
			return false, nil
		}
		if iv, ok := t.Dom.(*Interval); ok && iv.Len() <= MaxEnum {
			// [lo..hi -> R] (TypeOK's [Procs -> Nat]) without building
			// lo..hi: f's domain is lo..hi when it has as many elements
			// and they are lo, lo+1, ... (1..n is a tuple's, Dom nil).
			if int64(f.Len()) != iv.Len() {
				return false, nil
			}
			for i := 0; i < f.Len(); i++ {
				if d, ok := f.domAt(i).(Int); !ok || int64(d) != iv.Lo+int64(i) {
					return false, nil
				}
			}
			return allIn(f.Values(), t.Rng)
		}
		dom, err := Enumerate(t.Dom)
		if err != nil {
			return false, err
		}
		if dom.Len() != f.Len() {
			return false, nil
		}
		for i, d := range dom.Elems {
			if !Equal(d, f.domAt(i)) {
				return false, nil
			}
		}
		return allIn(f.Values(), t.Rng)
	case *SeqSet:
		f, ok := v.(*Fcn)
		if !ok || !f.IsSeq() {
			return false, nil
		}
		return allIn(f.Values(), t.Base)
	case *RecSet:
		f, ok := v.(*Fcn)
		if !ok || f.Len() != len(t.Names) || f.IsSeq() {
			return false, nil
		}
		for i, n := range t.Names {
			x, ok := f.Apply(n)
			if !ok {
				return false, nil
			}
			if ok, err := Member(x, t.Sets[i]); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *ProductSet:
		f, ok := v.(*Fcn)
		if !ok || !f.IsSeq() || f.Len() != len(t.Sets) {
			return false, nil
		}
		for i, x := range f.Values() {
			if ok, err := Member(x, t.Sets[i]); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case *Custom:
		return t.Mem(v)
	}
	return false, Errorf("attempted to check if %s is an element of the non-set %s", String(v), String(s))
}

// IsFinite reports IsFiniteSet(s).
func IsFinite(s Value) bool {
	switch t := s.(type) {
	case *Set, *Interval:
		return true
	case *Infinite, *SeqSet:
		return false
	case *SubsetSet:
		return IsFinite(t.Base)
	case *FcnSet:
		return IsFinite(t.Dom) && IsFinite(t.Rng)
	case *RecSet:
		for _, x := range t.Sets {
			if !IsFinite(x) {
				return false
			}
		}
		return true
	case *ProductSet:
		for _, x := range t.Sets {
			if !IsFinite(x) {
				return false
			}
		}
		return true
	case *Custom:
		return t.Enum != nil
	}
	return false
}

// errInfinite is the error for enumerating a set that cannot be enumerated.
func errInfinite(s Value) error {
	return Errorf("cannot enumerate infinite set %s", String(s))
}

// Cardinality is Cardinality(s).
func Cardinality(s Value) (int64, error) {
	switch t := s.(type) {
	case *Set:
		return int64(t.Len()), nil
	case *Interval:
		return t.Len(), nil
	}
	if !IsSet(s) {
		return 0, Errorf("attempted to compute the cardinality of the non-set %s", String(s))
	}
	e, err := Enumerate(s)
	if err != nil {
		return 0, err
	}
	return int64(e.Len()), nil
}

// Enumerate returns the elements of a finite set as a normalised *Set.
func Enumerate(s Value) (*Set, error) {
	switch t := s.(type) {
	case *Set:
		return t, nil
	case *Interval:
		n := t.Len()
		if n > MaxEnum {
			return nil, Errorf("set %s is too large to enumerate", String(s))
		}
		e := make([]Value, n)
		for i := range e {
			e[i] = Int(t.Lo + int64(i))
		}
		return NewSetSorted(e), nil
	case *Infinite, *SeqSet:
		return nil, errInfinite(s)
	case *SubsetSet:
		return t.enum.get(func() (*Set, error) { return enumerateSubset(t) })
	case *FcnSet:
		return t.enum.get(func() (*Set, error) { return enumerateFcnSet(t) })
	case *RecSet:
		return t.enum.get(func() (*Set, error) {
			return enumerateProduct(t.Sets, func(vals []Value) (Value, error) { return NewRecord(t.Names, vals) })
		})
	case *ProductSet:
		return t.enum.get(func() (*Set, error) {
			return enumerateProduct(t.Sets, func(vals []Value) (Value, error) { return NewTuple(vals), nil })
		})
	case *Custom:
		if t.Enum == nil {
			return nil, errInfinite(s)
		}
		return t.Enum()
	}
	return nil, Errorf("attempted to enumerate the non-set %s", String(s))
}

// enumerateSubset enumerates SUBSET t.Base.
func enumerateSubset(t *SubsetSet) (*Set, error) {
	b, err := Enumerate(t.Base)
	if err != nil {
		return nil, err
	}
	n := b.Len()
	if n > 24 {
		return nil, Errorf("set %s is too large to enumerate", String(t))
	}
	out := make([]Value, 0, 1<<n)
	for mask := 0; mask < 1<<n; mask++ {
		var e []Value
		for i := 0; i < n; i++ {
			if mask&(1<<i) != 0 {
				e = append(e, b.Elems[i])
			}
		}
		out = append(out, NewSetSorted(e))
	}
	return NewSet(out), nil
}

// enumerateFcnSet enumerates [t.Dom -> t.Rng].
func enumerateFcnSet(t *FcnSet) (*Set, error) {
	d, err := Enumerate(t.Dom)
	if err != nil {
		return nil, err
	}
	r, err := Enumerate(t.Rng)
	if err != nil {
		return nil, err
	}
	total := math.Pow(float64(r.Len()), float64(d.Len()))
	if total > MaxEnum {
		return nil, Errorf("set %s is too large to enumerate", String(t))
	}
	var out []Value
	cur := make([]int, d.Len())
	if r.Len() == 0 && d.Len() > 0 {
		return EmptySet, nil
	}
	for {
		vals := make([]Value, d.Len())
		for i, k := range cur {
			vals[i] = r.Elems[k]
		}
		out = append(out, NewFcnSorted(d.Elems, vals))
		i := len(cur) - 1
		for i >= 0 {
			cur[i]++
			if cur[i] < r.Len() {
				break
			}
			cur[i] = 0
			i--
		}
		if i < 0 {
			break
		}
	}
	return NewSet(out), nil
}

func product(sets []*Set, f func([]Value)) {
	total := 1.0
	for _, s := range sets {
		total *= float64(s.Len())
	}
	if total == 0 {
		return
	}
	cur := make([]int, len(sets))
	vals := make([]Value, len(sets))
	for {
		for i, k := range cur {
			vals[i] = sets[i].Elems[k]
		}
		f(vals)
		i := len(cur) - 1
		for i >= 0 {
			cur[i]++
			if cur[i] < sets[i].Len() {
				break
			}
			cur[i] = 0
			i--
		}
		if i < 0 {
			return
		}
	}
}

// allIn reports whether every one of xs is a member of s (the element and
// value checks of SUBSET, [D -> R] and Seq membership).
func allIn(xs []Value, s Value) (bool, error) {
	for _, x := range xs {
		if ok, err := Member(x, s); err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// enumerateProduct enumerates the set whose elements are build of each
// combination of one element from each of factors (a record set, a
// Cartesian product); build gets a fresh slice it may keep.
func enumerateProduct(factors []Value, build func(vals []Value) (Value, error)) (*Set, error) {
	sets := make([]*Set, len(factors))
	for i, x := range factors {
		e, err := Enumerate(x)
		if err != nil {
			return nil, err
		}
		sets[i] = e
	}
	var out []Value
	var err error
	product(sets, func(vals []Value) {
		if err != nil {
			return
		}
		var v Value
		v, err = build(append([]Value(nil), vals...))
		out = append(out, v)
	})
	if err != nil {
		return nil, err
	}
	return NewSet(out), nil
}
