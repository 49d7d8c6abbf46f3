package value

import (
	"math/rand/v2"
	"testing"
)

func ints(xs ...int64) []Value {
	out := make([]Value, len(xs))
	for i, x := range xs {
		out[i] = Int(x)
	}
	return out
}

func set(xs ...Value) *Set { return NewSet(xs) }

func TestSetNormalisedAndPrinted(t *testing.T) {
	s := NewSet(ints(3, 1, 2, 3, 1))
	if got := String(s); got != "{1, 2, 3}" {
		t.Fatalf("got %s", got)
	}
	if !Equal(s, &Interval{Lo: 1, Hi: 3}) || Hash(s) != Hash(&Interval{Lo: 1, Hi: 3}) {
		t.Fatal("{1,2,3} must equal 1..3 with the same hash")
	}
	if Equal(s, &Interval{Lo: 1, Hi: 4}) {
		t.Fatal("{1,2,3} = 1..4")
	}
	if got := String(EmptySet); got != "{}" {
		t.Fatal(got)
	}
}

// The orders below were printed by TLC 2.18 (PrintT of the same sets).
func TestOrderLikeTLC(t *testing.T) {
	cases := []struct {
		v    Value
		want string
	}{
		{set(set(Int(1), Int(2)), set(Int(3)), EmptySet, set(ints(0, 1, 2, 3)...)), "{{}, {3}, {1, 2}, {0, 1, 2, 3}}"},
		{set(NewTuple(ints(1, 2)), NewTuple(ints(3)), EmptySeq, NewTuple(ints(0, 0, 0)), NewTuple(ints(1, 1))),
			"{<<>>, <<3>>, <<1, 1>>, <<1, 2>>, <<0, 0, 0>>}"},
		{set(ints(-3, 5, 0, -1)...), "{-3, -1, 0, 5}"},
		{set(True, False), "{FALSE, TRUE}"},
		{set(NewTuple(ints(1, 5)), NewTuple(ints(2, 1))), "{<<1, 5>>, <<2, 1>>}"},
	}
	for _, c := range cases {
		if got := String(c.v); got != c.want {
			t.Errorf("got %s want %s", got, c.want)
		}
	}
	a, b, c := NewModel("ma"), NewModel("mb"), NewModel("mc")
	fa1 := NewFcnPairs([]Value{a}, ints(1))
	fb0 := NewFcnPairs([]Value{b}, ints(0))
	fab := NewFcnPairs([]Value{a, b}, ints(0, 0))
	fc0 := NewFcnPairs([]Value{c}, ints(0))
	if got := String(set(fab, fc0, fb0, fa1)); got != "{(ma :> 1), (mb :> 0), (mc :> 0), (ma :> 0 @@ mb :> 0)}" {
		t.Errorf("functions: %s", got)
	}
	if got := String(set(set(a), set(b, c), set(c), set(Int(1)), set(a, Int(1)))); got != "{{ma}, {mc}, {1}, {ma, 1}, {mb, mc}}" {
		t.Errorf("model values: %s", got)
	}
}

func TestRecordsAndStrings(t *testing.T) {
	zz, aa := Intern("zz_test"), Intern("aa_test")
	r, err := NewRecord([]*Str{zz, aa}, ints(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	if got := String(r); got != "[zz_test |-> 1, aa_test |-> 2]" {
		t.Errorf("record keeps written order: %s", got)
	}
	r2, _ := NewRecord([]*Str{aa, zz}, ints(2, 1))
	if !Equal(r, r2) || Hash(r) != Hash(r2) {
		t.Error("records with the same fields in another order differ")
	}
	if got := String(set(r)); got != "{[zz_test |-> 1, aa_test |-> 2]}" {
		// zz_test was interned first, so it sorts first as well.
		t.Errorf("record in set: %s", got)
	}
	f := NewFcnPairs([]Value{zz, aa}, ints(1, 2))
	if !Equal(f, r) {
		t.Error("function on strings must equal the record")
	}
	if _, err := NewRecord([]*Str{zz, zz}, ints(1, 2)); err == nil {
		t.Error("duplicate field accepted")
	}
	if got := String(set(Intern("s2"), Intern("s1"))); got != `{"s2", "s1"}` {
		t.Errorf("strings are ordered by interning: %s", got)
	}
	if got := String(Intern(`q"b`)); got != `"q\"b"` {
		t.Error(got)
	}
}

func TestTupleIsFunctionOnOneToN(t *testing.T) {
	tup := NewTuple(ints(7, 8))
	f := NewFcnPairs(ints(2, 1), ints(8, 7))
	if !Equal(tup, f) || Hash(tup) != Hash(f) || String(f) != "<<7, 8>>" {
		t.Fatalf("tuple %s vs function %s", String(tup), String(f))
	}
	g := NewFcnPairs(ints(2, 3), ints(2, 3))
	if String(g) != "(2 :> 2 @@ 3 :> 3)" {
		t.Fatal(String(g))
	}
	if _, ok := tup.Apply(Int(3)); ok {
		t.Fatal("applied outside domain")
	}
	if v, _ := tup.Apply(Int(2)); v != Int(8) {
		t.Fatal(v)
	}
	if String(Merge(NewFcnPairs(ints(1), ints(5)), tup)) != "<<5, 8>>" {
		t.Fatal("@@ must prefer the left function")
	}
}

func TestLazySets(t *testing.T) {
	if ok, _ := Member(Int(-1), Nat); ok {
		t.Error("-1 in Nat")
	}
	if ok, _ := Member(Int(5), Nat); !ok {
		t.Error("5 notin Nat")
	}
	if _, err := Enumerate(Nat); err == nil {
		t.Error("enumerated Nat")
	}
	s := &SeqSet{Base: set(ints(1, 2)...)}
	if ok, _ := Member(NewTuple(ints(1, 2, 2, 1)), s); !ok {
		t.Error("<<1,2,2,1>> notin Seq({1,2})")
	}
	if ok, _ := Member(NewTuple(ints(1, 3)), s); ok {
		t.Error("<<1,3>> in Seq({1,2})")
	}
	fs := &FcnSet{Dom: set(ints(1, 2)...), Rng: BoolSet}
	e, err := Enumerate(fs)
	if err != nil || e.Len() != 4 {
		t.Fatalf("[1..2 -> BOOLEAN]: %v %v", e, err)
	}
	if ok, _ := Member(NewTuple([]Value{True, False}), fs); !ok {
		t.Error("<<TRUE,FALSE>> notin [{1,2} -> BOOLEAN]")
	}
	ps, _ := Enumerate(&SubsetSet{Base: set(ints(1, 2)...)})
	if String(ps) != "{{}, {1}, {2}, {1, 2}}" {
		t.Error(String(ps))
	}
	if n, _ := Cardinality(&Interval{Lo: 3, Hi: 2}); n != 0 {
		t.Error("3..2 not empty")
	}
}

func TestArithmetic(t *testing.T) {
	if _, err := Add(Int(1<<62), Int(1<<62)); err == nil {
		t.Error("overflow not detected")
	}
	if _, err := Mul(Int(1<<40), Int(1<<40)); err == nil {
		t.Error("overflow not detected")
	}
	if q, _ := Div(-7, 2); q != -4 {
		t.Error("-7 \\div 2 =", q)
	}
	if r, _ := Mod(-7, 2); r != 1 {
		t.Error("-7 % 2 =", r)
	}
}

func TestPermute(t *testing.T) {
	a, b := NewModel("pa"), NewModel("pb")
	s := NewFcnPairs([]Value{a, b}, ints(1, 2))
	p := Perm{a: b, b: a}
	ps := Permute(s, p).(*Fcn)
	want := NewFcnPairs([]Value{a, b}, ints(2, 1))
	if !Equal(ps, want) {
		t.Fatalf("%s", String(ps))
	}
}

// TestPrettyLikeTLC: the layout TLC 2.18 printed for these state values.
func TestPrettyLikeTLC(t *testing.T) {
	big := func(base int64, n int) *Set {
		var es []Value
		for i := 1; i <= n; i++ {
			es = append(es, Int(base+int64(i)))
		}
		return NewSet(es)
	}
	if got := Pretty(big(1000000, 9)); got != "{ 1000001,\n  1000002,\n  1000003,\n  1000004,\n  1000005,\n  1000006,\n  1000007,\n  1000008,\n  1000009 }" {
		t.Errorf("set:\n%s", got)
	}
	tup := NewTuple([]Value{big(1000000, 6), big(2000000, 6)})
	if got := Pretty(tup); got != "<< {1000001, 1000002, 1000003, 1000004, 1000005, 1000006},\n   {2000001, 2000002, 2000003, 2000004, 2000005, 2000006} >>" {
		t.Errorf("tuple:\n%s", got)
	}
	x, yy, k1, k2 := Intern("px"), Intern("pyy"), Intern("pk1"), Intern("pk2")
	inner := func(k *Str) Value {
		r, _ := NewRecord([]*Str{x, yy}, []Value{big(1000000, 6), NewTuple([]Value{k, Intern("q")})})
		return r
	}
	rec, _ := NewRecord([]*Str{k1, k2}, []Value{inner(k1), inner(k2)})
	want := "[ pk1 |->\n      [ px |-> {1000001, 1000002, 1000003, 1000004, 1000005, 1000006},\n        pyy |-> <<\"pk1\", \"q\">> ],\n" +
		"  pk2 |->\n      [ px |-> {1000001, 1000002, 1000003, 1000004, 1000005, 1000006},\n        pyy |-> <<\"pk2\", \"q\">> ] ]"
	if got := Pretty(rec); got != want {
		t.Errorf("record:\n%s\nwant\n%s", got, want)
	}
	if got := Pretty(big(0, 3)); got != "{1, 2, 3}" {
		t.Errorf("short value broken: %s", got)
	}
}

// TestUnionMinusSingletons: the singleton fast paths of Union and Minus
// (binary search) give the same sets as the general merge, on random sets
// of tuples and integers.
func TestUnionMinusSingletons(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	elem := func() Value {
		if rng.IntN(3) == 0 {
			return Int(int64(rng.IntN(20)))
		}
		return NewTuple([]Value{Int(int64(rng.IntN(4))), Int(int64(rng.IntN(4)))})
	}
	merge := func(op string, a, b *Set) *Set { // element by element, no fast path
		var out []Value
		for _, x := range a.Elems {
			_, inB := b.index(x)
			if op == "union" || !inB {
				out = append(out, x)
			}
		}
		if op == "union" {
			out = append(out, b.Elems...)
		}
		return NewSet(out)
	}
	for i := 0; i < 2000; i++ {
		var xs []Value
		for n := rng.IntN(12); n > 0; n-- {
			xs = append(xs, elem())
		}
		a, one := NewSet(xs), NewSet([]Value{elem()})
		if rng.IntN(4) == 0 && len(a.Elems) > 0 { // an element a holds
			one = NewSet([]Value{a.Elems[rng.IntN(len(a.Elems))]})
		}
		for _, c := range []struct {
			name      string
			got, want *Set
		}{
			{"a \\cup {x}", Union(a, one), merge("union", a, one)},
			{"{x} \\cup a", Union(one, a), merge("union", a, one)},
			{"a \\ {x}", Minus(a, one), merge("minus", a, one)},
		} {
			if !Equal(c.got, c.want) || len(c.got.Elems) != len(c.want.Elems) {
				t.Fatalf("%s with a = %v, x = %v: got %v, want %v", c.name, a, one, c.got, c.want)
			}
			for k := 1; k < len(c.got.Elems); k++ {
				if Compare(c.got.Elems[k-1], c.got.Elems[k]) >= 0 {
					t.Fatalf("%s: result %v is not sorted", c.name, c.got)
				}
			}
		}
	}
}

// TestMemberOfFunctionSetOnInterval checks f \in [lo..hi -> R], which is
// decided without enumerating lo..hi, against the same sets with the
// domain enumerated.
func TestMemberOfFunctionSetOnInterval(t *testing.T) {
	rng := set(ints(0, 1, 2)...)
	for _, c := range []struct {
		f    *Fcn
		lo   int64
		hi   int64
		want bool
	}{
		{NewTuple(ints(0, 2, 1)), 1, 3, true},           // a tuple on 1..3
		{NewTuple(ints(0, 2)), 1, 3, false},             // too short
		{NewTuple(ints(0, 3, 1)), 1, 3, false},          // 3 outside R
		{NewFcnInterval(0, ints(1, 1, 1)), 0, 2, true},  // domain 0..2
		{NewFcnInterval(0, ints(1, 1, 1)), 1, 3, false}, // 0..2 is not 1..3
		{NewFcnInterval(2, ints(1, 1)), 1, 2, false},    // 2..3 is not 1..2
		{NewFcnPairs([]Value{Intern("fs_a"), Intern("fs_b")}, ints(1, 1)), 1, 2, false},
		{NewTuple(nil), 1, 0, true}, // <<>> \in [1..0 -> R]
		{NewTuple(nil), 3, 2, true}, // the empty function, an empty interval
	} {
		iv := &Interval{Lo: c.lo, Hi: c.hi}
		got, err := Member(c.f, &FcnSet{Dom: iv, Rng: rng})
		dom, _ := Enumerate(iv)
		ref, rerr := Member(c.f, &FcnSet{Dom: dom, Rng: rng})
		if err != nil || rerr != nil || got != c.want || ref != c.want {
			t.Errorf("%s \\in [%d..%d -> %s]: %v (%v), with the domain enumerated %v (%v), want %v",
				String(c.f), c.lo, c.hi, String(rng), got, err, ref, rerr, c.want)
		}
	}
}
