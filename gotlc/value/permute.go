package value

// Perm maps model values to model values (a permutation of a symmetry set).
type Perm map[*Model]*Model

// Permute applies p to every model value inside v and renormalises the sets
// and function domains that contain them.
func Permute(v Value, p Perm) Value {
	switch t := v.(type) {
	case *Model:
		if q, ok := p[t]; ok {
			return q
		}
		return t
	case *Set:
		out := make([]Value, len(t.Elems))
		changed := false
		for i, e := range t.Elems {
			out[i] = Permute(e, p)
			if out[i] != e {
				changed = true
			}
		}
		if !changed {
			return t
		}
		return NewSet(out)
	case *Fcn:
		vals := make([]Value, len(t.Vals))
		changed := false
		for i, e := range t.Vals {
			vals[i] = Permute(e, p)
			if vals[i] != e {
				changed = true
			}
		}
		if t.Dom == nil {
			if !changed {
				return t
			}
			return &Fcn{Vals: vals}
		}
		dom := make([]Value, len(t.Dom))
		for i, e := range t.Dom {
			dom[i] = Permute(e, p)
			if dom[i] != e {
				changed = true
			}
		}
		if !changed {
			return t
		}
		f := NewFcnPairs(dom, vals)
		if t.Order != nil && f.Dom != nil {
			f.Order = t.Order
		}
		return f
	}
	return v
}
