package check

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// symActions are the actions a random model picks from. Each is symmetric
// in A and in V (none names a particular model value), so every
// permutation of A and of V maps behaviours to behaviours.
var symActions = []string{
	`\E a \in A, v \in V : f[a] = "none" /\ f' = [f EXCEPT ![a] = v] /\ UNCHANGED <<s, q>>`,
	`\E a \in A : f[a] # "none" /\ f' = [f EXCEPT ![a] = "none"] /\ UNCHANGED <<s, q>>`,
	`\E a \in A : f[a] # "none" /\ s' = s \cup {<<a, f[a]>>} /\ UNCHANGED <<f, q>>`,
	`\E a \in A : Len(q) < K /\ q' = Append(q, a) /\ UNCHANGED <<f, s>>`,
	`q # <<>> /\ q' = Tail(q) /\ UNCHANGED <<f, s>>`,
	`\E a, b \in A : a # b /\ f' = [f EXCEPT ![a] = f[b]] /\ UNCHANGED <<s, q>>`,
	`\E p \in s : s' = s \ {p} /\ f' = [f EXCEPT ![p[1]] = "none"] /\ UNCHANGED q`,
	`\E v \in V : q # <<>> /\ f' = [f EXCEPT ![Head(q)] = v] /\ q' = Tail(q) /\ UNCHANGED s`,
}

var symInits = []string{
	`f = [a \in A |-> "none"]`,
	`f \in [A -> V]`,
	`f \in [A -> V \cup {"none"}]`,
}

// symSets are the SYMMETRY definitions tried, with the generators each
// stands for (a: all permutations of A, v: of V) and the number of
// arguments SANY sees in its body.
var symSets = []struct {
	def  string
	gens string
	args int
}{
	{"Permutations(A)", "a", 1},
	{"Permutations(V)", "v", 1},
	{`Permutations(A) \cup Permutations(V)`, "av", 2},
}

// TestSymmetryCountsAgainstOrbits checks, on random small symmetric models,
// that gotlc's counts without symmetry are those of a brute-force search of
// the full state graph, and that with symmetry they are the number of
// orbits of the reachable states under the group the SYMMETRY set generates
// (orbits computed here by closing each state under the generators, with a
// permutation written here) and the initial states plus one expansion per
// orbit. Any over-reduction (an orbit split too coarsely, which is unsound)
// or under-reduction makes the counts differ.
func TestSymmetryCountsAgainstOrbits(t *testing.T) {
	dir := t.TempDir()
	n := 0
	rapid.Check(t, func(rt *rapid.T) {
		nA := rapid.IntRange(1, 3).Draw(rt, "A")
		nV := rapid.IntRange(1, 2).Draw(rt, "V")
		k := rapid.IntRange(0, 2).Draw(rt, "K")
		init := rapid.SampledFrom(symInits).Draw(rt, "init")
		acts := rapid.SliceOfNDistinct(rapid.IntRange(0, len(symActions)-1), 1, 4, rapid.ID[int]).Draw(rt, "actions")
		sym := rapid.IntRange(0, len(symSets)-1).Draw(rt, "symmetry")
		n++
		var next []string
		for _, a := range acts {
			next = append(next, "    \\/ "+symActions[a])
		}
		spec := fmt.Sprintf(`---- MODULE R%d ----
EXTENDS Naturals, Sequences, TLC
CONSTANTS A, V, K
VARIABLES f, s, q
Init == /\ %s
        /\ s = {}
        /\ q = <<>>
Next ==
%s
Sym == %s
====
`, n, init, strings.Join(next, "\n"), symSets[sym].def)
		var as, vs []string
		for i := 1; i <= nA; i++ {
			as = append(as, fmt.Sprintf("a%d", i))
		}
		for i := 1; i <= nV; i++ {
			vs = append(vs, fmt.Sprintf("v%d", i))
		}
		base := fmt.Sprintf("CONSTANTS A = {%s}  V = {%s}  K = %d\nINIT Init\nNEXT Next\n", strings.Join(as, ", "), strings.Join(vs, ", "), k)
		name := fmt.Sprintf("R%d", n)
		plain := loadRandomModel(rt, dir, name, spec, base)
		reduced := loadRandomModel(rt, dir, name, spec, base+"SYMMETRY Sym\n")

		// The generators, as maps built here, and TLC's rule that a body
		// with as many arguments as elements disables the reduction.
		var gens []map[*value.Model]*value.Model
		elems := 0
		for _, c := range symSets[sym].gens {
			ms := as
			if c == 'v' {
				ms = vs
			}
			ps := allPerms(ms)
			elems += len(ps)
			gens = append(gens, ps...)
		}
		if symSets[sym].args >= elems {
			gens = nil
		}

		g := bruteForce(rt, plain)
		orbitOf := map[uint64]uint64{} // state hash -> least hash in its orbit
		var orbits, symGenerated int64
		for _, h := range g.order {
			if _, ok := orbitOf[h]; ok {
				continue
			}
			orbit := closeOrbit(g.states[h], gens)
			least := h
			for oh := range orbit {
				least = min(least, oh)
			}
			for oh := range orbit {
				st, ok := g.states[oh]
				if !ok {
					rt.Fatalf("the model is not symmetric: %v is reachable, its image %v is not", g.states[h], st)
				}
				if g.outdeg[oh] != g.outdeg[h] {
					rt.Fatalf("the model is not symmetric: out-degrees %d and %d in one orbit", g.outdeg[oh], g.outdeg[h])
				}
				orbitOf[oh] = least
			}
			orbits++
			symGenerated += g.outdeg[h]
		}
		symGenerated += g.initGenerated

		r := Check(plain, Options{Workers: 1})
		if r.Err != nil || r.Verdict != Success {
			rt.Fatalf("no symmetry: %v %v\n%s", r.Verdict, r.Err, spec)
		}
		if r.Distinct != int64(len(g.order)) || r.Generated != g.generated {
			rt.Fatalf("no symmetry: gotlc %d distinct, %d generated; brute force %d, %d\n%s", r.Distinct, r.Generated, len(g.order), g.generated, spec)
		}
		for _, w := range []int{1, 2} {
			r = Check(reduced, Options{Workers: w})
			if r.Err != nil || r.Verdict != Success {
				rt.Fatalf("symmetry: %v %v\n%s", r.Verdict, r.Err, spec)
			}
			if r.Distinct != orbits || r.Generated != symGenerated {
				rt.Fatalf("SYMMETRY %s (A=%v V=%v, workers %d): gotlc %d distinct, %d generated; orbits %d, generated %d (no symmetry: %d states)\n%s",
					symSets[sym].def, as, vs, w, r.Distinct, r.Generated, orbits, symGenerated, len(g.order), spec)
			}
		}
	})
}

func loadRandomModel(rt *rapid.T, dir, name, spec, config string) *Model {
	tla := filepath.Join(dir, name+".tla")
	cf := filepath.Join(dir, name+".cfg")
	if err := os.WriteFile(tla, []byte(spec), 0o644); err != nil {
		rt.Fatal(err)
	}
	if err := os.WriteFile(cf, []byte(config), 0o644); err != nil {
		rt.Fatal(err)
	}
	prog, err := syntax.Load(tla)
	if err != nil {
		rt.Fatalf("%v\n%s", err, spec)
	}
	c, err := cfg.ParseFile(cf)
	if err != nil {
		rt.Fatal(err)
	}
	m, _, err := Build(prog, c)
	if err != nil {
		rt.Fatalf("%v\n%s", err, spec)
	}
	return m
}

// graph is the full reachable state graph: each state by its hash, in BFS
// order, with the number of successors Next generates from it.
type graph struct {
	states        map[uint64][]value.Value
	outdeg        map[uint64]int64
	order         []uint64
	initGenerated int64
	generated     int64
}

func bruteForce(rt *rapid.T, m *Model) *graph {
	g := &graph{states: map[uint64][]value.Value{}, outdeg: map[uint64]int64{}}
	add := func(s []value.Value) {
		g.generated++
		h := value.HashState(s)
		if _, ok := g.states[h]; !ok {
			g.states[h] = s
			g.order = append(g.order, h)
		}
	}
	if _, err := m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) { add(s) }); err != nil {
		rt.Fatal(err)
	}
	g.initGenerated = g.generated
	for i := 0; i < len(g.order); i++ {
		h := g.order[i]
		before := g.generated
		if _, err := m.Next.Run(g.states[h], func(s []value.Value, _ *eval.Label, _ int) { add(s) }); err != nil {
			rt.Fatal(err)
		}
		g.outdeg[h] = g.generated - before
	}
	return g
}

// closeOrbit is the set of states reached from s by applying generators
// until nothing new appears, by hash.
func closeOrbit(s []value.Value, gens []map[*value.Model]*value.Model) map[uint64][]value.Value {
	orbit := map[uint64][]value.Value{value.HashState(s): s}
	todo := [][]value.Value{s}
	for len(todo) > 0 {
		x := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, p := range gens {
			y := make([]value.Value, len(x))
			for i, v := range x {
				y[i] = mapModels(v, p)
			}
			h := value.HashState(y)
			if _, ok := orbit[h]; !ok {
				orbit[h] = y
				todo = append(todo, y)
			}
		}
	}
	return orbit
}

// mapModels rebuilds v with every model value m replaced by p[m] (when
// present), through the value constructors (which normalise).
func mapModels(v value.Value, p map[*value.Model]*value.Model) value.Value {
	switch x := v.(type) {
	case *value.Model:
		if y, ok := p[x]; ok {
			return y
		}
		return x
	case *value.Set:
		es := make([]value.Value, len(x.Elems))
		for i, e := range x.Elems {
			es[i] = mapModels(e, p)
		}
		return value.NewSet(es)
	case *value.Fcn:
		vals := make([]value.Value, x.Len())
		for i, e := range x.Values() {
			vals[i] = mapModels(e, p)
		}
		if x.Dom == nil {
			return value.NewTuple(vals)
		}
		dom := make([]value.Value, len(x.Dom))
		for i, e := range x.Dom {
			dom[i] = mapModels(e, p)
		}
		return value.NewFcnPairs(dom, vals)
	}
	return v
}

// allPerms is every permutation of the model values named ms, as maps
// (the identity included).
func allPerms(ms []string) []map[*value.Model]*value.Model {
	var out []map[*value.Model]*value.Model
	var rec func(rest []string, img []string)
	rec = func(rest []string, img []string) {
		if len(rest) == 0 {
			p := map[*value.Model]*value.Model{}
			for i, m := range ms {
				p[value.NewModel(m)] = value.NewModel(img[i])
			}
			out = append(out, p)
			return
		}
		for i := range rest {
			r := append(append([]string{}, rest[:i]...), rest[i+1:]...)
			rec(r, append(img, rest[i]))
		}
	}
	rec(ms, nil)
	return out
}

// The closure of generators is the group they generate, without the
// identity: sizes n! - 1 for all permutations, |G| - 1 otherwise.
func TestCloseGroup(t *testing.T) {
	m := func(n string) *value.Model { return value.NewModel(n) }
	perm := func(pairs ...string) value.Perm {
		p := value.Perm{}
		for i := 0; i < len(pairs); i += 2 {
			p[m(pairs[i])] = m(pairs[i+1])
		}
		return p
	}
	fromMaps := func(ms []map[*value.Model]*value.Model) []value.Perm {
		var out []value.Perm
		for _, x := range ms {
			p := value.Perm{}
			for a, b := range x {
				if a != b {
					p[a] = b
				}
			}
			out = append(out, p)
		}
		return out
	}
	as, vs := []string{"g1", "g2", "g3"}, []string{"h1", "h2"}
	cases := []struct {
		name string
		gens []value.Perm
		want int
	}{
		{"Permutations(A) \\cup Permutations(V)", append(fromMaps(allPerms(as)), fromMaps(allPerms(vs))...), 3*2*1*2 - 1},
		{"one 3-cycle", []value.Perm{perm("g1", "g2", "g2", "g3", "g3", "g1")}, 2},
		{"two transpositions", []value.Perm{perm("g1", "g2", "g2", "g1"), perm("g2", "g3", "g3", "g2")}, 5},
		{"one transposition", []value.Perm{perm("g1", "g2", "g2", "g1")}, 1},
		{"identity", []value.Perm{perm()}, 0},
	}
	for _, c := range cases {
		if got := len(closeGroup(c.gens)); got != c.want {
			t.Errorf("%s: %d elements besides the identity, want %d", c.name, got, c.want)
		}
	}
	// q after p: (g1 g2) then (g2 g3) sends g1 to g3.
	r := composePerm(perm("g1", "g2", "g2", "g1"), perm("g2", "g3", "g3", "g2"))
	if r[m("g1")] != m("g3") || r[m("g2")] != m("g1") || r[m("g3")] != m("g2") {
		t.Errorf("composePerm: %v", r)
	}
}
