package eval

// splitAction builds a next-state Action from compile, which calls
// compileSplit, and records the labels of the sub-actions compiled (the
// caller holds p.mu).
func (p *Program) splitAction(compile func() act) *Action {
	start := len(p.splitLabels)
	a := &Action{p: p, a: compile()}
	a.labels = append([]*Label(nil), p.splitLabels[start:]...)
	p.splitLabels = p.splitLabels[:start]
	return a
}

// Labels lists the sub-actions of a next-state action in the order of the
// spec's text, one entry per place compileSplit reached (an operator used at
// two places of Next appears twice, with equal Text). Every successor the
// action produces carries one of these labels. It is nil for an initial
// predicate.
func (a *Action) Labels() []*Label { return a.labels }
