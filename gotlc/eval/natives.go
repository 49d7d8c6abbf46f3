package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// A native is the Go implementation of an operator of a module read from
// the module path (the community modules, gotlc's own TLCExt and
// Randomization), used in place of the operator's TLA+ definition, as TLC
// uses its Java overrides: either because the definition cannot be
// evaluated (a CHOOSE or \E over an infinite set such as Seq(S)) or only
// because it is much faster. Each native has the semantics of the
// definition it replaces (or, for operators TLC implements only natively,
// TLC's). args holds the arguments in order: values, or *opVal for
// operator parameters.
type native func(c *Ctx, site syntax.Node, args []any) value.Value

// natives maps "Module!Operator" to its native.
var natives = map[string]native{
	"UndirectedGraphs!ConnectedComponents": func(c *Ctx, site syntax.Node, a []any) value.Value {
		return connectedComponents(site, a[0].(value.Value))
	},
	"UndirectedGraphs!AreConnectedIn": func(c *Ctx, site syntax.Node, a []any) value.Value {
		return value.Bool(connectedIn(site, a[0].(value.Value), a[1].(value.Value), a[2].(value.Value), false))
	},
	"Graphs!AreConnectedIn": func(c *Ctx, site syntax.Node, a []any) value.Value {
		return value.Bool(connectedIn(site, a[0].(value.Value), a[1].(value.Value), a[2].(value.Value), true))
	},
	"Graphs!IsStronglyConnected": func(c *Ctx, site syntax.Node, a []any) value.Value {
		g := a[0].(value.Value)
		nodes := elems(site, graphPart(site, g, "node"))
		for _, m := range nodes {
			reach := reachable(site, g, m, true)
			for _, n := range nodes {
				if !reach.Contains(n) {
					return value.False
				}
			}
		}
		return value.True
	},
	// SetToSeq(S) == CHOOSE f \in [1..Cardinality(S) -> S] : IsInjective(f):
	// the elements in TLC's order of the set.
	"SequencesExt!SetToSeq": func(c *Ctx, site syntax.Node, a []any) value.Value {
		return value.NewTuple(append([]value.Value(nil), elems(site, setOf(site, a[0].(value.Value)))...))
	},
	// IsInjective(f) == \A a, b \in DOMAIN f : f[a] = f[b] => a = b
	"Functions!IsInjective": func(c *Ctx, site syntax.Node, a []any) value.Value {
		f := fcnOf(site, a[0].(value.Value))
		seen := value.NewSet(nil)
		for _, v := range f.Values() {
			if seen.Contains(v) {
				return value.False
			}
			seen = seen.With(v)
		}
		return value.True
	},
}

// graphPart is G.node or G.edge.
func graphPart(site syntax.Node, g value.Value, field string) value.Value {
	return apply(site, g, value.Intern(field))
}

// reachable is the set of nodes n such that a path (a non-empty sequence of
// nodes of G.node, consecutive ones joined by an edge) leads from m to n:
// empty when m is not a node. Directed edges are pairs <<a, b>>,
// undirected ones sets {a, b}.
func reachable(site syntax.Node, g, m value.Value, directed bool) *value.Set {
	nodes := setOf(site, graphPart(site, g, "node"))
	if ok, err := value.Member(m, nodes); err != nil || !ok {
		return value.NewSet(nil)
	}
	adj := map[uint64][]value.Value{} // by the hash of the source
	for _, e := range elems(site, setOf(site, graphPart(site, g, "edge"))) {
		var ends []value.Value
		if directed {
			ends = fcnOf(site, e).Values()
		} else {
			ends = elems(site, setOf(site, e))
		}
		switch {
		case directed && len(ends) == 2:
			adj[value.Hash(ends[0])] = append(adj[value.Hash(ends[0])], ends[0], ends[1])
		case !directed && len(ends) == 2:
			adj[value.Hash(ends[0])] = append(adj[value.Hash(ends[0])], ends[0], ends[1])
			adj[value.Hash(ends[1])] = append(adj[value.Hash(ends[1])], ends[1], ends[0])
		}
	}
	seen := value.NewSet([]value.Value{m})
	queue := []value.Value{m}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		ps := adj[value.Hash(x)]
		for i := 0; i+1 < len(ps); i += 2 {
			if !value.Equal(ps[i], x) || seen.Contains(ps[i+1]) {
				continue
			}
			if ok, err := value.Member(ps[i+1], nodes); err != nil || !ok {
				continue
			}
			seen = seen.With(ps[i+1])
			queue = append(queue, ps[i+1])
		}
	}
	return seen
}

func connectedIn(site syntax.Node, m, n, g value.Value, directed bool) bool {
	return reachable(site, g, m, directed).Contains(n)
}

// connectedComponents is the set of the connected components of an
// undirected graph (the maximal non-empty sets of nodes joined by paths
// inside them).
func connectedComponents(site syntax.Node, g value.Value) value.Value {
	var comps []value.Value
	done := value.NewSet(nil)
	for _, n := range elems(site, setOf(site, graphPart(site, g, "node"))) {
		if done.Contains(n) {
			continue
		}
		cc := reachable(site, g, n, false)
		for _, x := range cc.Elems {
			done = done.With(x)
		}
		comps = append(comps, cc)
	}
	return value.NewSet(comps)
}

// nativeBody returns the body of definition d implemented by a native, if
// there is one: it takes d's arguments from the environment.
func nativeBody(d *syntax.OpDef) (fn, bool) {
	if d.Module == nil || d.InLet {
		return nil, false
	}
	nf, ok := natives[d.Module.Name+"!"+d.Name]
	if !ok {
		return nil, false
	}
	np := len(d.Params)
	return func(c *Ctx, e *env) value.Value {
		args := make([]any, np)
		for i := np - 1; i >= 0; i-- {
			args[i] = e.v
			e = e.up
		}
		return nf(c, d, args)
	}, true
}

func init() {
	unimplemented := func(name string) native {
		return func(c *Ctx, site syntax.Node, a []any) value.Value {
			fail(site, "gotlc does not implement %s", name)
			return nil
		}
	}
	for _, n := range []string{"TLCExt!Trace", "TLCExt!CounterExample", "TLCExt!ToTrace", "TLCExt!TLCFP",
		"TLCExt!AssertError", "TLCExt!TLCDefer", "TLCExt!PickSuccessor"} {
		natives[n] = unimplemented(n)
	}
	natives["TLCExt!TLCModelValue"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		s, ok := a[0].(value.Value).(*value.Str)
		if !ok {
			fail(site, "TLCModelValue takes a string, not %s", value.String(a[0].(value.Value)))
		}
		return value.NewModel(s.S)
	}
	natives["Randomization!RandomSubset"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		k := intOf(site, a[0].(value.Value))
		return randomSubset(c, site, int64(k), elems(site, setOf(site, a[1].(value.Value))))
	}
	natives["Randomization!RandomSetOfSubsets"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		k, n := intOf(site, a[0].(value.Value)), intOf(site, a[1].(value.Value))
		return randomSetOfSubsets(c, site, int64(k), int64(n), elems(site, setOf(site, a[2].(value.Value))))
	}
}
