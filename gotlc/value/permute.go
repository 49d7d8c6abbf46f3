package value

// Perm maps model values to model values (a permutation of a symmetry set).
type Perm map[*Model]*Model

// Permute applies p to every model value inside v and renormalises the sets
// and function domains that contain them. Parts of v that p leaves alone
// are shared with v, not copied: a value without permuted model values is
// returned as it is, without allocating.
func Permute(v Value, p Perm) Value {
	switch t := v.(type) {
	case *Model:
		if q, ok := p[t]; ok {
			return q
		}
		return t
	case *Set:
		out := permuteElems(t.Elems, p)
		if out == nil {
			return t
		}
		return NewSet(out)
	case *Fcn:
		vals := permuteElems(t.Values(), p)
		var dom []Value
		if t.Dom != nil {
			dom = permuteElems(t.Dom, p)
		}
		if vals == nil && dom == nil {
			return t
		}
		if dom == nil {
			// The domain is unchanged, so still sorted.
			return &Fcn{Dom: t.Dom, vals: vals, Order: t.Order}
		}
		if vals == nil {
			vals = make([]Value, t.Len())
			copy(vals, t.Values())
		}
		if f := sortPairs(dom, vals); f != nil {
			return f
		}
		f := NewFcnPairs(dom, vals)
		if t.Order != nil && f.Dom != nil {
			f.Order = t.Order
		}
		return f
	}
	return v
}

// permuteElems is es with p applied to each element, or nil when no
// element changes.
func permuteElems(es []Value, p Perm) []Value {
	var out []Value
	for i, e := range es {
		pe := Permute(e, p)
		if out == nil {
			if pe == e {
				continue
			}
			out = make([]Value, len(es))
			copy(out, es[:i])
		}
		out[i] = pe
	}
	return out
}

// sortPairs sorts the fresh slices dom and vals together by dom (insertion
// sort: domains of permuted functions are small) and builds the function,
// or returns nil when dom is long or has equal elements (then NewFcnPairs
// decides).
func sortPairs(dom, vals []Value) *Fcn {
	if len(dom) > 16 {
		return nil
	}
	for i := 1; i < len(dom); i++ {
		for j := i; j > 0; j-- {
			c := Compare(dom[j-1], dom[j])
			if c == 0 {
				return nil
			}
			if c < 0 {
				break
			}
			dom[j-1], dom[j] = dom[j], dom[j-1]
			vals[j-1], vals[j] = vals[j], vals[j-1]
		}
	}
	return NewFcnSorted(dom, vals)
}
