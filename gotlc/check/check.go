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
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
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
	Live *eval.Temporal // the conjuncts for the liveness checker (nil if none)
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
	Symmetry          []value.Perm // nil: no symmetry reduction (see symmetry.go)
	SymmetryWarning   string       // why a SYMMETRY given in the cfg is not used
	orbitCache        atomic.Pointer[orbitFor]
	View              *eval.Pred // nil: fingerprint the whole state
	// Postcondition is the cfg's POSTCONDITION (nil if none): a constant
	// predicate evaluated once the search is over (run.Model), where
	// TLCGet("stats") reports the search's counts.
	Postcondition *Postcondition
	// Fairness is the temporal part of the SPECIFICATION besides
	// [][Next]_v (nil if none); Graph, when set, records the behaviour
	// graph for the liveness checker (live.go).
	Fairness *eval.Temporal
	Temporal *eval.TemporalSet // the atoms of Fairness and of the properties' Live
	Graph    Graph
}

// Options tune the search.
type Options struct {
	Workers       int  // goroutines generating successors (>= 1)
	CheckDeadlock bool // report states without successors
	MaxDepth      int  // 0: unbounded; otherwise stop after this many BFS levels
	// Cancel, when closed, stops the search between two batches of states;
	// the Result is then an EvalError whose Err is ErrCanceled.
	Cancel <-chan struct{}
	// Progress, when set, is called about every ProgressEvery with the
	// current counts, also while the initial states are being computed
	// (then Stats.Init is set). It is called from another goroutine, never
	// after Check has returned.
	Progress      func(Stats)
	ProgressEvery time.Duration
	// QueueMem bounds the memory (bytes, estimated) taken by the states
	// waiting in the BFS queue; states beyond it go to a temporary file in
	// TempDir. 0 means DefaultQueueMem; < 0 means no limit.
	QueueMem int64
	// TempDir is where the queue's and the trace's files go ("": the
	// system's temporary directory).
	TempDir string
}

// DefaultQueueMem is the default bound on the memory of the BFS queue.
const DefaultQueueMem = 1 << 30

// Verdict is the outcome of a run.
type Verdict int

const (
	Success Verdict = iota
	InvariantViolated
	PropertyViolated // an action or state part of a PROPERTY
	Deadlock
	EvalError
	// TemporalViolated: a temporal property is violated by a finite
	// behaviour whatever follows it, found during the search (see
	// TemporalViolation); TLC reports it with exit code 12.
	TemporalViolated
)

// ErrCanceled is the error of a search stopped by Options.Cancel.
var ErrCanceled = errors.New("the search was canceled before it completed")

func (v Verdict) String() string {
	return [...]string{"success", "invariant", "property", "deadlock", "error", "temporal"}[v]
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
	Init      bool  // still computing the initial states (Progress only)
}

// Result is the outcome of Check.
type Result struct {
	Verdict Verdict
	Name    string // violated invariant or property
	Stats
	Trace []Step
	Err   error // the evaluation error for EvalError
	// InitStates is the number of distinct initial states; InitGenerated
	// counts them with duplicates.
	InitStates    int64
	InitGenerated int64
	// Outdegree statistics over expanded states (TLC prints them).
	OutMin, OutMax, OutP95 int
	OutAvg                 int
	// Coverage counts, per sub-action of Next (see coverage.go).
	Coverage []ActionCoverage
	// Memory: bytes of the fingerprint set, states written to the queue's
	// spill files.
	FPSetBytes    int64
	SpilledStates int64
	// ErrState is, for an EvalError raised while the successors of a
	// state were generated, checked or labelled for the liveness graph,
	// that state, and ErrLevel its breadth-first level: Retrace expands
	// it again. Nil for an error in the initial states or an invariant.
	ErrState []value.Value
	ErrLevel int
}

// succ is one generated successor.
type succ struct {
	state []value.Value
	fp    uint64
	label *eval.Label
	seq   int    // the TLC sub-action that produced it
	skip  bool   // filtered out by a constraint
	prop  string // name of a violated action property, "" if none
	// printEnd is how much of the expansion's prints had been printed
	// when this successor was generated (prints.go).
	printEnd int
}

// expansion is the result of generating the successors of one state.
type expansion struct {
	succs  []succ
	err    error
	errSeq int // sub-action during which err happened
	last   *Step
	// lastFP is last's fingerprint when the error came after it was
	// computed (an action property that could not be evaluated: TLC has
	// recorded the state by then); 0 otherwise.
	lastFP uint64
	// errCounted: the successor whose check failed is counted as
	// generated though it is not in the trace (a VIEW that could not be
	// evaluated).
	errCounted bool
	live       any // the Graph's label of the state (live.go)
	// hidden: states TLC counts as generated that are no successors (the
	// intermediate states of A \cdot B).
	hidden int
	// prints is what Print and PrintT printed while the successors were
	// generated (prints.go).
	prints []byte
}

type node struct {
	state []value.Value
	fp    uint64
	// idx is the state's index in the trace log; for a state outside the
	// model, the index of its parent.
	idx int64
	// outside is set for states that violate a CONSTRAINT or
	// ACTION_CONSTRAINT: TLC counts and checks them but does not expand them.
	outside bool
	// enc is the encoded state of a node popped from the queue and not yet
	// decoded (state is nil then).
	enc []byte
	// rec is the whole encoded node, made in parallel before it is pushed.
	rec []byte
}

// checker holds the search state. Per distinct state it keeps only a
// fingerprint in seen (10.7 to 16 bytes) and a 16-byte record in the trace
// log, which lives in a temporary file; the states themselves are kept only
// while they wait in the queue.
type checker struct {
	core  // the model and the checks every search mode shares (core.go)
	opt   Options
	seen  *fpSet
	log   traceLog
	qm    *queueMem
	stats Stats
	// outHist[d] counts the expanded states with d successors.
	outHist []int64
	// initStates is the number of distinct initial states (once known);
	// initGenerated counts them with duplicates.
	initStates    int64
	initGenerated int64
	cov           coverage
	prog          progress
	// tail is appended to the next failure's trace (the steps of a
	// TemporalViolation).
	tail []Step
	// errState and errLevel are the state whose expansion failed and its
	// level (Result.ErrState), set by the merge.
	errState []value.Value
	errLevel int
	// succHint is a running average of the number of successors of a
	// state (at most maxSuccHint), the capacity expandOne starts with;
	// the workers read and update it without ordering (only a hint).
	succHint atomic.Int64
}

const maxSuccHint = 256

// Check runs the model checker.
func Check(m *Model, opt Options) *Result {
	if opt.Workers < 1 {
		opt.Workers = 1
	}
	if opt.ProgressEvery == 0 {
		opt.ProgressEvery = 10 * time.Second
	}
	if opt.QueueMem == 0 {
		opt.QueueMem = DefaultQueueMem
	}
	c := &checker{core: core{m}, opt: opt, seen: newFPSet(0)}
	c.log.dir = opt.TempDir
	c.qm = &queueMem{limit: opt.QueueMem, dir: opt.TempDir, dict: newValueDict()}
	c.cov.init(m)
	stop := c.prog.start(opt.Progress, opt.ProgressEvery)
	defer c.log.Close()
	r := c.run()
	stop()
	r.Coverage = c.cov.result(m, c.stats, r.InitStates)
	r.FPSetBytes = c.seen.Bytes()
	r.SpilledStates = c.qm.spilled
	return r
}

// fail builds the result of a failed search; the trace leads to the state
// with index traceTo (noParent: none), followed by last if not nil.
func (c *checker) fail(v Verdict, name string, err error, traceTo int64, last *Step) *Result {
	r := &Result{Verdict: v, Name: name, Stats: c.stats, Err: err, InitStates: c.initStates, InitGenerated: c.initGenerated}
	if v == EvalError && name == "" {
		r.ErrState, r.ErrLevel = c.errState, c.errLevel
	}
	if traceTo != noParent || last != nil {
		tr, terr := c.trace(traceTo)
		if terr != nil && r.Err == nil {
			r.Err = terr
		}
		if last != nil {
			tr = append(tr, *last)
		}
		r.Trace = append(tr, c.tail...)
	}
	return r
}

// canceled reports whether Options.Cancel is closed.
func (c *checker) canceled() bool {
	select {
	case <-c.opt.Cancel:
		return true
	default:
		return false
	}
}

func (c *checker) run() *Result {
	// Initial states.
	var inits []node
	var initErr error
	// As TLC, each new initial state is checked as soon as it is found
	// (so Print/PrintT output of the initial predicate and of the
	// invariants interleaves as TLC's); the first failure ends the work.
	var initFail *struct {
		v    Verdict
		name string
		err  error
		idx  int64
	}
	check := func(n node) {
		if v, name, err := c.checkInit(n.state); v != Success {
			initFail = &struct {
				v    Verdict
				name string
				err  error
				idx  int64
			}{v, name, err, n.idx}
		}
	}
	c.prog.set(c.stats, true)
	_, err := c.m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		if initErr != nil || initFail != nil {
			return
		}
		c.stats.Generated++
		fp, err := c.fingerprintAt(s, 1)
		if err != nil {
			initErr = err
			return
		}
		in, err := c.inModelAt(nil, s, 0)
		if err != nil {
			initErr = err
			return
		}
		if !in {
			// Outside the CONSTRAINT: as for a successor, TLC checks the
			// invariants of the state but neither counts nor expands it.
			if c.seen.Contains(fp) {
				return
			}
			idx, err := c.log.Append(fp, noParent)
			if err != nil {
				initErr = err
				return
			}
			inits = append(inits, node{state: s, fp: fp, idx: idx, outside: true})
			check(inits[len(inits)-1])
			return
		}
		if !c.seen.Insert(fp) {
			c.prog.set(c.stats, true)
			return
		}
		idx, err := c.log.Append(fp, noParent)
		if err != nil {
			initErr = err
			return
		}
		c.stats.Distinct++
		c.prog.set(c.stats, true)
		inits = append(inits, node{state: s, fp: fp, idx: idx})
		check(inits[len(inits)-1])
	})
	if err == nil {
		err = initErr
	}
	if err != nil {
		return c.fail(EvalError, "", err, noParent, nil)
	}
	if initFail != nil {
		return c.fail(initFail.v, initFail.name, initFail.err, initFail.idx, nil)
	}
	if c.stats.Distinct > 0 {
		c.stats.Depth = 1 // TLC reports depth 0 for a model without states
	}
	c.initStates = c.stats.Distinct
	c.initGenerated = c.stats.Generated
	c.cov.initGenerated = c.stats.Generated
	cur := newStateQueue(c.qm)
	defer func() { cur.Close() }()
	for _, n := range inits {
		if !n.outside {
			if c.m.Graph != nil {
				c.m.Graph.Initial(n.fp)
			}
			if err := cur.Push(n); err != nil {
				return c.fail(EvalError, "", err, noParent, nil)
			}
		}
	}
	inits = nil
	initStates := c.stats.Distinct
	c.stats.Left = cur.Len()
	c.prog.set(c.stats, false)
	var fresh []node
	var freshAt []printPos // where each fresh state was found (prints.go)
	var inflight *asyncExpansion
	defer func() {
		if inflight != nil {
			<-inflight.done // a batch expanded ahead when the search stopped
		}
	}()
	for cur.Len() > 0 {
		if c.opt.MaxDepth > 0 && c.stats.Depth >= c.opt.MaxDepth {
			break
		}
		next := newStateQueue(c.qm)
		nextAny := false // some state was found for the next level
		const batchSize = 2048
		level := c.stats.Depth // level of the frontier states
		for cur.Len() > 0 || inflight != nil {
			if c.canceled() {
				next.Close()
				return c.fail(EvalError, "", ErrCanceled, noParent, nil)
			}
			// The successors of the next batch of this level are generated
			// while this batch is merged and its new states checked: the
			// merge, which must be sequential, overlaps parallel work.
			if inflight == nil {
				b, err := cur.Pop(make([]node, 0, batchSize), batchSize)
				if err != nil {
					next.Close()
					return c.fail(EvalError, "", err, noParent, nil)
				}
				inflight = c.expandAsync(b, level)
			}
			<-inflight.done
			batch, exps := inflight.batch, inflight.exps
			inflight = nil
			if cur.Len() > 0 {
				b, err := cur.Pop(make([]node, 0, batchSize), batchSize)
				if err != nil {
					next.Close()
					return c.fail(EvalError, "", err, noParent, nil)
				}
				inflight = c.expandAsync(b, level)
			}
			type pending struct {
				verdict Verdict
				name    string
				err     error
				parent  int64
				last    *Step
				stats   Stats
			}
			var stop *pending
			fresh = fresh[:0]
			freshAt = freshAt[:0]
			printEnd := printPos{len(exps) - 1, len(lastPrints(exps))}
			newStats := make([]Stats, 0, 64)
			maxLevel := level
			if nextAny {
				maxLevel = level + 1
			}
		merge:
			for i, ex := range exps {
				cur := batch[i]
				c.stats.Left--
				c.stats.Generated += int64(ex.hidden)
				succs := ex.succs
				if ex.err == nil {
					c.outdeg(ex.succs)
				}
				c.cov.enabled(succs)
				for j := 0; j < len(succs); j++ {
					s := succs[j]
					c.stats.Generated++
					if s.skip {
						// Outside the CONSTRAINT: TLC checks the invariants of
						// the state but neither counts nor expands it.
						c.cov.fired(s.label, false)
						if !c.seen.Contains(s.fp) {
							fresh = append(fresh, node{state: s.state, fp: s.fp, idx: cur.idx, outside: true})
							freshAt = append(freshAt, printPos{i, s.printEnd})
							newStats = append(newStats, c.stats)
						}
					} else if c.seen.Insert(s.fp) {
						c.cov.fired(s.label, true)
						idx, err := c.log.Append(s.fp, cur.idx)
						if err != nil {
							stop = &pending{EvalError, "", err, noParent, nil, c.stats}
							printEnd = printPos{i, s.printEnd}
							break merge
						}
						c.stats.Distinct++
						c.stats.Left++
						maxLevel = level + 1
						c.stats.Depth = maxLevel
						fresh = append(fresh, node{state: s.state, fp: s.fp, idx: idx})
						freshAt = append(freshAt, printPos{i, s.printEnd})
						newStats = append(newStats, c.stats)
					} else {
						c.cov.fired(s.label, false)
					}
					if s.prop != "" {
						st := c.stats
						if !s.skip && len(fresh) > 0 && fresh[len(fresh)-1].fp == s.fp {
							st.Left-- // the violating state is not enqueued
						}
						stop = &pending{PropertyViolated, s.prop, nil, cur.idx, &Step{s.state, s.label}, st}
						printEnd = printPos{i, s.printEnd}
						break merge
					}
				}
				if ex.err != nil {
					if ex.last != nil || ex.errCounted {
						c.stats.Generated++ // TLC counts the incomplete successor
					}
					if ex.lastFP != 0 && c.seen.Insert(ex.lastFP) {
						c.stats.Distinct++
						maxLevel = level + 1
					}
					st := c.stats
					st.Depth = maxLevel
					stop = &pending{EvalError, "", ex.err, cur.idx, ex.last, st}
					c.errState, c.errLevel = cur.state, level
					printEnd = printPos{i, len(ex.prints)}
					break
				}
				if c.m.Graph != nil && ex.err == nil {
					if err := c.graphAdd(cur, &ex); err != nil {
						st := c.stats
						st.Depth = maxLevel
						var tv *TemporalViolation
						if errors.As(err, &tv) {
							c.tail = c.temporalSteps(cur.state, tv.Path)
							stop = &pending{TemporalViolated, "", nil, cur.idx, nil, st}
							printEnd = printPos{i, len(ex.prints)}
							break
						}
						stop = &pending{EvalError, "", err, noParent, nil, st}
						printEnd = printPos{i, len(ex.prints)}
						break
					}
				}
				if len(ex.succs) == 0 && c.opt.CheckDeadlock {
					st := c.stats
					st.Depth = maxLevel
					stop = &pending{Deadlock, "", nil, cur.idx, nil, st}
					printEnd = printPos{i, len(ex.prints)}
					break
				}
			}
			c.stats.Depth = level
			// Invariants of the new states, in parallel; the first violation
			// in merge order wins over a later stop.
			idx, invOut, v, name, err := c.checkStates(fresh, level+1)
			c.writePrints(exps, freshAt, invOut, printEnd, idx)
			if idx >= 0 {
				next.Close()
				c.stats = newStats[idx]
				if fresh[idx].outside {
					c.stats.Depth = level + 1
					return c.failOutside(v, name, err, fresh[idx])
				}
				c.stats.Left-- // TLC enqueues a state only after its invariants hold
				return c.fail(v, name, err, fresh[idx].idx, nil)
			}
			if stop != nil {
				next.Close()
				c.stats = stop.stats
				return c.fail(stop.verdict, stop.name, stop.err, stop.parent, stop.last)
			}
			for _, n := range fresh {
				if n.outside {
					continue
				}
				if err := next.Push(n); err != nil {
					next.Close()
					return c.fail(EvalError, "", err, noParent, nil)
				}
			}
			if len(fresh) > 0 {
				nextAny = true
			}
			clear(fresh)
			clear(batch)
			st := c.stats
			st.Depth = maxLevel
			c.prog.set(st, false)
		}
		cur.Close()
		cur = next
		if cur.Len() > 0 {
			c.stats.Depth++
		}
	}
	r := &Result{Verdict: Success, Stats: c.stats, InitStates: initStates, InitGenerated: c.initGenerated}
	c.outdegree(r)
	return r
}

// failOutside reports a violation by a state outside the constraints
// (which has no index of its own): the trace leads to its parent, and the
// last step is found again by running Next from there.
func (c *checker) failOutside(v Verdict, name string, err error, n node) *Result {
	r := &Result{Verdict: v, Name: name, Stats: c.stats, Err: err, InitStates: c.initStates, InitGenerated: c.initGenerated}
	tr, terr := c.trace(n.idx)
	if terr != nil && r.Err == nil {
		r.Err = terr
	}
	var lbl *eval.Label
	if len(tr) > 0 {
		c.m.Next.Quiet().RunNamedAt(tr[len(tr)-1].State, len(tr), func(t []value.Value, l *eval.Label, _ int) {
			if lbl != nil {
				return
			}
			if f, err := c.fingerprintAt(t, len(tr)+1); err == nil && f == n.fp {
				lbl = l
			}
		})
	}
	r.Trace = append(tr, Step{State: n.state, Label: lbl})
	return r
}

// outdeg counts, as TLC's outdegree statistics do, the successors of one
// state that were not seen before (before the merge of this state: new
// in-model states, each counted once).
func (c *checker) outdeg(succs []succ) {
	d := 0
	for i := range succs {
		if !succs[i].skip && !c.seen.Contains(succs[i].fp) && !dupBefore(succs[:i], succs[i].fp) {
			d++
		}
	}
	for len(c.outHist) <= d {
		c.outHist = append(c.outHist, 0)
	}
	c.outHist[d]++
}

// dupBefore reports whether a successor with fingerprint fp (inside the
// model) is among succs.
func dupBefore(succs []succ, fp uint64) bool {
	for i := range succs {
		if succs[i].fp == fp && !succs[i].skip {
			return true
		}
	}
	return false
}

func (c *checker) outdegree(r *Result) {
	var total, sum int64
	mn := -1
	for d, k := range c.outHist {
		if k == 0 {
			continue
		}
		if mn < 0 {
			mn = d
		}
		r.OutMax = d
		total += k
		sum += int64(d) * k
	}
	if total == 0 {
		return
	}
	r.OutMin = mn
	r.OutAvg = int((2*sum + total) / (2 * total)) // rounded, as TLC prints it
	target := (total*95 + 99) / 100
	var acc int64
	for d, k := range c.outHist {
		acc += k
		if acc >= target {
			r.OutP95 = d
			break
		}
	}
}

// asyncExpansion is a batch whose successors are being generated.
type asyncExpansion struct {
	batch []node
	exps  []expansion
	done  chan struct{}
}

// expandAsync starts generating the successors of batch; with one worker
// it does so before returning, so that one worker means one core.
func (c *checker) expandAsync(batch []node, level int) *asyncExpansion {
	a := &asyncExpansion{batch: batch, done: make(chan struct{})}
	if c.opt.Workers <= 1 {
		a.exps = c.expand(batch, level)
		close(a.done)
		return a
	}
	go func() {
		defer close(a.done)
		a.exps = c.expand(batch, level)
	}()
	return a
}

// expand generates the successors of states in parallel.
func (c *checker) expand(states []node, level int) []expansion {
	out := make([]expansion, len(states))
	parallelFor(len(states), c.opt.Workers, 16, func(i int) {
		out[i] = c.expandNode(&states[i], level)
	})
	return out
}

// expandNode decodes a state popped from the queue (in the worker, so that
// decoding is parallel too) and generates its successors.
func (c *checker) expandNode(n *node, level int) expansion {
	if n.state == nil && n.enc != nil {
		s, err := c.qm.dict.decodeState(n.enc)
		if err != nil {
			return expansion{err: err}
		}
		n.state, n.enc = s, nil
	}
	return c.expandOne(n.state, level)
}

// level is the breadth-first level of s (TLCGet("level")).
func (c *checker) expandOne(s []value.Value, level int) (ex expansion) {
	defer func() {
		if r := recover(); r != nil {
			ex.err = fmt.Errorf("internal error while generating successors: %v", r)
		}
	}()
	var ferr error
	var stepMemo map[uint64][]int // successors step-checked, by state hash
	if h := c.succHint.Load(); h > 0 {
		ex.succs = make([]succ, 0, h)
	}
	defer func() {
		h := c.succHint.Load()
		c.succHint.Store(min((7*h+int64(len(ex.succs))+7)/8, maxSuccHint))
	}()
	out := printBufs.Get().(*bytes.Buffer)
	lastSeq, hidden, err := c.m.Next.RunCountedTo(s, level, out, func(t []value.Value, l *eval.Label, seq int) {
		if ferr != nil {
			return
		}
		sc := succ{state: t, label: l, seq: seq, printEnd: out.Len()}
		ok, err := c.inModelAt(s, t, level)
		if err != nil {
			// TLC's trace ends with the state the constraint failed on.
			ferr, ex.last = err, &Step{State: t, Label: l}
			return
		}
		if !ok {
			sc.skip = true
			if sc.fp, err = c.fingerprintAt(t, level+1); err != nil {
				ferr, ex.errCounted = err, true
				return
			}
			ex.succs = append(ex.succs, sc)
			return
		}
		// The same successor is often generated many times (TLC counts
		// each: byzpaxos/VoteProof, 318877 generated for 6962 distinct);
		// the step's properties are checked once per distinct successor.
		var h uint64
		if len(c.m.Properties) > 0 {
			h = value.HashState(t)
			for _, i := range stepMemo[h] {
				if sameState(ex.succs[i].state, t) {
					sc.prop, sc.fp = ex.succs[i].prop, ex.succs[i].fp
					ex.succs = append(ex.succs, sc)
					return
				}
			}
		}
		// As TLC: the state's identity (VIEW) first, then the step's
		// properties.
		sc.fp, err = c.fingerprintAt(t, level+1)
		if err != nil {
			ferr, ex.errCounted = err, true
			return
		}
		var errProp string
		if sc.prop, errProp, err = c.checkStep(s, t); err != nil {
			ferr = &PropertyEvalError{Name: errProp, Err: err}
			ex.last, ex.lastFP = &Step{State: t, Label: l}, sc.fp
			return
		}
		if len(c.m.Properties) > 0 {
			if stepMemo == nil {
				stepMemo = map[uint64][]int{}
			}
			stepMemo[h] = append(stepMemo[h], len(ex.succs))
		}
		ex.succs = append(ex.succs, sc)
	})
	if err == nil {
		err = ferr
	} else if err != ferr {
		ex.last, ex.lastFP, ex.errCounted = nil, 0, false // Next's own error
	}
	if err == nil && c.m.Graph != nil {
		err = c.graphLabel(s, &ex)
	}
	if out.Len() > 0 {
		ex.prints = bytes.Clone(out.Bytes())
		out.Reset()
	}
	printBufs.Put(out)
	ex.err = err
	ex.errSeq = lastSeq
	ex.hidden = hidden
	var inc *eval.IncompleteError
	if errors.As(err, &inc) {
		ex.last = &Step{State: inc.Partial, Label: inc.Label}
	}
	return ex
}

// sameState reports whether two states have equal values in every slot.
func sameState(a, b []value.Value) bool {
	for i := range a {
		if !value.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// checkStates checks invariants of states in parallel and returns the index
// of the first violating one (-1 if none).
// checkStates checks the invariants of new states in parallel, and encodes
// those inside the model for the queue (node.rec) on the way; it returns
// the index of the first violating state (-1 if none).
//
// invOut is what Print and PrintT printed in each state's invariants (nil
// when nothing was printed).
func (c *checker) checkStates(states []node, level int) (first int, invOut [][]byte, v Verdict, name string, err error) {
	if len(states) == 0 {
		return -1, nil, Success, "", nil
	}
	check := len(c.m.Invariants) > 0 || c.hasAlways()
	type res struct {
		v    Verdict
		name string
		err  error
	}
	rs := make([]res, len(states))
	outs := make([][]byte, len(states))
	var printed atomic.Bool
	w := min(c.opt.Workers, (len(states)+15)/16)
	var wg sync.WaitGroup
	var next atomic.Int64 // states are handed out in grains of 16
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			enc := c.qm.dict.encoder()
			var buf []byte
			var out bytes.Buffer
			for {
				lo := int(next.Add(16)) - 16
				if lo >= len(states) {
					return
				}
				for i := lo; i < min(lo+16, len(states)); i++ {
					if check {
						v, n, err := c.checkStateTo(states[i].state, level, &out)
						rs[i] = res{v, n, err}
						if out.Len() > 0 {
							outs[i] = bytes.Clone(out.Bytes())
							out.Reset()
							printed.Store(true)
						}
					}
					if !states[i].outside {
						if len(buf) > 1<<16 {
							buf = nil
						}
						start := len(buf)
						buf = enc.encodeNode(buf, states[i])
						states[i].rec = buf[start:len(buf):len(buf)]
					}
				}
			}
		}()
	}
	wg.Wait()
	if printed.Load() {
		invOut = outs
	}
	for i, r := range rs {
		if r.v != Success {
			return i, invOut, r.v, r.name, r.err
		}
	}
	return -1, invOut, Success, "", nil
}

func (c *checker) hasAlways() bool {
	for _, p := range c.m.Properties {
		if len(p.Prop.Always) > 0 {
			return true
		}
	}
	return false
}

// trace rebuilds the path from an initial state to the state with index
// idx by following the parents in the trace log and re-executing the spec,
// matching fingerprints.
func (c *checker) trace(idx int64) ([]Step, error) {
	if idx == noParent {
		return nil, nil
	}
	var fps []uint64
	for i := idx; i != noParent; {
		fp, parent, err := c.log.Get(i)
		if err != nil {
			return nil, err
		}
		fps = append(fps, fp)
		if parent != noParent && (parent < 0 || parent >= i) {
			// A parent is always found before its child: anything else
			// means a damaged trace file, and following it could loop.
			return nil, fmt.Errorf("the trace file is damaged (state %d has parent %d)", i, parent)
		}
		i = parent
	}
	slices.Reverse(fps)
	return c.replay(fps)
}

// replay finds the behaviour whose states have the fingerprints fps.
func (c *checker) replay(fps []uint64) ([]Step, error) {
	var steps []Step
	var found []value.Value
	// Print and PrintT printed during the search; TLC prints again while
	// it rebuilds a trace, gotlc does not.
	_, err := c.m.Init.Quiet().Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		if found != nil {
			return
		}
		if f, err := c.fingerprintAt(s, 1); err == nil && f == fps[0] {
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
		_, err := c.m.Next.Quiet().RunNamedAt(cur, len(steps), func(t []value.Value, l *eval.Label, _ int) {
			if nxt != nil {
				return
			}
			if f, err := c.fingerprintAt(t, len(steps)+1); err == nil && f == want {
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
