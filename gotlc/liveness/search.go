package liveness

import (
	"slices"
)

// product is the graph of pairs (state, tableau node) reachable from the
// initial states of a branch (Specifying Systems, sec. 14.3.2): (s, n) ->
// (t, m) when s -> t is a step (or the stuttering step) and m is a
// successor of n whose literals hold in t.
type product struct {
	st, tn []int32
	off    []int64 // edges of node u: to[off[u]:off[u+1]]
	to     []int32
	step   []int64 // the behaviour graph's step of each edge
	src    []int32 // the node each edge leaves
	depth  []int32
	parent []int32 // BFS tree, for the shortest prefix (-1 at the roots)
}

// trivial is the tableau of a branch without one: one node, no literals,
// its own successor.
var trivial = &tableau{nodes: []*tnode{{succ: []int{0}}}, init: []int{0}}

func (g *Graph) product(b *branch, tab *tableau) *product {
	p := &product{off: []int64{0}}
	index := map[int64]int32{}
	get := func(s int32, n int, depth, parent int32) int32 {
		k := int64(s)<<20 | int64(n)
		if u, ok := index[k]; ok {
			return u
		}
		u := int32(len(p.st))
		index[k] = u
		p.st = append(p.st, s)
		p.tn = append(p.tn, int32(n))
		p.depth = append(p.depth, depth)
		p.parent = append(p.parent, parent)
		return u
	}
	for _, s := range g.inits {
		sb := g.stateBits(s)
		ok := true
		for _, f := range b.init {
			if !f.eval(sb, nil, g.pos) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		for _, n := range tab.init {
			if tab.nodes[n].holds(sb, g.pos) {
				get(s, n, 0, -1)
			}
		}
	}
	for u := int32(0); int(u) < len(p.st); u++ {
		s, n := p.st[u], tab.nodes[p.tn[u]]
		for k := g.off[s]; k < g.off[s+1]; k++ {
			t := g.to[k]
			for _, m := range n.succ {
				if !tab.nodes[m].holds(g.stateBits(t), g.pos) {
					continue
				}
				v := get(t, m, p.depth[u]+1, u)
				p.to = append(p.to, v)
				p.step = append(p.step, k)
				p.src = append(p.src, u)
			}
		}
		p.off = append(p.off, int64(len(p.to)))
	}
	return p
}

// search finds a strongly connected component of the product that a
// behaviour can stay in forever while satisfying the branch: every
// promise of the tableau fulfilled and every []<>X met by some node or
// step in it, every step in it satisfying the <>[]X conditions, and for
// each Streett condition []<>X => []<>Y either no X step or some Y step
// (if an SCC has X steps but no Y step, the X steps are removed and the
// SCC is split again). It returns the nodes of the component reached
// first by the search (least depth) and the conditions whose steps were
// removed, or nil.
type search struct {
	g   *Graph
	p   *product
	b   *branch
	tab *tableau
	// found is the best component so far.
	found        []int32
	foundRemoved []int
	foundDepth   int32
	// Tarjan's state, indexed by product node.
	index, low []int32
	onStack    []bool
	in         []int32 // in[u] == mark: u belongs to the current subproblem
	mark       int32
}

func (g *Graph) search(b *branch, tab *tableau, p *product) *search {
	n := len(p.st)
	s := &search{g: g, p: p, b: b, tab: tab, foundDepth: -1,
		index: make([]int32, n), low: make([]int32, n), onStack: make([]bool, n), in: make([]int32, n)}
	all := make([]int32, n)
	for i := range all {
		all[i] = int32(i)
	}
	s.solve(all, nil)
	return s
}

// allowed reports whether edge e may be used inside a component: it
// satisfies the <>[]X conditions and none of the removed Streett
// triggers.
func (s *search) allowed(e int64, removed []int) bool {
	sb, eb := s.bits(e)
	for _, f := range s.b.ea {
		if !f.eval(sb, eb, s.g.pos) {
			return false
		}
	}
	for _, i := range removed {
		if s.b.streett[i].x.eval(sb, eb, s.g.pos) {
			return false
		}
	}
	return true
}

// bits are the source state's atom bits and the step's action bits of
// product edge e.
func (s *search) bits(e int64) (bits, bits) {
	return s.g.stateBits(s.p.st[s.p.src[e]]), s.g.stepBits(s.p.step[e])
}

func (s *search) solve(nodes []int32, removed []int) {
	s.mark++
	mark := s.mark
	for _, u := range nodes {
		s.in[u] = mark
		s.index[u] = -1
	}
	for _, c := range s.tarjan(nodes, mark, removed) {
		s.component(c, removed)
	}
}

// component checks one SCC.
func (s *search) component(c []int32, removed []int) {
	mark := s.mark + 1
	s.mark = mark
	for _, u := range c {
		s.in[u] = mark
	}
	inside := func(yield func(e int64) bool) {
		for _, u := range c {
			for e := s.p.off[u]; e < s.p.off[u+1]; e++ {
				if s.in[s.p.to[e]] == mark && s.allowed(e, removed) {
					if !yield(e) {
						return
					}
				}
			}
		}
	}
	some := func(f *form) bool {
		for e := range inside {
			sb, eb := s.bits(e)
			if f.eval(sb, eb, s.g.pos) {
				return true
			}
		}
		return false
	}
	any := false
	for range inside {
		any = true
		break
	}
	if !any {
		return // a single node without a loop that may be used
	}
	for i, t := range s.b.streett {
		if slices.Contains(removed, i) {
			continue
		}
		if some(t.x) && !some(t.y) {
			sub := append(slices.Clone(removed), i)
			s.solve(c, sub)
			return
		}
	}
	for _, f := range s.b.ae {
		if !some(f) {
			return
		}
	}
	for i := range s.tab.promises {
		ok := false
		for _, u := range c {
			if s.tab.nodes[s.p.tn[u]].accept[i] {
				ok = true
				break
			}
		}
		if !ok {
			return
		}
	}
	d := s.p.depth[c[0]]
	for _, u := range c {
		d = min(d, s.p.depth[u])
	}
	if s.found == nil || d < s.foundDepth {
		s.found, s.foundRemoved, s.foundDepth = slices.Clone(c), slices.Clone(removed), d
	}
}

// tarjan returns the SCCs of the subgraph of nodes (in[u] == mark) with
// the allowed edges, iteratively.
func (s *search) tarjan(nodes []int32, mark int32, removed []int) [][]int32 {
	var out [][]int32
	var stack []int32
	type frame struct {
		u int32
		e int64
	}
	var call []frame
	next := int32(0)
	for _, root := range nodes {
		if s.index[root] >= 0 {
			continue
		}
		call = append(call, frame{root, s.p.off[root]})
		s.index[root], s.low[root] = next, next
		next++
		stack = append(stack, root)
		s.onStack[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			u := f.u
			if f.e < s.p.off[u+1] {
				e := f.e
				f.e++
				v := s.p.to[e]
				if s.in[v] != mark || !s.allowed(e, removed) {
					continue
				}
				if s.index[v] < 0 {
					s.index[v], s.low[v] = next, next
					next++
					stack = append(stack, v)
					s.onStack[v] = true
					call = append(call, frame{v, s.p.off[v]})
				} else if s.onStack[v] {
					s.low[u] = min(s.low[u], s.index[v])
				}
				continue
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				w := call[len(call)-1].u
				s.low[w] = min(s.low[w], s.low[u])
			}
			if s.low[u] == s.index[u] {
				var c []int32
				for {
					v := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					s.onStack[v] = false
					c = append(c, v)
					if v == u {
						break
					}
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// lasso builds the counterexample through the component found: the
// shortest path from an initial node to the component, then a cycle in
// it that meets every condition, back to where it entered. It returns
// product nodes: prefix ends with the cycle's first node, cycle ends with
// it again.
func (s *search) lasso() (prefix, cycle []int32) {
	c := s.found
	mark := s.mark + 1
	s.mark = mark
	for _, u := range c {
		s.in[u] = mark
	}
	entry := c[0]
	for _, u := range c {
		if s.p.depth[u] < s.p.depth[entry] || (s.p.depth[u] == s.p.depth[entry] && u < entry) {
			entry = u
		}
	}
	for u := entry; u >= 0; u = s.p.parent[u] {
		prefix = append(prefix, u)
	}
	slices.Reverse(prefix)
	removed := s.foundRemoved
	// The cycle must take a step for each []<>X (and for the response of
	// each Streett condition whose trigger occurs in the component) and
	// pass a node fulfilling each promise. It is built greedily: from
	// where it is, a shortest path to the nearest step or node meeting a
	// condition not met yet, until all are met, then back to the entry.
	conds := slices.Clone(s.b.ae)
	for i, t := range s.b.streett {
		if slices.Contains(removed, i) {
			continue
		}
		for _, u := range c {
			for e := s.p.off[u]; e < s.p.off[u+1]; e++ {
				if s.in[s.p.to[e]] == mark && s.allowed(e, removed) {
					if sb, eb := s.bits(e); t.y.eval(sb, eb, s.g.pos) {
						conds = append(conds, t.y)
						goto next
					}
				}
			}
		}
	next:
	}
	condMet := make([]bool, len(conds))
	promMet := make([]bool, len(s.tab.promises))
	meetsEdge := func(e int64, mark bool) bool {
		sb, eb := s.bits(e)
		hit := false
		for i, f := range conds {
			if !condMet[i] && f.eval(sb, eb, s.g.pos) {
				hit = true
				condMet[i] = condMet[i] || mark
			}
		}
		return hit
	}
	meetsNode := func(u int32, mark bool) bool {
		hit := false
		for i := range s.tab.promises {
			if !promMet[i] && s.tab.nodes[s.p.tn[u]].accept[i] {
				hit = true
				promMet[i] = promMet[i] || mark
			}
		}
		return hit
	}
	// walk takes the shortest path from cur to an edge meeting goalEdge
	// or into a node meeting goalNode, appending its nodes to the cycle
	// and marking the conditions its steps and nodes meet.
	cur := entry
	walk := func(goalEdge func(e int64) bool, goalNode func(u int32) bool) bool {
		prev := map[int32]int64{cur: -1}
		queue := []int32{cur}
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			for e := s.p.off[u]; e < s.p.off[u+1]; e++ {
				v := s.p.to[e]
				if s.in[v] != mark || !s.allowed(e, removed) {
					continue
				}
				if goalEdge(e) || goalNode(v) {
					edges := []int64{e}
					for w := u; w != cur; {
						pe := prev[w]
						edges = append(edges, pe)
						w = s.p.src[pe]
					}
					slices.Reverse(edges)
					for _, x := range edges {
						meetsEdge(x, true)
						meetsNode(s.p.to[x], true)
						cycle = append(cycle, s.p.to[x])
					}
					cur = s.p.to[edges[len(edges)-1]]
					return true
				}
				if _, ok := prev[v]; !ok {
					prev[v] = e
					queue = append(queue, v)
				}
			}
		}
		return false
	}
	meetsNode(entry, true)
	for !(allTrue(condMet) && allTrue(promMet)) {
		if !walk(func(e int64) bool { return meetsEdge(e, false) }, func(u int32) bool { return meetsNode(u, false) }) {
			break // cannot happen in an accepting component
		}
	}
	if cur != entry || len(cycle) == 0 {
		walk(func(int64) bool { return false }, func(u int32) bool { return u == entry })
	}
	return prefix, cycle
}

func allTrue(bs []bool) bool {
	for _, b := range bs {
		if !b {
			return false
		}
	}
	return true
}
