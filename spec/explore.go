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
	type node struct {
		st     State
		parent int // index in nodes, -1 for the initial state
		label  Label
	}
	var r ExploreResult
	init := Init(cfg)
	nodes := []node{{init, -1, Label{}}}
	seen := map[string]int{init.Key(): 0}
	r.Generated, r.Distinct, r.Depth = 1, 1, 1
	trace := func(i int) []Step {
		var out []Step
		for ; i >= 0; i = nodes[i].parent {
			out = append(out, Step{nodes[i].label, nodes[i].st})
		}
		for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
			out[a], out[b] = out[b], out[a]
		}
		return out
	}
	check := func(i, depth int) bool {
		if opt.Visit != nil && !opt.Visit(nodes[i].st, depth) {
			return false
		}
		if !opt.NoInvariants {
			if err := nodes[i].st.CheckInvariants(); err != nil {
				r.Violation, r.Trace = err, trace(i)
				return false
			}
		}
		return opt.MaxStates <= 0 || r.Distinct < opt.MaxStates
	}
	if !check(0, 1) {
		return r
	}
	frontier := []int{0}
	for depth := 1; len(frontier) > 0 && (opt.MaxDepth <= 0 || depth < opt.MaxDepth); depth++ {
		var next []int
		for _, i := range frontier {
			for _, s := range nodes[i].st.Successors() {
				r.Generated++
				k := s.Next.Key()
				if _, ok := seen[k]; ok {
					continue
				}
				j := len(nodes)
				seen[k] = j
				nodes = append(nodes, node{s.Next, i, s.Label})
				r.Distinct++
				r.Depth = depth + 1
				next = append(next, j)
				if !check(j, depth+1) {
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
