package liveness

import (
	"slices"
	"strings"
)

// tableau is a generalized Büchi automaton for a temporal formula over
// state predicates ([], <>, /\, \/ and negated atoms), built from the
// formula's expansion rules (Specifying Systems, sec. 14.3.2, and the
// tableau literature): a node is what must hold now (literals) and what
// must hold from the next state on (next); []F expands to F now and []F
// next, <>F to F now or <>F next. A behaviour satisfies the formula iff
// it has a run through the nodes, starting at an initial node, whose
// literals hold in each state and which, for every <>F, infinitely often
// passes a node that does not postpone <>F.
type tableau struct {
	nodes    []*tnode
	init     []int
	promises []string // keys of the <>F subformulas
	byKey    map[string]int
	bySet    map[string][]int // successors of a next set
}

type tnode struct {
	lits []lit
	next []*form
	succ []int // the nodes that may follow this one
	// accept[i]: the node does not postpone promise i.
	accept []bool
}

type lit struct {
	atom int // Atom.Index
	neg  bool
}

func newTableau(f *form) *tableau {
	t := &tableau{byKey: map[string]int{}, bySet: map[string][]int{}}
	var collect func(f *form)
	seen := map[string]bool{}
	collect = func(f *form) {
		if seen[f.key] {
			return
		}
		seen[f.key] = true
		if f.k == fEventually {
			t.promises = append(t.promises, f.key)
		}
		for _, a := range f.args {
			collect(a)
		}
	}
	collect(f)
	t.init = t.expandSet([]*form{f})
	// Build every reachable node's successors.
	for i := 0; i < len(t.nodes); i++ {
		n := t.nodes[i]
		n.succ = t.expandSet(n.next)
	}
	return t
}

// expandSet returns the nodes of the alternatives of the conjunction fs.
func (t *tableau) expandSet(fs []*form) []int {
	k := setKey(fs)
	if ns, ok := t.bySet[k]; ok {
		return ns
	}
	var out []int
	t.expand(fs, map[string]bool{}, map[int]bool{}, map[string]*form{}, &out)
	slices.Sort(out)
	out = slices.Compact(out)
	t.bySet[k] = out
	return out
}

func setKey(fs []*form) string {
	ks := make([]string, len(fs))
	for i, f := range fs {
		ks[i] = f.key
	}
	slices.Sort(ks)
	ks = slices.Compact(ks)
	return strings.Join(ks, ";")
}

// expand processes the formulas todo; lits maps atoms to their sign,
// next collects the obligations for the next state.
func (t *tableau) expand(todo []*form, done map[string]bool, lits map[int]bool, next map[string]*form, out *[]int) {
	for len(todo) > 0 {
		f := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if done[f.key] {
			continue
		}
		done[f.key] = true
		switch f.k {
		case fAtom:
			if neg, ok := lits[f.atom.Index]; ok && neg != f.neg {
				return // contradiction
			}
			lits[f.atom.Index] = f.neg
		case fAnd:
			todo = append(todo, f.args...)
		case fAlways:
			todo = append(todo, f.args[0])
			next[f.key] = f
		case fOr, fEventually:
			alts := f.args
			if f.k == fEventually {
				alts = []*form{f.args[0], nil} // nil: postpone
			}
			for _, a := range alts {
				d2, l2, n2 := cloneMaps(done, lits, next)
				t2 := slices.Clone(todo)
				if a == nil {
					n2[f.key] = f
				} else {
					t2 = append(t2, a)
				}
				t.expand(t2, d2, l2, n2, out)
			}
			return
		}
	}
	*out = append(*out, t.node(lits, next))
}

func cloneMaps(done map[string]bool, lits map[int]bool, next map[string]*form) (map[string]bool, map[int]bool, map[string]*form) {
	d := make(map[string]bool, len(done))
	for k, v := range done {
		d[k] = v
	}
	l := make(map[int]bool, len(lits))
	for k, v := range lits {
		l[k] = v
	}
	n := make(map[string]*form, len(next))
	for k, v := range next {
		n[k] = v
	}
	return d, l, n
}

// node returns the index of the node with these literals and obligations.
func (t *tableau) node(lits map[int]bool, next map[string]*form) int {
	n := &tnode{}
	for a, neg := range lits {
		n.lits = append(n.lits, lit{a, neg})
	}
	slices.SortFunc(n.lits, func(x, y lit) int { return x.atom - y.atom })
	for _, f := range next {
		n.next = append(n.next, f)
	}
	slices.SortFunc(n.next, func(x, y *form) int { return strings.Compare(x.key, y.key) })
	var b strings.Builder
	for _, l := range n.lits {
		if l.neg {
			b.WriteByte('~')
		}
		b.WriteString(itoa(l.atom))
		b.WriteByte(',')
	}
	b.WriteByte('|')
	b.WriteString(setKey(n.next))
	k := b.String()
	if i, ok := t.byKey[k]; ok {
		return i
	}
	n.accept = make([]bool, len(t.promises))
	for i, p := range t.promises {
		_, postponed := next[p]
		n.accept[i] = !postponed
	}
	t.byKey[k] = len(t.nodes)
	t.nodes = append(t.nodes, n)
	return len(t.nodes) - 1
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var buf [20]byte
	p := len(buf)
	for i > 0 {
		p--
		buf[p] = byte('0' + i%10)
		i /= 10
	}
	return string(buf[p:])
}

// holds reports whether the node's literals hold in a state with atom
// bits sb.
func (n *tnode) holds(sb bits, pos []uint) bool {
	for _, l := range n.lits {
		if sb.has(pos[l.atom]) == l.neg {
			return false
		}
	}
	return true
}
