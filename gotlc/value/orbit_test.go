package value

import (
	"math/rand/v2"
	"testing"
)

// orbitStates builds random states of three variables over the model
// values ms (a function ms -> ints, a set of pairs, a model value), with
// shared subvalues between states as successors have.
func orbitStates(r *rand.Rand, ms []*Model, n int) [][]Value {
	pick := func() Value { return ms[r.IntN(len(ms))] }
	var out [][]Value
	var prev []Value
	for len(out) < n {
		f := NewFcnPairs([]Value{ms[0], ms[1], ms[2]}, ints(r.Int64N(3), r.Int64N(3), r.Int64N(3)))
		var es []Value
		for k := r.IntN(4); k > 0; k-- {
			es = append(es, NewTuple([]Value{pick(), pick()}))
		}
		s := []Value{f, NewSet(es), pick()}
		if prev != nil && r.IntN(2) == 0 {
			s[0] = prev[0] // the same function value as the previous state
		}
		out = append(out, s)
		prev = s
	}
	return out
}

// TestOrbitHashCacheAgrees: the fingerprint of a state does not depend on
// what the cache of image hashes holds (one Orbit for all states, each
// state twice, against a fresh Orbit per state), and is the same for a
// state and its images.
func TestOrbitHashCacheAgrees(t *testing.T) {
	ms := []*Model{NewModel("oa"), NewModel("ob"), NewModel("oc")}
	perms := []Perm{
		{ms[0]: ms[1], ms[1]: ms[0]},
		{ms[1]: ms[2], ms[2]: ms[1]},
		{ms[0]: ms[2], ms[2]: ms[0]},
		{ms[0]: ms[1], ms[1]: ms[2], ms[2]: ms[0]},
		{ms[0]: ms[2], ms[2]: ms[1], ms[1]: ms[0]},
	}
	states := orbitStates(rand.New(rand.NewPCG(1, 2)), ms, 400)
	shared := NewOrbit(perms)
	distinct := map[uint64]bool{}
	for round := 0; round < 2; round++ {
		for i, s := range states {
			want, ok := NewOrbit(perms).OrbitHash(s)
			if !ok {
				t.Fatalf("state %d not handled", i)
			}
			got, _ := shared.OrbitHash(s)
			if got != want {
				t.Fatalf("round %d, state %d: cached %x, fresh %x", round, i, got, want)
			}
			img := make([]Value, len(s))
			for j, v := range s {
				img[j] = Permute(v, perms[i%len(perms)])
			}
			if h, _ := shared.OrbitHash(img); h != want {
				t.Fatalf("state %d: image %x, state %x", i, h, want)
			}
			distinct[want] = true
		}
	}
	if len(distinct) < 50 {
		t.Fatalf("only %d distinct fingerprints over %d states", len(distinct), len(states))
	}
}

// TestEnumerationCached: a small lazy set is enumerated once (the same
// *Set comes back), a large one every time.
func TestEnumerationCached(t *testing.T) {
	small := &RecSet{Names: []*Str{Intern("type"), Intern("pid")}, Sets: []Value{set(Intern("T")), set(ints(1, 2, 3)...)}}
	a, err := Enumerate(small)
	if err != nil || a.Len() != 3 {
		t.Fatalf("%v %v", a, err)
	}
	if b, _ := Enumerate(small); b != a {
		t.Error("small record set enumerated twice")
	}
	if !Equal(set(a.Elems...), small) {
		t.Error("enumeration differs from the set")
	}
	big := &FcnSet{Dom: &Interval{Lo: 1, Hi: 13}, Rng: BoolSet} // 8192 functions
	x, err := Enumerate(big)
	if err != nil || x.Len() != 8192 {
		t.Fatalf("%d %v", x.Len(), err)
	}
	if y, _ := Enumerate(big); y == x {
		t.Error("a set of more than maxCachedEnum elements was cached")
	}
}
