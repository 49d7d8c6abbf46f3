package spec

import (
	"fmt"
	"strings"
)

// ExploreResult is the outcome of Explore, with the figures TLC reports.
type ExploreResult struct {
	Generated int // states generated: the initial state plus every step of every expanded state
	Distinct  int // distinct states found
	Depth     int // BFS depth (the initial state is depth 1)
	// Violation is the first violated invariant (an *InvariantError) in BFS
	// order, nil when every reachable state satisfies Invariants.
	Violation error
	// Trace leads from the initial state to the violating state (its last
	// Step); the first Step is the initial state with an empty Label.
	Trace []Step
}

// ExploreOptions tune Explore.
type ExploreOptions struct {
	// Visit, when set, is called once for every distinct state, in BFS order,
	// with its depth; returning false stops the search.
	Visit func(st State, depth int) bool
	// NoInvariants skips the invariant checks (the search then visits every
	// reachable state).
	NoInvariants bool
	// MaxStates, when positive, stops the search after that many distinct
	// states (a guard for large configurations).
	MaxStates int
	// MaxDepth, when positive, expands no state at that depth: the search
	// finds exactly the states of depth <= MaxDepth (depth counted as TLC
	// does: the initial state is depth 1, its successors depth 2).
	MaxDepth int
}

// Explore enumerates the states reachable from Init(cfg) breadth-first, in
// the order Successors lists steps, checking Invariants on every new state
// as TLC does, and stops at the first violation. It is the Go counterpart
// of running TLC on the model; drift_test.go compares the two.
func Explore(cfg Config, opt ExploreOptions) ExploreResult {
	// Only the frontier keeps whole States; every state found keeps its
	// parent and the label that reached it, and a trace is rebuilt by
	// replaying the labels from Init (the large model has a million states).
	type node struct {
		parent int32 // index in nodes, -1 for the initial state
		label  Label
	}
	type item struct {
		idx int
		st  State
	}
	var r ExploreResult
	init := Init(cfg)
	nodes := []node{{-1, Label{}}}
	seen := map[string]struct{}{init.Key(): {}}
	r.Generated, r.Distinct, r.Depth = 1, 1, 1
	trace := func(i int) []Step {
		var labels []Label
		for ; i > 0; i = int(nodes[i].parent) {
			labels = append(labels, nodes[i].label)
		}
		out := []Step{{Label{}, init}}
		st := init
		for k := len(labels) - 1; k >= 0; k-- {
			st, _, _ = st.Take(labels[k])
			out = append(out, Step{labels[k], st})
		}
		return out
	}
	check := func(i int, st State, depth int) bool {
		if opt.Visit != nil && !opt.Visit(st, depth) {
			return false
		}
		if !opt.NoInvariants {
			if err := st.CheckInvariants(); err != nil {
				r.Violation, r.Trace = err, trace(i)
				return false
			}
		}
		return opt.MaxStates <= 0 || r.Distinct < opt.MaxStates
	}
	if !check(0, init, 1) {
		return r
	}
	frontier := []item{{0, init}}
	for depth := 1; len(frontier) > 0 && (opt.MaxDepth <= 0 || depth < opt.MaxDepth); depth++ {
		var next []item
		for _, it := range frontier {
			for _, s := range it.st.Successors() {
				r.Generated++
				k := s.Next.Key()
				if _, ok := seen[k]; ok {
					continue
				}
				j := len(nodes)
				seen[k] = struct{}{}
				nodes = append(nodes, node{int32(it.idx), s.Label})
				r.Distinct++
				r.Depth = depth + 1
				next = append(next, item{j, s.Next})
				if !check(j, s.Next, depth+1) {
					return r
				}
			}
		}
		frontier = next
	}
	return r
}

// FormatTrace renders a trace as TLC prints one: "State n: <Action line>"
// followed by the state's variables.
func FormatTrace(tr []Step) string {
	var b strings.Builder
	for i, s := range tr {
		if i == 0 {
			fmt.Fprintf(&b, "State %d: <Initial predicate>\n", i+1)
		} else {
			fmt.Fprintf(&b, "State %d: <%v>\n", i+1, s.Label)
		}
		b.WriteString(s.Next.String())
		b.WriteString("\n\n")
	}
	return b.String()
}
