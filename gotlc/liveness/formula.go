package liveness

import (
	"errors"
	"strconv"
	"strings"

	"github.com/veralloc/veralloc/gotlc/eval"
)

// form is a temporal formula in negation normal form: negation only on
// atoms.
type form struct {
	k    fkind
	atom *eval.Atom // fAtom
	neg  bool       // fAtom: the atom is negated
	args []*form
	key  string // canonical text, identifies the formula in a tableau
}

type fkind uint8

const (
	fAtom fkind = iota
	fAnd        // no arguments: TRUE
	fOr         // no arguments: FALSE
	fAlways
	fEventually
)

func mk(k fkind, args ...*form) *form {
	if k == fAnd || k == fOr {
		// Flatten nested junctions of the same kind.
		var flat []*form
		for _, a := range args {
			if a.k == k {
				flat = append(flat, a.args...)
			} else {
				flat = append(flat, a)
			}
		}
		for _, a := range flat {
			if a.k != k && (a.k == fAnd || a.k == fOr) && len(a.args) == 0 {
				// TRUE in a disjunction, FALSE in a conjunction (a
				// constant atom, eval.Temporal): the junction is that.
				return a
			}
		}
		if len(flat) == 1 {
			return flat[0]
		}
		args = flat
	}
	f := &form{k: k, args: args}
	var b strings.Builder
	b.WriteString([...]string{"a", "&", "|", "[]", "<>"}[k])
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(a.key)
	}
	b.WriteByte(')')
	f.key = b.String()
	return f
}

func atomForm(a *eval.Atom, neg bool) *form {
	k := "A" + strconv.Itoa(a.Index)
	if neg {
		k = "~" + k
	}
	return &form{k: fAtom, atom: a, neg: neg, key: k}
}

// nnf translates t (negated when neg) into negation normal form.
func nnf(t *eval.Temporal, neg bool) *form {
	switch t.Kind {
	case eval.TAtom:
		return atomForm(t.Atom, neg)
	case eval.TNot:
		return nnf(t.Args[0], !neg)
	case eval.TAnd, eval.TOr:
		k := fAnd
		if (t.Kind == eval.TOr) != neg {
			k = fOr
		}
		var args []*form
		for _, a := range t.Args {
			args = append(args, nnf(a, neg))
		}
		return mk(k, args...)
	case eval.TAlways, eval.TEventually:
		k := fAlways
		if (t.Kind == eval.TEventually) != neg {
			k = fEventually
		}
		return mk(k, nnf(t.Args[0], neg))
	}
	panic("liveness: unknown temporal operator")
}

// negate negates a formula already in normal form.
func negate(f *form) *form {
	switch f.k {
	case fAtom:
		return atomForm(f.atom, !f.neg)
	case fAnd, fOr:
		k := fOr
		if f.k == fOr {
			k = fAnd
		}
		var args []*form
		for _, a := range f.args {
			args = append(args, negate(a))
		}
		return mk(k, args...)
	case fAlways:
		return mk(fEventually, negate(f.args[0]))
	default:
		return mk(fAlways, negate(f.args[0]))
	}
}

func (f *form) temporal() bool {
	if f.k == fAlways || f.k == fEventually {
		return true
	}
	for _, a := range f.args {
		if a.temporal() {
			return true
		}
	}
	return false
}

func (f *form) hasAction() bool {
	if f.k == fAtom {
		return f.atom.Action
	}
	for _, a := range f.args {
		if a.hasAction() {
			return true
		}
	}
	return false
}

// ae recognises []<>X for a non-temporal X and returns X.
func (f *form) ae() (*form, bool) {
	if f.k == fAlways && f.args[0].k == fEventually && !f.args[0].args[0].temporal() {
		return f.args[0].args[0], true
	}
	return nil, false
}

// ea recognises <>[]X for a non-temporal X and returns X.
func (f *form) ea() (*form, bool) {
	if f.k == fEventually && f.args[0].k == fAlways && !f.args[0].args[0].temporal() {
		return f.args[0].args[0], true
	}
	return nil, false
}

// term is one conjunct of a branch of the negated property.
type term struct {
	kind termKind
	x    *form // the condition (init, AE, EA) or the Streett trigger
	y    *form // the Streett response
}

type termKind uint8

const (
	termInit    termKind = iota // x holds in the initial state
	termAE                      // []<>x: x holds on infinitely many steps
	termEA                      // <>[]x: x holds on every step from some point on
	termStreett                 // []<>x => []<>y
	termTableau                 // x is checked by the tableau
)

// single recognises a disjunction that is one term: []<>X \/ []<>Y (that
// is []<>(X \/ Y)) and <>[]X \/ []<>Y (the Streett condition []<>~X =>
// []<>Y, which strong fairness gives).
func single(f *form) (term, bool) {
	if x, ok := f.ae(); ok {
		return term{kind: termAE, x: x}, true
	}
	if x, ok := f.ea(); ok {
		return term{kind: termEA, x: x}, true
	}
	if f.k != fOr {
		return term{}, false
	}
	var aes []*form
	var ea *form
	for _, a := range f.args {
		if x, ok := a.ae(); ok {
			aes = append(aes, x)
			continue
		}
		if x, ok := a.ea(); ok && ea == nil {
			ea = x
			continue
		}
		return term{}, false
	}
	resp := mk(fOr, aes...)
	if ea == nil {
		return term{kind: termAE, x: resp}, true
	}
	if len(aes) == 0 {
		return term{kind: termEA, x: ea}, true
	}
	return term{kind: termStreett, x: negate(ea), y: resp}, true
}

// maxBranches bounds the disjunctive normal form.
const maxBranches = 1 << 14

var errTooManyBranches = errors.New("the negated temporal formula has more than 16384 branches in disjunctive normal form")

// dnf lists the branches of f: each a conjunction of formulas.
func dnf(f *form) ([][]*form, error) {
	if _, ok := single(f); ok {
		return [][]*form{{f}}, nil
	}
	switch f.k {
	case fOr:
		var out [][]*form
		for _, a := range f.args {
			d, err := dnf(a)
			if err != nil {
				return nil, err
			}
			out = append(out, d...)
			if len(out) > maxBranches {
				return nil, errTooManyBranches
			}
		}
		return out, nil
	case fAnd:
		out := [][]*form{{}}
		for _, a := range f.args {
			d, err := dnf(a)
			if err != nil {
				return nil, err
			}
			var next [][]*form
			for _, x := range out {
				for _, y := range d {
					c := append(append([]*form(nil), x...), y...)
					next = append(next, c)
				}
			}
			if len(next) > maxBranches {
				return nil, errTooManyBranches
			}
			out = next
		}
		return out, nil
	}
	return [][]*form{{f}}, nil
}

// ErrWrongFormat is TLC's refusal of an action inside a temporal formula
// in any other form than <>[]A or []<>A.
var ErrWrongFormat error = wrongFormat{}

type wrongFormat struct{}

func (wrongFormat) Error() string {
	return "Temporal formulas containing actions must be of forms <>[]A or []<>A."
}

// branch is one disjunct of the negated property, with the fairness: a
// behaviour satisfying all its terms is a counterexample.
type branch struct {
	init    []*form
	ae      []*form
	ea      []*form
	streett []term
	tableau *form // nil: no tableau
}

// classify sorts the conjuncts of one disjunct into a branch.
func classify(conj []*form) (*branch, error) {
	b := &branch{}
	var tab []*form
	for _, f := range conj {
		if !f.temporal() {
			if f.hasAction() {
				return nil, ErrWrongFormat
			}
			b.init = append(b.init, f)
			continue
		}
		t, ok := single(f)
		if !ok {
			if f.hasAction() {
				return nil, ErrWrongFormat
			}
			tab = append(tab, f)
			continue
		}
		switch t.kind {
		case termAE:
			b.ae = append(b.ae, t.x)
		case termEA:
			b.ea = append(b.ea, t.x)
		case termStreett:
			b.streett = append(b.streett, t)
		}
	}
	if len(tab) > 0 {
		b.tableau = mk(fAnd, tab...)
	}
	return b, nil
}

// eval evaluates a non-temporal formula on a step: state atoms in the
// source state (bits sb), actions on the step (bits eb).
func (f *form) eval(sb, eb bits, pos []uint) bool {
	switch f.k {
	case fAtom:
		b := sb
		if f.atom.Action {
			b = eb
		}
		return b.has(pos[f.atom.Index]) != f.neg
	case fAnd:
		for _, a := range f.args {
			if !a.eval(sb, eb, pos) {
				return false
			}
		}
		return true
	case fOr:
		for _, a := range f.args {
			if a.eval(sb, eb, pos) {
				return true
			}
		}
		return false
	}
	panic("liveness: temporal formula evaluated as a predicate")
}

// bits are the truth values of the state atoms of a state or of the
// actions of a step, one bit per atom.
type bits []uint64

func (b bits) has(i uint) bool { return b[i>>6]>>(i&63)&1 == 1 }

func (b bits) set(i uint) { b[i>>6] |= 1 << (i & 63) }
