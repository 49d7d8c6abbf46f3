package value

import (
	"math/rand"
	"testing"
)

// flatCopy is f with its values held flat, built from scratch: the form
// a chunked function must be indistinguishable from.
func flatCopy(f *Fcn) *Fcn {
	vals := append([]Value(nil), f.Values()...)
	if f.Dom == nil {
		return NewTuple(vals)
	}
	return NewFcnSorted(f.Dom, vals)
}

// TestChunkedFunctionIsTheSameValue: functions of pvMin values or more,
// updated at random positions (so that their values are chunked and share
// chunks with the functions they came from), have the hash, equality, order,
// printed form and values of the same function built flat, on a tuple and
// on a domain of pairs (the spec's next over Blocks); an update shares every
// chunk but one.
func TestChunkedFunctionIsTheSameValue(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for _, n := range []int{pvMin, 100, 192, 1000} {
		for _, tuple := range []bool{true, false} {
			vals := make([]Value, n)
			var dom []Value
			for i := range vals {
				vals[i] = Int(0)
				if !tuple {
					dom = append(dom, NewPair(Int(1+i/8), Int(1+i%8)))
				}
			}
			f := NewTuple(vals)
			if !tuple {
				f = NewFcnSorted(dom, vals)
			}
			prev := f
			for step := 0; step < 300; step++ {
				i := rng.Intn(n)
				g := prev.Update(i, Int(rng.Intn(4)))
				if g != prev && g.pv == nil {
					t.Fatalf("n=%d: Update of %d values left them flat", n, n)
				}
				if g.pv != nil && prev.pv != nil && g != prev {
					differ := 0
					for k := range g.pv.chunks {
						if g.pv.chunks[k] != prev.pv.chunks[k] {
							differ++
						}
					}
					if differ != 1 {
						t.Fatalf("n=%d: an update changed %d chunks, want 1", n, differ)
					}
				}
				fl := flatCopy(g)
				if fl.pv != nil {
					t.Fatal("flatCopy is chunked")
				}
				if Hash(g) != Hash(fl) {
					t.Fatalf("n=%d step %d: Hash %x (chunked) != %x (flat)", n, step, Hash(g), Hash(fl))
				}
				if !Equal(g, fl) || !Equal(fl, g) || Compare(g, fl) != 0 || Compare(fl, g) != 0 {
					t.Fatalf("n=%d step %d: chunked and flat forms differ", n, step)
				}
				if String(g) != String(fl) {
					t.Fatalf("n=%d step %d: printed forms differ", n, step)
				}
				for j := 0; j < n; j++ {
					if g.At(j) != fl.At(j) || g.Values()[j] != fl.Values()[j] {
						t.Fatalf("n=%d step %d: value %d differs", n, step, j)
					}
				}
				// Order and equality against the previous function agree
				// with those of their flat forms.
				pf := flatCopy(prev)
				if Equal(g, prev) != Equal(fl, pf) || Compare(g, prev) != Compare(fl, pf) || Compare(prev, g) != Compare(pf, fl) {
					t.Fatalf("n=%d step %d: order against the previous function differs from the flat forms'", n, step)
				}
				if x, ok := g.Apply(g.domAt(i)); !ok || x != fl.At(i) {
					t.Fatalf("n=%d: Apply", n)
				}
				prev = g
			}
		}
	}
}

// TestSmallFunctionsStayFlat: below pvMin values an update copies the
// values (one allocation), as before chunks existed.
func TestSmallFunctionsStayFlat(t *testing.T) {
	vals := make([]Value, pvMin-1)
	for i := range vals {
		vals[i] = Int(i)
	}
	g := NewTuple(vals).Update(3, Int(-1))
	if g.pv != nil || g.At(3) != Int(-1) || g.Len() != pvMin-1 {
		t.Fatalf("small update: chunked %v, value %v", g.pv != nil, g.At(3))
	}
}

// BenchmarkUpdate192 is [f EXCEPT ![i] = v] on a function of 192 values
// (the next of the 8-goroutine trace's 24 slabs of 8 blocks), each update
// applied to the result of the last.
func BenchmarkUpdate192(b *testing.B) {
	vals := make([]Value, 192)
	for i := range vals {
		vals[i] = Int(0)
	}
	f := NewTuple(vals)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		f = f.Update(i%192, Int(i/192+1))
	}
	sinkFcn = f
}

var sinkFcn *Fcn

// TestIndexOfIntPairs: Index on a domain of integer pairs (the fast path
// for a spec's blocks) finds what the general search finds, for members
// and non-members, and falls back when the domain holds other values.
func TestIndexOfIntPairs(t *testing.T) {
	var dom []Value
	for s := 1; s <= 5; s++ {
		for i := 1; i <= 8; i++ {
			dom = append(dom, NewPair(Int(s), Int(i)))
		}
	}
	vals := make([]Value, len(dom))
	for i := range vals {
		vals[i] = Int(i)
	}
	f := NewFcnSorted(dom, vals)
	for s := -1; s <= 7; s++ {
		for i := -1; i <= 10; i++ {
			arg := NewPair(Int(s), Int(i))
			got, ok := f.Index(arg)
			want, wok := search(dom, arg)
			if ok != wok || (ok && got != want) {
				t.Fatalf("Index(<<%d, %d>>) = %d, %v; search gives %d, %v", s, i, got, ok, want, wok)
			}
			if ok && f.At(got) != Int((s-1)*8+i-1) {
				t.Fatalf("Index(<<%d, %d>>) = %d", s, i, got)
			}
		}
	}
	// A domain with a non-pair: the general search decides.
	mixed := NewFcnPairs([]Value{NewPair(Int(1), Int(1)), NewTuple([]Value{Int(1), Int(2), Int(3)}), NewPair(Int(2), Int(1))}, []Value{Int(1), Int(2), Int(3)})
	for want, arg := range map[Int]Value{1: NewPair(Int(1), Int(1)), 3: NewPair(Int(2), Int(1)), 2: NewTuple([]Value{Int(1), Int(2), Int(3)})} {
		if i, ok := mixed.Index(arg); !ok || mixed.At(i) != want {
			t.Fatalf("mixed domain: Index(%s) = %d, %v", String(arg), i, ok)
		}
	}
	if _, ok := mixed.Index(NewPair(Int(1), Int(5))); ok {
		t.Fatal("mixed domain: found a non-member")
	}
}

// TestSetOfIntPairs: With, Without and membership on a set of integer
// pairs (search's fast path) give the sets NewSet builds from scratch.
func TestSetOfIntPairs(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	s := EmptySet
	in := map[[2]int]bool{}
	for step := 0; step < 2000; step++ {
		k := [2]int{rng.Intn(6), rng.Intn(9)}
		p := NewPair(Int(k[0]), Int(k[1]))
		if rng.Intn(2) == 0 {
			s, in[k] = s.With(p), true
		} else {
			s = s.Without(p)
			delete(in, k)
		}
		var want []Value
		for k := range in {
			want = append(want, NewPair(Int(k[0]), Int(k[1])))
		}
		ws := NewSet(want)
		if !Equal(s, ws) || Hash(s) != Hash(ws) || String(s) != String(ws) {
			t.Fatalf("step %d: %s, want %s", step, String(s), String(ws))
		}
		for a := -1; a <= 6; a++ {
			if got := s.Contains(NewPair(Int(a), Int(k[1]))); got != in[[2]int{a, k[1]}] {
				t.Fatalf("step %d: Contains(<<%d, %d>>) = %v", step, a, k[1], got)
			}
		}
	}
}
