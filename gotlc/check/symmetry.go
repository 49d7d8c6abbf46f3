package check

// Symmetry reduction, done as TLC 2.20 does it (facts read from its
// documentation and from tlc2.tool.TLCStateMut.fingerPrint and
// tlc2.value.impl.MVPerms.permutationSubgroup; the code is written here):
//
//   - The elements of the SYMMETRY set are generators, not the group: each
//     is a function from model values to model values; its fixed points are
//     dropped and an identity is left out. The generators are closed under
//     composition, so Permutations(A) \cup Permutations(V) reduces by the
//     whole product group (|A|! * |V|! elements), and a set that is not a
//     group (one 3-cycle, two transpositions) by the group it generates.
//   - A state's representative is the least of its images under the
//     group (the state itself included), comparing the variables one after
//     another in TLC's variable order with TLC's value order (value.Compare).
//     An image is abandoned at the first variable where it is greater.
//   - The fingerprint is the hash of the representative, or, under VIEW, of
//     the view evaluated on the representative (TLC 2.20 picks the
//     representative on the state, not on the view).
//
// Per state this costs at most one permutation of each variable per group
// element (usually only of the first variables, which decide) plus
// comparisons, and one hash: not a hash per permutation.

import (
	"cmp"
	"slices"
	"strings"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// symmetryPerms converts the value v of the SYMMETRY definition d (a set
// of functions from model values to model values) into the elements of the
// group they generate, leaving out the identity. As TLC 2.20 does
// (tlc2.tool.impl.Tool.getSymmetryPerms), it returns no permutations at all
// when the body of d is an operator application with at least as many
// arguments as the set has elements: `{f, g}` (two arguments, two elements)
// or `Permutations(S)` for a singleton S disable the reduction. TLC then
// warns that the symmetry sets "contain less than two elements"; the
// warning is returned.
func symmetryPerms(d *syntax.OpDef, v value.Value) ([]value.Perm, string, error) {
	es, err := value.Enumerate(v)
	if err != nil {
		return nil, "", &SetupError{Kind: ConfigProblem, Msg: "The SYMMETRY definition must be a set of permutations: " + err.Error()}
	}
	if len(es.Elems) == 0 {
		// TLC 2.20 fails here (IllegalArgumentException in
		// MVPerms.permutationSubgroup, exit 255); gotlc stops the same way.
		msg := "TLC threw an unexpected exception.\nThe SYMMETRY definition " + d.Name + " is the empty set, on which TLC 2.20 fails (java.lang.IllegalArgumentException); gotlc stops in the same way."
		return nil, "", &SetupError{Kind: SetupEval, Msg: msg, Err: &eval.Error{Msg: msg, Exit: 255}}
	}
	var gens []value.Perm
	for _, e := range es.Elems {
		f, ok := e.(*value.Fcn)
		if !ok || f.Dom == nil {
			return nil, "", &SetupError{Kind: ConfigProblem, Msg: "The SYMMETRY definition must be a set of permutations of model values, but contains " + value.String(e)}
		}
		p := value.Perm{}
		for i, d := range f.Dom {
			a, ok1 := d.(*value.Model)
			b, ok2 := f.At(i).(*value.Model)
			if !ok1 || !ok2 {
				return nil, "", &SetupError{Kind: ConfigProblem, Msg: "The SYMMETRY definition must permute model values, but contains " + value.String(e)}
			}
			if a != b {
				p[a] = b
			}
		}
		gens = append(gens, p)
	}
	n, ok := sanyArgs(d.Body)
	if !ok {
		return nil, "", &SetupError{Kind: Unsupported, Msg: "The body of the SYMMETRY definition " + d.Name + " must be an operator application, as TLC requires (TLC fails on a LET or a label there)."}
	}
	if n >= len(es.Elems) {
		return nil, "The SYMMETRY definition " + d.Name + " has been defined to be a symmetry set but contains less than two elements; TLC 2.20 then checks without symmetry, and so does gotlc.", nil
	}
	return closeGroup(gens), "", nil
}

// sanyArgs is the number of arguments SANY gives the operator application
// that e is (OpApplNode.getArgs), false when e is not one (LET, a label).
// Infix chains other than \X are nested binary applications, parentheses
// are transparent, bound variables are not arguments.
func sanyArgs(e syntax.Expr) (int, bool) {
	switch x := e.(type) {
	case *syntax.Paren:
		return sanyArgs(x.X)
	case *syntax.Let, *syntax.Label:
		return 0, false
	case *syntax.OpApp:
		return len(x.Args), true
	case *syntax.SetEnum:
		return len(x.Elems), true
	case *syntax.Tuple:
		return len(x.Elems), true
	case *syntax.If:
		return 3, true
	case *syntax.Case:
		n := len(x.Arms)
		if x.Other != nil {
			n++
		}
		return n, true
	case *syntax.FuncApp:
		return 2, true
	case *syntax.Junction:
		if x.Bulleted {
			return len(x.Items), true
		}
		return 2, true
	case *syntax.SetFilter, *syntax.SetMap, *syntax.Choose, *syntax.FuncCons, *syntax.Quant:
		return 1, true
	}
	// References, literals and the remaining constructors: no argument
	// that could outnumber a set of permutations in practice.
	return 0, true
}

// closeGroup returns the distinct non-identity maps generated by gens
// under composition: the generators first (in their order), then each new
// composition, round by round, until no new map appears. For permutations
// this is the generated group without its identity.
func closeGroup(gens []value.Perm) []value.Perm {
	seen := map[string]bool{}
	var out []value.Perm
	add := func(p value.Perm) {
		if len(p) == 0 {
			return
		}
		k := permKey(p)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, p)
	}
	for _, g := range gens {
		add(g)
	}
	ngen := len(out)
	for from := 0; from < len(out); {
		to := len(out)
		for i := 0; i < ngen; i++ {
			for j := from; j < to; j++ {
				add(composePerm(out[i], out[j]))
			}
		}
		from = to
	}
	return out
}

// composePerm is q after p (x -> q(p(x))), without fixed points.
func composePerm(p, q value.Perm) value.Perm {
	r := value.Perm{}
	at := func(m value.Perm, x *value.Model) *value.Model {
		if y, ok := m[x]; ok {
			return y
		}
		return x
	}
	for x, y := range p {
		if z := at(q, y); z != x {
			r[x] = z
		}
	}
	for x, y := range q {
		if _, ok := p[x]; !ok && y != x {
			r[x] = y
		}
	}
	return r
}

// permKey identifies a map by its sorted pairs (model values are interned
// by name, so names identify them).
func permKey(p value.Perm) string {
	pairs := make([][2]string, 0, len(p))
	for a, b := range p {
		pairs = append(pairs, [2]string{a.Name, b.Name})
	}
	slices.SortFunc(pairs, func(x, y [2]string) int { return cmp.Compare(x[0], y[0]) })
	var sb strings.Builder
	for _, pr := range pairs {
		sb.WriteString(pr[0])
		sb.WriteByte('>')
		sb.WriteString(pr[1])
		sb.WriteByte(',')
	}
	return sb.String()
}

// representative is the least image of s under perms (s itself when no
// image is less), variables compared in slot order. s is not modified; the
// result may be s. Values TLC cannot compare (a set that cannot be
// enumerated) are an evaluation error.
func representative(perms []value.Perm, s []value.Value) (rep []value.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			ve, ok := r.(*value.Error)
			if !ok {
				panic(r)
			}
			err = ve
		}
	}()
	rep = s
	var img []value.Value
	for _, p := range perms {
		if img == nil {
			img = make([]value.Value, len(s))
		}
		c, j := 0, 0
		for ; j < len(s) && c == 0; j++ {
			img[j] = value.Permute(s[j], p)
			c = value.Compare(img[j], rep[j])
		}
		if c >= 0 {
			continue
		}
		for ; j < len(s); j++ {
			img[j] = value.Permute(s[j], p)
		}
		// img becomes the least; the previous least is reused as the next
		// scratch unless it is s itself.
		prev := rep
		rep = img
		img = nil
		if len(prev) > 0 && &prev[0] != &s[0] {
			img = prev
		}
	}
	return rep, nil
}

// stateFingerprint is a state's identity under SYMMETRY and VIEW, as TLC
// computes it; it is never 0.
func stateFingerprint(m *Model, s []value.Value) (uint64, error) {
	return stateFingerprintAt(m, s, -1)
}

// stateFingerprintAt is stateFingerprint for a state of breadth-first level
// level (-1: not known), which a VIEW may read with TLCGet("level").
func stateFingerprintAt(m *Model, s []value.Value, level int) (uint64, error) {
	if len(m.Symmetry) > 0 && m.View == nil {
		// Without a VIEW only the orbit matters (which of its states is
		// explored is decided by the search order): fingerprint it without
		// building the images (value.Orbit). Under a VIEW the fingerprint
		// is the view of TLC's representative, computed below.
		if h, ok := m.orbit().OrbitHash(s); ok {
			if h == 0 {
				h = 1
			}
			return h, nil
		}
	}
	if len(m.Symmetry) > 0 {
		r, err := representative(m.Symmetry, s)
		if err != nil {
			return 0, err
		}
		s = r
	}
	var h uint64
	if m.View != nil {
		var v value.Value
		var err error
		if level >= 0 {
			v, err = m.View.ValueAt(s, nil, level)
		} else {
			v, err = m.View.Value(s, nil)
		}
		if err != nil {
			return 0, err
		}
		h = value.Hash(v)
	} else {
		h = value.HashState(s)
	}
	if h == 0 {
		h = 1
	}
	return h, nil
}

// orbitFor is the value.Orbit of one list of permutations.
type orbitFor struct {
	perms []value.Perm
	o     *value.Orbit
}

// orbit is the value.Orbit of m.Symmetry, built on first use (and again
// if m.Symmetry is replaced).
func (m *Model) orbit() *value.Orbit {
	if of := m.orbitCache.Load(); of != nil && len(of.perms) == len(m.Symmetry) && &of.perms[0] == &m.Symmetry[0] {
		return of.o
	}
	of := &orbitFor{perms: m.Symmetry, o: value.NewOrbit(m.Symmetry)}
	m.orbitCache.Store(of)
	return of.o
}
