// Package value holds the run-time values of gotlc, the TLA+ model checker:
// booleans, integers, strings, model values, finite sets, functions (tuples,
// sequences and records are functions), integer intervals and lazily
// represented sets (Nat, Int, STRING, SUBSET S, [S -> T], Seq(S), records
// sets and cartesian products) that support membership without enumeration.
//
// Values are immutable once built and may be shared between goroutines.
// Finite sets are always normalised: their elements are sorted by the total
// order Compare and deduplicated, so two equal sets have identical element
// slices. Functions keep their domain sorted by the same order.
package value

import (
	"fmt"
)

// Value is a TLA+ value. The concrete types are Bool, Int, *Str, *Model,
// *Set, *Fcn, *Interval and the lazy sets (*Lazy and types implementing
// LazySet).
type Value interface {
	kind() kind
}

type kind uint8

// The order of kinds is the first key of the total order on values. Model
// values come first, as in TLC (a model value compares below anything else).
const (
	kModel kind = iota
	kBool
	kInt
	kStr
	kSet // finite sets, intervals and lazy sets
	kFcn
)

// Bool is a TLA+ boolean.
type Bool bool

// Int is a TLA+ integer. Arithmetic that leaves the int64 range is reported
// as an error by the operations in arith.go.
type Int int64

func (Bool) kind() kind { return kBool }
func (Int) kind() kind  { return kInt }

// True and False are the two booleans.
const (
	True  = Bool(true)
	False = Bool(false)
)

// Error is an evaluation error raised by a value operation. It carries no
// source location; the evaluator adds one.
type Error struct {
	Msg string
	// Exit is TLC's exit code for the error when it is not the usual one
	// of evaluation errors (0: the usual one).
	Exit int
}

func (e *Error) Error() string { return e.Msg }

// Errorf builds an *Error.
func Errorf(format string, args ...any) *Error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// Model is a model value: an uninterpreted constant that equals only itself.
// Model values are created once per name (see NewModel) and compared by
// pointer.
type Model struct {
	Name string
	str  *Str // the interned name; its rank orders model values
}

func (*Model) kind() kind { return kModel }

// Str is an interned TLA+ string. Two *Str are equal iff they are the same
// pointer. Strings are ordered by rank, the order in which they were
// interned, as TLC orders its strings (see strings.go).
type Str struct {
	S    string
	rank int32
	hash uint64
}

func (*Str) kind() kind { return kStr }

// Set is a finite, normalised set: Elems is sorted by Compare and has no
// duplicates. Build sets with NewSet or NewSetSorted, never by hand.
type Set struct {
	Elems []Value
	hash  cachedHash
}

func (*Set) kind() kind { return kSet }

// Fcn is a function with a finite domain. Dom is sorted by Compare; the
// i-th value (At(i), Values()[i]) is the image of Dom[i]. A function whose
// domain is 1..n is a tuple (a sequence); it is stored with Dom == nil, and
// a function built with an explicit domain 1..n is converted to that form,
// so tuples and functions on 1..n are one representation and compare equal.
//
// The values are held flat (vals), or, for a function of at least pvMin
// values made by Update, in chunks shared with the function it was updated
// from (pv, pvec.go): [f EXCEPT ![x] = v] then copies one chunk and the
// chunk table instead of every value. The two forms are one value: Hash,
// Equal and Compare see only the values in order.
//
// Order, when not nil, is the order in which a record's fields were written
// (indices into Dom); TLC prints records in that order.
type Fcn struct {
	Dom   []Value
	vals  []Value // the values when flat (pv == nil)
	pv    *pvec   // the values when chunked (vals == nil)
	Order []int32
	hash  cachedHash
}

func (*Fcn) kind() kind { return kFcn }

// Interval is the set lo..hi (empty when hi < lo).
type Interval struct {
	Lo, Hi int64
}

func (*Interval) kind() kind { return kSet }

// Len is the number of elements of the interval.
func (iv *Interval) Len() int64 {
	if iv.Hi < iv.Lo {
		return 0
	}
	return iv.Hi - iv.Lo + 1
}

// IsSeq reports whether f is a tuple (domain 1..n, possibly empty).
func (f *Fcn) IsSeq() bool { return f.Dom == nil }

// Len is the number of elements of f's domain.
func (f *Fcn) Len() int {
	if f.pv != nil {
		return f.pv.n
	}
	return len(f.vals)
}

// EmptySet is {}.
var EmptySet = &Set{}

// EmptySeq is <<>>.
var EmptySeq = &Fcn{}
