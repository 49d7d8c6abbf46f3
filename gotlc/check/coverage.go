package check

import (
	"strings"

	"github.com/veralloc/veralloc/gotlc/eval"
)

// ActionCoverage counts what one sub-action of Next did during a search.
// Sub-actions are named as TLC names them (the innermost operator reached
// while splitting Next through \/, \E and definitions); occurrences of one
// operator at several places of Next (Refill(h1) \/ Refill(h2)) share one
// row, as in TLC's coverage report.
type ActionCoverage struct {
	Name     string // the operator's name, e.g. Refill
	Location string // "line L, col C to line L2, col C2 of module M"
	// Enabled is the number of expanded states from which the action had at
	// least one successor; Generated the number of successors it produced
	// (including those outside the constraints and those already seen);
	// Distinct the number of new distinct states it found first.
	Enabled, Generated, Distinct int64
}

// coverage accumulates ActionCoverage rows during a search (single
// goroutine: the merge step).
type coverage struct {
	byLabel map[*eval.Label]int
	byText  map[string]int
	rows    []ActionCoverage
	mark    []int64 // per row: the last expansion that counted it as enabled
	exp     int64
	// initGenerated is the number of initial states generated.
	initGenerated int64
}

// labeled is implemented by compiled actions that list their sub-actions.
type labeled interface{ Labels() []*eval.Label }

func (c *coverage) init(m *Model) {
	c.byLabel = map[*eval.Label]int{}
	c.byText = map[string]int{}
	if m.Next == nil {
		return
	}
	if l, ok := any(m.Next).(labeled); ok {
		for _, lb := range l.Labels() {
			c.row(lb)
		}
	}
}

func (c *coverage) row(l *eval.Label) int {
	if i, ok := c.byLabel[l]; ok {
		return i
	}
	name, text := "Next", "Next"
	if l != nil {
		name, text = l.Name, l.Text
	}
	i, ok := c.byText[text]
	if !ok {
		i = len(c.rows)
		c.rows = append(c.rows, ActionCoverage{Name: name, Location: strings.TrimSpace(strings.TrimPrefix(text, name))})
		c.mark = append(c.mark, 0)
		c.byText[text] = i
	}
	c.byLabel[l] = i
	return i
}

// enabled counts the actions that produced the successors of one state.
func (c *coverage) enabled(succs []succ) {
	c.exp++
	for i := range succs {
		r := c.row(succs[i].label)
		if c.mark[r] != c.exp {
			c.mark[r] = c.exp
			c.rows[r].Enabled++
		}
	}
}

// fired counts one successor produced by the action labelled l.
func (c *coverage) fired(l *eval.Label, distinct bool) {
	r := c.row(l)
	c.rows[r].Generated++
	if distinct {
		c.rows[r].Distinct++
	}
}

func (c *coverage) result(m *Model, st Stats, initStates int64) []ActionCoverage {
	return append([]ActionCoverage(nil), c.rows...)
}

// NeverEnabled lists the actions of cov that were never enabled.
func NeverEnabled(cov []ActionCoverage) []ActionCoverage {
	var out []ActionCoverage
	for _, a := range cov {
		if a.Enabled == 0 {
			out = append(out, a)
		}
	}
	return out
}
