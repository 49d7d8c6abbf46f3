package check

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// SimOptions tune a random simulation (TLC's -simulate mode).
type SimOptions struct {
	Workers       int
	CheckDeadlock bool
	// Depth is the largest number of states of a behaviour (TLC's -depth,
	// default 100).
	Depth int
	// Seed makes the run reproducible: behaviour k is drawn with a random
	// generator seeded by (Seed, k), so the behaviours, the verdict, the
	// trace and the counts depend only on Seed, Depth and Num, not on
	// Workers.
	Seed int64
	// Num is the number of behaviours; <= 0 means no limit (like TLC, the
	// run then ends only with a violation or when killed).
	Num int64
	// Progress, when set, is called every ProgressEvery (from another
	// goroutine, never after Simulate has returned).
	Progress      func(SimStats)
	ProgressEvery time.Duration
}

// SimStats are the running counts of a simulation.
type SimStats struct {
	States int64 // states checked (every state of every behaviour)
	Traces int64 // behaviours completed
	// Lengths of the completed behaviours (number of states).
	LenSum, LenSqSum int64
	// Digest fingerprints the sequence of behaviours checked so far (the
	// fingerprint of each one's last state, in behaviour order): equal
	// digests mean, with overwhelming probability, the same behaviours.
	Digest uint64
}

// SimResult is the outcome of Simulate.
type SimResult struct {
	Verdict Verdict
	Name    string
	Err     error
	Trace   []Step
	SimStats
	// Behaviour is the index (from 0) of the behaviour that failed.
	Behaviour int64
}

// simChunk is the number of behaviours drawn in parallel before their
// outcomes are merged in index order.
const simChunk = 256

// behaviour is the outcome of one random behaviour.
type behaviour struct {
	res    *SimResult // nil: no violation
	states int64
	length int64
	last   uint64 // fingerprint of the last state
}

// Simulate checks random behaviours of m: from an initial state chosen at
// random, it repeatedly chooses one successor at random among all the
// successors of the current state, for at most Depth states, checking
// invariants and the safety parts of properties on every state and step. A
// behaviour ends early at a state without successors (a deadlock, reported
// if CheckDeadlock) or at a state outside the CONSTRAINTs. The first
// violation, in behaviour order, is reported with its trace.
func Simulate(m *Model, opt SimOptions) *SimResult {
	if opt.Workers < 1 {
		opt.Workers = 1
	}
	if opt.Depth <= 0 {
		opt.Depth = 100
	}
	if opt.ProgressEvery == 0 {
		opt.ProgressEvery = 10 * time.Second
	}
	c := &checker{core: core{m}, opt: Options{Workers: opt.Workers, CheckDeadlock: opt.CheckDeadlock}}
	var inits [][]value.Value
	var initErr error
	_, err := m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		inits = append(inits, s)
	})
	if err == nil {
		err = initErr
	}
	if err != nil {
		return &SimResult{Verdict: EvalError, Err: err}
	}
	if len(inits) == 0 {
		return &SimResult{Verdict: EvalError, Err: errors.New("the initial predicate has no solution")}
	}

	var mu sync.Mutex
	var st SimStats
	if opt.Progress != nil {
		defer tick(opt.ProgressEvery, func() {
			mu.Lock()
			s := st
			mu.Unlock()
			opt.Progress(s)
		})()
	}

	outs := make([]behaviour, simChunk)
	for base := int64(0); opt.Num <= 0 || base < opt.Num; base += simChunk {
		n := int64(simChunk)
		if opt.Num > 0 {
			n = min(n, opt.Num-base)
		}
		parallelFor(int(n), opt.Workers, 1, func(i int) {
			outs[i] = c.behaviour(inits, opt, base+int64(i))
		})
		for i := int64(0); i < n; i++ {
			b := outs[i]
			mu.Lock()
			st.States += b.states
			st.Digest = st.Digest*0x100000001b3 ^ b.last
			if b.res == nil {
				st.Traces++
				st.LenSum += b.length
				st.LenSqSum += b.length * b.length
			}
			s := st
			mu.Unlock()
			if b.res != nil {
				b.res.SimStats = s
				b.res.Behaviour = base + i
				return b.res
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	return &SimResult{Verdict: Success, SimStats: st}
}

// behaviour draws and checks behaviour number k.
func (c *checker) behaviour(inits [][]value.Value, opt SimOptions, k int64) (b behaviour) {
	rng := rand.New(rand.NewPCG(uint64(opt.Seed), uint64(k)))
	s := inits[rng.IntN(len(inits))]
	trace := []Step{{State: s}}
	defer func() {
		if r := recover(); r != nil {
			b.res = &SimResult{Verdict: EvalError, Err: fmt.Errorf("internal error while simulating: %v", r), Trace: trace}
		}
	}()
	fail := func(v Verdict, name string, err error) behaviour {
		return behaviour{res: &SimResult{Verdict: v, Name: name, Err: err, Trace: trace}, states: int64(len(trace))}
	}
	if v, name, err := c.checkInit(s); v != Success {
		return fail(v, name, err)
	}
	if ok, err := c.inModel(nil, s); err != nil {
		return fail(EvalError, "", err)
	} else if !ok {
		return behaviour{states: 1, length: 1, last: value.HashState(s)}
	}
	type cand struct {
		state []value.Value
		label *eval.Label
	}
	var succs []cand
	for len(trace) < opt.Depth {
		succs = succs[:0]
		_, err := c.m.Next.RunAt(s, len(trace), func(t []value.Value, l *eval.Label, _ int) {
			succs = append(succs, cand{t, l})
		})
		if err != nil {
			var inc *eval.IncompleteError
			if errors.As(err, &inc) {
				trace = append(trace, Step{State: inc.Partial, Label: inc.Label})
			}
			return fail(EvalError, "", err)
		}
		if len(succs) == 0 {
			if opt.CheckDeadlock {
				return fail(Deadlock, "", nil)
			}
			break
		}
		t := succs[rng.IntN(len(succs))]
		trace = append(trace, Step{State: t.state, Label: t.label})
		if prop, errProp, err := c.checkStep(s, t.state); err != nil {
			return fail(EvalError, "", &PropertyEvalError{Name: errProp, Err: err})
		} else if prop != "" {
			return fail(PropertyViolated, prop, nil)
		}
		if v, name, err := c.checkStateAt(t.state, len(trace)); v != Success {
			return fail(v, name, err)
		}
		ok, err := c.inModel(s, t.state)
		if err != nil {
			return fail(EvalError, "", err)
		}
		s = t.state
		if !ok {
			break
		}
	}
	return behaviour{states: int64(len(trace)), length: int64(len(trace)), last: value.HashState(s)}
}
