package value

// Hash is a 64-bit fingerprint of v's canonical form: equal values have
// equal hashes whatever their representation (an interval and the
// enumerated set, a record and the function on strings, a tuple and the
// function on 1..n). Composite hashes are memoised in the value.
func Hash(v Value) uint64 {
	switch t := v.(type) {
	case Bool:
		if t {
			return mix(0xb01 ^ 1)
		}
		return mix(0xb01)
	case Int:
		return mix(uint64(t)*0x9E3779B97F4A7C15 ^ 0x1a7)
	case *Str:
		return t.hash
	case *Model:
		return mix(t.str.hash ^ 0x30de1)
	case *Set:
		if h := t.hash.v.Load(); h != 0 {
			return h
		}
		h := hashSetElems(t.Elems)
		t.hash.v.Store(h)
		return h
	case *Interval:
		h := uint64(0x5e7)
		h = combine(h, uint64(t.Len()))
		for i := t.Lo; i <= t.Hi; i++ {
			h = combine(h, Hash(Int(i)))
		}
		return h | 1
	case *Fcn:
		if h := t.hash.v.Load(); h != 0 {
			return h
		}
		h := uint64(0xfc7)
		n := t.Len()
		h = combine(h, uint64(n))
		for i := 0; i < n; i++ {
			if t.Dom == nil {
				h = combine(h, Hash(Int(i+1)))
			} else {
				h = combine(h, Hash(t.Dom[i]))
			}
			h = combine(h, Hash(t.At(i)))
		}
		h |= 1
		t.hash.v.Store(h)
		return h
	}
	// Other lazy sets: hash their enumeration when possible.
	if e, err := Enumerate(v); err == nil {
		return Hash(e)
	}
	return hashString(String(v))
}

func hashSetElems(es []Value) uint64 {
	h := uint64(0x5e7)
	h = combine(h, uint64(len(es)))
	for _, e := range es {
		h = combine(h, Hash(e))
	}
	return h | 1
}

// combine folds x into the running hash h.
func combine(h, x uint64) uint64 {
	return mix(h*0x100000001b3 ^ x + 0x632BE59BD9B4E019)
}

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h ^ 0x57)
}

// HashState fingerprints a state given as the values of its variables.
func HashState(vars []Value) uint64 {
	h := uint64(0x57a7e)
	for _, v := range vars {
		h = combine(h, Hash(v))
	}
	return h
}
