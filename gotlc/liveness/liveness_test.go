package liveness

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

const corpus = "../testdata/corpus"

// load builds the model of a corpus entry.
func load(t testing.TB, dir, spec, config string) *check.Model {
	t.Helper()
	m, _, err := check.Load(filepath.Join(corpus, dir, spec), filepath.Join(corpus, dir, config))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// run searches the model with the liveness checker and returns the
// counterexample (nil if the properties hold).
func run(t *testing.T, m *check.Model, workers int) *Counterexample {
	t.Helper()
	lc, err := New(m)
	if err != nil || lc == nil {
		t.Fatalf("liveness checker: %v (nil checker: %v)", err, lc == nil)
	}
	m.Graph = lc.Graph()
	r := check.Check(m, check.Options{Workers: workers})
	if r.Verdict != check.Success {
		t.Fatalf("search: %v %v", r.Verdict, r.Err)
	}
	cx, err := lc.Check()
	if err != nil {
		t.Fatal(err)
	}
	return cx
}

// lasso is a behaviour u v^ω: states, and the position the last state
// steps back to (for stuttering, the last state itself).
type lasso struct {
	states [][]value.Value
	loop   int
}

func (l *lasso) next(i int) int {
	if i == len(l.states)-1 {
		return l.loop
	}
	return i + 1
}

// holds evaluates a temporal formula at position i of the lasso, directly
// from its meaning (independently of the tableau and of the SCC search):
// []F holds at i when F holds at every position reachable from i.
func (l *lasso) holds(t *testing.T, f *eval.Temporal, i int) bool {
	reach := func(i int) []int {
		lo := i
		if l.loop < i {
			lo = l.loop
		}
		var out []int
		for j := lo; j < len(l.states); j++ {
			out = append(out, j)
		}
		return out
	}
	switch f.Kind {
	case eval.TAtom:
		var nxt []value.Value
		if f.Atom.Action {
			nxt = l.states[l.next(i)]
		}
		ok, err := f.Atom.Holds(l.states[i], nxt)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	case eval.TNot:
		return !l.holds(t, f.Args[0], i)
	case eval.TAnd:
		for _, a := range f.Args {
			if !l.holds(t, a, i) {
				return false
			}
		}
		return true
	case eval.TOr:
		for _, a := range f.Args {
			if l.holds(t, a, i) {
				return true
			}
		}
		return false
	case eval.TAlways:
		for _, j := range reach(i) {
			if !l.holds(t, f.Args[0], j) {
				return false
			}
		}
		return true
	case eval.TEventually:
		for _, j := range reach(i) {
			if l.holds(t, f.Args[0], j) {
				return true
			}
		}
		return false
	}
	t.Fatalf("unknown operator %d", f.Kind)
	return false
}

// replay checks that cx is a behaviour of m: an initial state, then steps
// of Next, and the step back (or stuttering); it returns it as a lasso.
func replay(t *testing.T, m *check.Model, cx *Counterexample) *lasso {
	t.Helper()
	l := &lasso{}
	for _, st := range cx.Trace {
		l.states = append(l.states, st.State)
	}
	isStep := func(s, want []value.Value) bool {
		found := false
		m.Next.Run(s, func(n []value.Value, _ *eval.Label, _ int) {
			if value.Equal(value.NewTuple(n), value.NewTuple(want)) {
				found = true
			}
		})
		return found
	}
	init := false
	m.Init.Run(nil, func(s []value.Value, _ *eval.Label, _ int) {
		if value.Equal(value.NewTuple(s), value.NewTuple(l.states[0])) {
			init = true
		}
	})
	if !init {
		t.Fatal("the counterexample does not start in an initial state")
	}
	for i := 1; i < len(l.states); i++ {
		if !isStep(l.states[i-1], l.states[i]) {
			t.Fatalf("state %d is not a successor of state %d", i+1, i)
		}
	}
	l.loop = len(l.states) - 1
	if !cx.Stutter {
		l.loop = cx.LoopStart
		if !isStep(l.states[len(l.states)-1], l.states[l.loop]) {
			t.Fatalf("no step back from the last state to state %d", l.loop+1)
		}
	}
	return l
}

func property(m *check.Model) *eval.Temporal {
	var ps []*eval.Temporal
	for _, p := range m.Properties {
		if p.Live != nil {
			ps = append(ps, p.Live)
		}
	}
	return &eval.Temporal{Kind: eval.TAnd, Args: ps}
}

// TestCounterexamplesAreRealBehaviours replays each counterexample through
// the spec and evaluates the property and the fairness on it: the
// corpus's violations, and the allocator's liveness violations in
// tla/models.json (the expected counterexamples and the liveness mutants,
// ci size).
func TestCounterexamplesAreRealBehaviours(t *testing.T) {
	type model struct{ dir, spec, config string }
	// tla/models.json, read here: internal/models imports this package.
	var ms struct {
		Models []struct{ Spec, Config, Kind, Expect, Size string }
	}
	if b, err := os.ReadFile("../../tla/models.json"); err != nil || json.Unmarshal(b, &ms) != nil {
		t.Fatalf("tla/models.json: %v", err)
	}
	var alloc []model
	for _, e := range ms.Models {
		if e.Kind == "liveness" && e.Expect == "violation" && e.Size == "ci" {
			cfg, err := filepath.Rel(filepath.Dir(e.Spec), e.Config)
			if err != nil {
				t.Fatal(err)
			}
			// load reads from the corpus directory: up three to the root.
			alloc = append(alloc, model{filepath.Join("../../..", filepath.Dir(e.Spec)), filepath.Base(e.Spec), cfg})
		}
	}
	if len(alloc) < 5 {
		t.Fatalf("only %d allocator liveness violations in tla/models.json", len(alloc))
	}
	for _, c := range append([]model{
		{"livemutex", "Semaphore.tla", "Weak.cfg"},
		{"livemutex", "Semaphore.tla", "Unfair.cfg"},
		{"livechannel", "Lossy.tla", "Weak.cfg"},
		{"livestutter", "Countdown.tla", "Unfair.cfg"},
		{"livequant", "Workers.tla", "Lazy.cfg"},
		{"liveenabled", "Tokens.tla", "Stuck.cfg"},
		{"liverefines", "Clock.tla", "Tickless.cfg"},
		{"livenested", "Alarm.tla", "Recur.cfg"},
		{"liveaction", "Pump.tla", "DrainStops.cfg"},
		{"livesettle", "Settle.tla", "WrapSettles.cfg"},
	}, alloc...) {
		t.Run(c.dir+"/"+c.config, func(t *testing.T) {
			m := load(t, c.dir, c.spec, c.config)
			cx := run(t, m, 1)
			if cx == nil {
				t.Fatal("no counterexample")
			}
			l := replay(t, m, cx)
			if l.holds(t, property(m), 0) {
				t.Error("the counterexample satisfies the property")
			}
			if m.Fairness != nil && !l.holds(t, m.Fairness, 0) {
				t.Error("the counterexample violates the fairness of the specification")
			}
			// The same graph, counterexample included, with two workers.
			m2 := load(t, c.dir, c.spec, c.config)
			cx2 := run(t, m2, 2)
			if cx2 == nil || len(cx2.Trace) != len(cx.Trace) || cx2.LoopStart != cx.LoopStart || cx2.Stutter != cx.Stutter {
				t.Fatal("another counterexample with two workers")
			}
			for i := range cx.Trace {
				if !value.Equal(value.NewTuple(cx.Trace[i].State), value.NewTuple(cx2.Trace[i].State)) {
					t.Fatalf("state %d differs with two workers", i+1)
				}
			}
		})
	}
}

// TestLassoEvaluatorCanFail: the evaluator above rejects the unfair
// stuttering lasso of Countdown under the fair spec's fairness, so the
// fairness check in TestCounterexamplesAreRealBehaviours can fail.
func TestLassoEvaluatorCanFail(t *testing.T) {
	m := load(t, "livestutter", "Countdown.tla", "Unfair.cfg")
	cx := run(t, m, 1)
	l := replay(t, m, cx)
	fair := load(t, "livestutter", "Countdown.tla", "Fair.cfg")
	if l.holds(t, fair.Fairness, 0) {
		t.Fatal("WF_n(Tick) holds on a behaviour that stutters while Tick is enabled")
	}
}

// TestVerdicts: properties that hold are not reported.
func TestVerdicts(t *testing.T) {
	for _, c := range []struct{ dir, spec, config string }{
		{"livemutex", "Semaphore.tla", "Strong.cfg"},
		{"livechannel", "Lossy.tla", "Strong.cfg"},
		{"livepeterson", "LivePeterson.tla", "Starvation.cfg"},
		{"livequant", "Workers.tla", "Fair.cfg"},
	} {
		if cx := run(t, load(t, c.dir, c.spec, c.config), 1); cx != nil {
			t.Errorf("%s/%s: counterexample for a property that holds", c.dir, c.config)
		}
	}
}
