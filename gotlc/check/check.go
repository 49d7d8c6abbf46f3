// Package check is gotlc's explicit-state explorer: breadth-first search
// from the initial states with a 64-bit fingerprint set, checking
// invariants on every distinct state, deadlock, state and action
// constraints, symmetry and view reduction, and the safety part of
// properties ([][A]_v on every step). Error traces are shortest (BFS) and
// are rebuilt from parent fingerprints by re-executing the spec, as TLC
// does.
//
// The search is level-synchronous: successors of a batch of states are
// generated in parallel by the workers, then merged in the order a single
// worker would have produced them. The verdict, the counts and the trace
// are therefore the same for any number of workers.
package check

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Named is an invariant (or constraint) with the name it has in the cfg.
type Named struct {
	Name string
	Pred *eval.Pred
}

// NamedProperty is a PROPERTY of the cfg, decomposed.
type NamedProperty struct {
	Name string
	Prop *eval.Property
}

// Model is what to check.
type Model struct {
	Prog              *eval.Program
	Init              *eval.Action
	Next              *eval.Action
	Invariants        []Named
	Properties        []NamedProperty
	Constraints       []Named
	ActionConstraints []Named
	Symmetry          []value.Perm // nil: no symmetry reduction
	View              *eval.Pred   // nil: fingerprint the whole state
}

// Options tune the search.
type Options struct {
	Workers       int  // goroutines generating successors (>= 1)
	CheckDeadlock bool // report states without successors
	MaxDepth      int  // 0: unbounded; otherwise stop after this many BFS levels
	// Progress, when set, is called about every ProgressEvery with the
	// current counts.
	Progress      func(Stats)
	ProgressEvery time.Duration
}

// Verdict is the outcome of a run.
type Verdict int

const (
	Success Verdict = iota
	InvariantViolated
	PropertyViolated // an action or state part of a PROPERTY
	Deadlock
	EvalError
)

func (v Verdict) String() string {
	return [...]string{"success", "invariant", "property", "deadlock", "error"}[v]
}

// Step is one state of an error trace.
type Step struct {
	State []value.Value
	Label *eval.Label // nil for an initial state
}

// Stats are the running counts, as TLC reports them.
type Stats struct {
	Generated int64 // states generated (initial states and all successors)
	Distinct  int64 // distinct states found
	Left      int64 // states left on the queue
	Depth     int   // BFS depth reached (initial states are depth 1)
}

// Result is the outcome of Check.
type Result struct {
	Verdict Verdict
	Name    string // violated invariant or property
	Stats
	Trace []Step
	Err   error // the evaluation error for EvalError
	// InitStates is the number of distinct initial states.
	InitStates int64
	// Outdegree statistics over expanded states (TLC prints them).
	OutMin, OutMax, OutP95 int
	OutAvg                 int
}

// succ is one generated successor.
type succ struct {
	state []value.Value
	fp    uint64
	label *eval.Label
	seq   int    // the TLC sub-action that produced it
	skip  bool   // filtered out by a constraint
	prop  string // name of a violated action property, "" if none
}

// expansion is the result of generating the successors of one state.
type expansion struct {
	succs  []succ
	err    error
	errSeq int // sub-action during which err happened
	last   *Step
}

type node struct {
	state []value.Value
	fp    uint64
	// outside is set for states that violate a CONSTRAINT or
	// ACTION_CONSTRAINT: TLC counts and checks them but does not expand them.
	outside bool
}

// checker holds the search state.
type checker struct {
	m     *Model
	opt   Options
	seen  map[uint64]uint64 // fingerprint -> parent fingerprint (0 for initial states)
	stats Stats
	outs  []int
	// initStates is the number of distinct initial states (once known).
	initStates int64
	// outParent maps states outside the constraints to their parent (for
	// traces); they are not in seen.
	outParent map[uint64]uint64
}

// Check runs the model checker.
func Check(m *Model, opt Options) *Result {
	if opt.Workers < 1 {
		opt.Workers = 1
	}
	if opt.ProgressEvery == 0 {
		opt.ProgressEvery = 10 * time.Second
	}
	c := &checker{m: m, opt: opt, seen: make(map[uint64]uint64, 1<<16), outParent: map[uint64]uint64{}}
	return c.run()
}

// fingerprint is the state's identity under VIEW and SYMMETRY.
func (c *checker) fingerprint(s []value.Value) (uint64, error) {
	h, err := c.fpRaw(s)
	if err != nil {
		return 0, err
	}
	for _, p := range c.m.Symmetry {
		ps := make([]value.Value, len(s))
		for i, v := range s {
			ps[i] = value.Permute(v, p)
		}
		ph, err := c.fpRaw(ps)
		if err != nil {
			return 0, err
		}
		if ph < h {
			h = ph
		}
	}
	return h, nil
}

func (c *checker) fpRaw(s []value.Value) (uint64, error) {
	var h uint64
	if c.m.View != nil {
		v, err := c.m.View.Value(s, nil)
		if err != nil {
			return 0, err
		}
		h = value.Hash(v)
	} else {
		h = value.HashState(s)
	}
	if h == 0 {
		h = 1
	}
	return h, nil
}

func (c *checker) fail(v Verdict, name string, err error, traceTo uint64, last *Step) *Result {
	r := &Result{Verdict: v, Name: name, Stats: c.stats, Err: err, InitStates: c.initStates}
	if traceTo != 0 || last != nil {
		tr, terr := c.trace(traceTo)
		if terr != nil && r.Err == nil {
			r.Err = terr
		}
		if last != nil {
			tr = append(tr, *last)
		}
		r.Trace = tr
	}
	return r
}

func (c *checker) inModel(s, t []value.Value) (bool, error) {
	for _, k := range c.m.Constraints {
		ok, err := k.Pred.Holds(t, nil)
		if err != nil || !ok {
			return false, err
		}
	}
	if s != nil {
		for _, k := range c.m.ActionConstraints {
			ok, err := k.Pred.Holds(s, t)
			if err != nil || !ok {
				return false, err
			}
		}
	}
	return true, nil
}

// checkState checks the invariants (and []P parts of properties) of s.
func (c *checker) checkState(s []value.Value) (Verdict, string, error) {
	ctx := eval.NewCtx(s, nil)
	for _, inv := range c.m.Invariants {
		ok, err := inv.Pred.HoldsIn(ctx)
		if err != nil {
			return EvalError, inv.Name, err
		}
		if !ok {
			return InvariantViolated, inv.Name, nil
		}
	}
	for _, p := range c.m.Properties {
		for _, a := range p.Prop.Always {
			ok, err := a.Holds(s)
			if err != nil {
				return EvalError, p.Name, err
			}
			if !ok {
				return PropertyViolated, p.Name, nil
			}
		}
	}
	return Success, "", nil
}

func (c *checker) run() *Result {
	// Initial states.
	var inits []node
	var initErr error
	_, err := c.m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		if initErr != nil {
			return
		}
		c.stats.Generated++
		fp, err := c.fingerprint(s)
		if err != nil {
			initErr = err
			return
		}
		if _, ok := c.seen[fp]; ok {
			return
		}
		c.seen[fp] = 0
		c.stats.Distinct++
		inits = append(inits, node{state: s, fp: fp})
	})
	if err == nil {
		err = initErr
	}
	if err != nil {
		return c.fail(EvalError, "", err, 0, nil)
	}
	c.stats.Depth = 1
	c.initStates = c.stats.Distinct
	var frontier []node
	for _, n := range inits {
		v, name, err := c.checkState(n.state)
		if v != Success {
			return c.fail(v, name, err, n.fp, nil)
		}
		for _, p := range c.m.Properties {
			for _, q := range p.Prop.Init {
				ok, err := q.Holds(n.state)
				if err != nil {
					return c.fail(EvalError, p.Name, err, n.fp, nil)
				}
				if !ok {
					return c.fail(PropertyViolated, p.Name, nil, n.fp, nil)
				}
			}
		}
		ok, err := c.inModel(nil, n.state)
		if err != nil {
			return c.fail(EvalError, "", err, n.fp, nil)
		}
		if ok {
			frontier = append(frontier, n)
		}
	}
	initStates := c.stats.Distinct
	c.stats.Left = int64(len(frontier))
	lastProgress := time.Now()
	for len(frontier) > 0 {
		if c.opt.MaxDepth > 0 && c.stats.Depth >= c.opt.MaxDepth {
			break
		}
		var next []node
		const batch = 2048
		level := c.stats.Depth // level of the frontier states
		for lo := 0; lo < len(frontier); lo += batch {
			hi := min(lo+batch, len(frontier))
			exps := c.expand(frontier[lo:hi])
			newStart := len(next)
			type pending struct {
				verdict Verdict
				name    string
				err     error
				parent  uint64
				last    *Step
				stats   Stats
			}
			var stop *pending
			newStats := make([]Stats, 0, 64)
			maxLevel := level
			if len(next) > 0 {
				maxLevel = level + 1
			}
		merge:
			for i, ex := range exps {
				cur := frontier[lo+i]
				c.stats.Left--
				succs := ex.succs
				if ex.err == nil {
					c.outs = append(c.outs, len(succs))
				}
				for j := 0; j < len(succs); j++ {
					s := succs[j]
					c.stats.Generated++
					if s.skip {
						// Outside the CONSTRAINT: TLC checks the invariants of
						// the state but neither counts nor expands it.
						if _, ok := c.seen[s.fp]; !ok {
							c.outParent[s.fp] = cur.fp
							next = append(next, node{s.state, s.fp, true})
							newStats = append(newStats, c.stats)
						}
					} else if _, ok := c.seen[s.fp]; !ok {
						c.seen[s.fp] = cur.fp
						c.stats.Distinct++
						c.stats.Left++
						maxLevel = level + 1
						c.stats.Depth = maxLevel
						next = append(next, node{s.state, s.fp, false})
						newStats = append(newStats, c.stats)
					}
					if s.prop != "" {
						st := c.stats
						stop = &pending{PropertyViolated, s.prop, nil, cur.fp, &Step{s.state, s.label}, st}
						break merge
					}
				}
				if ex.err != nil {
					if ex.last != nil {
						c.stats.Generated++ // TLC counts the incomplete successor
					}
					st := c.stats
					st.Depth = maxLevel
					stop = &pending{EvalError, "", ex.err, cur.fp, ex.last, st}
					break
				}
				if len(ex.succs) == 0 && c.opt.CheckDeadlock {
					st := c.stats
					st.Depth = maxLevel
					stop = &pending{Deadlock, "", nil, cur.fp, nil, st}
					break
				}
			}
			c.stats.Depth = level
			// Invariants of the new states, in parallel; the first violation
			// in merge order wins over a later stop.
			fresh := next[newStart:]
			if idx, v, name, err := c.checkStates(fresh); idx >= 0 {
				c.stats = newStats[idx]
				if fresh[idx].outside {
					c.stats.Depth = level + 1
					return c.fail(v, name, err, c.outParent[fresh[idx].fp], &Step{State: fresh[idx].state, Label: c.labelOf(frontier, fresh[idx].fp)})
				}
				c.stats.Left-- // TLC enqueues a state only after its invariants hold
				return c.fail(v, name, err, fresh[idx].fp, nil)
			}
			if stop != nil {
				c.stats = stop.stats
				return c.fail(stop.verdict, stop.name, stop.err, stop.parent, stop.last)
			}
			if c.opt.Progress != nil && time.Since(lastProgress) >= c.opt.ProgressEvery {
				lastProgress = time.Now()
				st := c.stats
				st.Depth = maxLevel
				c.opt.Progress(st)
			}
		}
		frontier = frontier[:0]
		for _, n := range next {
			if !n.outside {
				frontier = append(frontier, n)
			}
		}
		if len(frontier) > 0 {
			c.stats.Depth++
		}
	}
	r := &Result{Verdict: Success, Stats: c.stats, InitStates: initStates}
	c.outdegree(r)
	return r
}

// depthOf is the BFS level of a state (length of its trace).
func (c *checker) depthOf(fp uint64) int {
	d := 0
	for fp != 0 {
		d++
		fp = c.seen[fp]
	}
	return d
}

func (c *checker) outdegree(r *Result) {
	if len(c.outs) == 0 {
		return
	}
	mn, mx, sum := c.outs[0], c.outs[0], 0
	hist := map[int]int{}
	for _, o := range c.outs {
		mn = min(mn, o)
		mx = max(mx, o)
		sum += o
		hist[o]++
	}
	r.OutMin, r.OutMax = mn, mx
	r.OutAvg = sum / len(c.outs)
	target := (len(c.outs)*95 + 99) / 100
	acc := 0
	for o := mn; o <= mx; o++ {
		acc += hist[o]
		if acc >= target {
			r.OutP95 = o
			break
		}
	}
}

// expand generates the successors of states in parallel.
func (c *checker) expand(states []node) []expansion {
	out := make([]expansion, len(states))
	w := min(c.opt.Workers, len(states))
	if w <= 1 {
		for i := range states {
			out[i] = c.expandOne(states[i].state)
		}
		return out
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	nextIdx := 0
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := nextIdx
				nextIdx += 16
				mu.Unlock()
				if i >= len(states) {
					return
				}
				for j := i; j < min(i+16, len(states)); j++ {
					out[j] = c.expandOne(states[j].state)
				}
			}
		}()
	}
	wg.Wait()
	return out
}

func (c *checker) expandOne(s []value.Value) (ex expansion) {
	defer func() {
		if r := recover(); r != nil {
			ex.err = fmt.Errorf("internal error while generating successors: %v", r)
		}
	}()
	var ferr error
	lastSeq, err := c.m.Next.Run(s, func(t []value.Value, l *eval.Label, seq int) {
		if ferr != nil {
			return
		}
		sc := succ{state: t, label: l, seq: seq}
		ok, err := c.inModel(s, t)
		if err != nil {
			ferr = err
			return
		}
		if !ok {
			sc.skip = true
			if sc.fp, err = c.fingerprint(t); err != nil {
				ferr = err
				return
			}
			ex.succs = append(ex.succs, sc)
			return
		}
		for _, p := range c.m.Properties {
			for _, a := range p.Prop.Actions {
				ok, err := a.Holds(s, t)
				if err != nil {
					ferr = err
					return
				}
				if !ok && sc.prop == "" {
					sc.prop = a.Name
				}
			}
		}
		sc.fp, err = c.fingerprint(t)
		if err != nil {
			ferr = err
			return
		}
		ex.succs = append(ex.succs, sc)
	})
	if err == nil {
		err = ferr
	}
	ex.err = err
	ex.errSeq = lastSeq
	var inc *eval.IncompleteError
	if errors.As(err, &inc) {
		ex.last = &Step{State: inc.Partial, Label: inc.Label}
	}
	return ex
}

// checkStates checks invariants of states in parallel and returns the index
// of the first violating one (-1 if none).
func (c *checker) checkStates(states []node) (int, Verdict, string, error) {
	if len(states) == 0 || (len(c.m.Invariants) == 0 && !c.hasAlways()) {
		return -1, Success, "", nil
	}
	type res struct {
		v    Verdict
		name string
		err  error
	}
	rs := make([]res, len(states))
	w := min(c.opt.Workers, len(states))
	var wg sync.WaitGroup
	chunk := (len(states) + w - 1) / w
	for k := 0; k < w; k++ {
		lo, hi := k*chunk, min((k+1)*chunk, len(states))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				v, n, err := c.checkState(states[i].state)
				rs[i] = res{v, n, err}
			}
		}()
	}
	wg.Wait()
	for i, r := range rs {
		if r.v != Success {
			return i, r.v, r.name, r.err
		}
	}
	return -1, Success, "", nil
}

func (c *checker) hasAlways() bool {
	for _, p := range c.m.Properties {
		if len(p.Prop.Always) > 0 {
			return true
		}
	}
	return false
}

// trace rebuilds the path from an initial state to fp by re-executing the
// spec and matching fingerprints.
func (c *checker) trace(fp uint64) ([]Step, error) {
	if fp == 0 {
		return nil, nil
	}
	var fps []uint64
	for f := fp; f != 0; f = c.seen[f] {
		fps = append(fps, f)
	}
	for i, j := 0, len(fps)-1; i < j; i, j = i+1, j-1 {
		fps[i], fps[j] = fps[j], fps[i]
	}
	var steps []Step
	var found []value.Value
	_, err := c.m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		if found != nil {
			return
		}
		if f, err := c.fingerprint(s); err == nil && f == fps[0] {
			found = s
		}
	})
	if err != nil || found == nil {
		return nil, fmt.Errorf("could not rebuild the error trace (initial state): %v", err)
	}
	steps = append(steps, Step{State: found})
	for _, want := range fps[1:] {
		cur := steps[len(steps)-1].State
		var nxt []value.Value
		var lbl *eval.Label
		_, err := c.m.Next.Run(cur, func(t []value.Value, l *eval.Label, _ int) {
			if nxt != nil {
				return
			}
			if f, err := c.fingerprint(t); err == nil && f == want {
				nxt, lbl = t, l
			}
		})
		if err != nil || nxt == nil {
			return steps, fmt.Errorf("could not rebuild the error trace: %v", err)
		}
		steps = append(steps, Step{State: nxt, Label: lbl})
	}
	return steps, nil
}

// AutoWorkers is the worker count for -workers auto.
func AutoWorkers() int { return runtime.NumCPU() }

// labelOf finds the label of the step from a frontier state to the state
// with fingerprint fp (for states outside the constraints, which are not
// in the seen set).
func (c *checker) labelOf(frontier []node, fp uint64) *eval.Label {
	parent := c.outParent[fp]
	for _, n := range frontier {
		if n.fp != parent {
			continue
		}
		var lbl *eval.Label
		c.m.Next.Run(n.state, func(t []value.Value, l *eval.Label, _ int) {
			if lbl != nil {
				return
			}
			if f, err := c.fingerprint(t); err == nil && f == fp {
				lbl = l
			}
		})
		return lbl
	}
	return nil
}
