package spec

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// The anti-drift test: the Go machine and the TLA+ spec (run by gotlc) must
// have the same reachable states. Each state gotlc finds is converted into a
// State (fromTLA, strict: every variable, every domain element, every value
// must be accounted for) and compared by Key; each State's TLC rendering
// (State.Vars) must also be exactly gotlc's printing of the same values.

// loadModel loads tla/MCAllocator.tla with the given cfg file into gotlc.
func loadModel(t *testing.T, cfgFile string) (*check.Model, *eval.Program) {
	t.Helper()
	m, p, err := check.Load(filepath.Join("..", "tla", "MCAllocator.tla"), cfgFile)
	if err != nil {
		t.Fatalf("gotlc cannot load tla/MCAllocator.tla with %s: %v", cfgFile, err)
	}
	return m, p
}

// into returns a setter that converts a gotlc value with conv and stores
// it at dst[k] (the per-slab and per-heap variables of fromTLA).
func into[T any](conv func(value.Value) (T, error), dst []T) func(k int, x value.Value) error {
	return func(k int, x value.Value) error {
		v, err := conv(x)
		dst[k] = v
		return err
	}
}

// tlaConv converts gotlc values of the allocator's variables into Go values.
type tlaConv struct{ cfg *Config }

func (c tlaConv) model(v value.Value, prefix string, max int) (int, error) {
	m, ok := v.(*value.Model)
	if !ok {
		return 0, fmt.Errorf("%s is not a model value", value.String(v))
	}
	if m.Name == "Nil" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(m.Name, prefix))
	if !strings.HasPrefix(m.Name, prefix) || err != nil || n < 1 || n > max {
		return 0, fmt.Errorf("model value %s is not Nil or %s1..%s%d", m.Name, prefix, prefix, max)
	}
	return n, nil
}

func (c tlaConv) heap(v value.Value) (Heap, error) {
	n, err := c.model(v, "h", c.cfg.Heaps)
	return Heap(n), err
}

func (c tlaConv) slab(v value.Value) (Slab, error) {
	n, err := c.model(v, "s", c.cfg.Slabs)
	return Slab(n), err
}

func (c tlaConv) block(v value.Value) (Block, error) {
	if m, ok := v.(*value.Model); ok && m.Name == "Nil" {
		return NilBlock, nil
	}
	f, ok := v.(*value.Fcn)
	if !ok || !f.IsSeq() || f.Len() != 2 {
		return NilBlock, fmt.Errorf("%s is not a block <<slab, index>> or Nil", value.String(v))
	}
	s, err := c.slab(f.At(0))
	if err != nil || s == NilSlab {
		return NilBlock, fmt.Errorf("%s: bad slab (%v)", value.String(v), err)
	}
	i, ok := f.Values()[1].(value.Int)
	if !ok || i < 1 || int(i) > c.cfg.Cap {
		return NilBlock, fmt.Errorf("%s: bad index", value.String(v))
	}
	return Block{s, int(i)}, nil
}

func (c tlaConv) integer(v value.Value) (int, error) {
	i, ok := v.(value.Int)
	if !ok {
		return 0, fmt.Errorf("%s is not an integer", value.String(v))
	}
	return int(i), nil
}

// function converts a function whose domain must be exactly n keys, each
// mapped to 1..n by key; set stores the image of key k.
func (c tlaConv) function(v value.Value, n int, key func(value.Value) (int, error), set func(k int, x value.Value) error) error {
	f, ok := v.(*value.Fcn)
	if !ok || f.IsSeq() {
		return fmt.Errorf("%s is not a function with a model-value domain", value.String(v))
	}
	if f.Len() != n {
		return fmt.Errorf("%s has %d domain elements, want %d", value.String(v), f.Len(), n)
	}
	done := make([]bool, n+1)
	for i, d := range f.Dom {
		k, err := key(d)
		if err != nil {
			return err
		}
		if k < 1 || k > n || done[k] {
			return fmt.Errorf("%s: domain element %s is out of place", value.String(v), value.String(d))
		}
		done[k] = true
		if err := set(k, f.At(i)); err != nil {
			return fmt.Errorf("at %s: %w", value.String(d), err)
		}
	}
	return nil
}

func (c tlaConv) perSlab(v value.Value, set func(s Slab, x value.Value) error) error {
	return c.function(v, c.cfg.Slabs, func(d value.Value) (int, error) { s, err := c.slab(d); return int(s), err },
		func(k int, x value.Value) error { return set(Slab(k), x) })
}

func (c tlaConv) perHeap(v value.Value, set func(h Heap, x value.Value) error) error {
	return c.function(v, c.cfg.Heaps, func(d value.Value) (int, error) { h, err := c.heap(d); return int(h), err },
		func(k int, x value.Value) error { return set(Heap(k), x) })
}

// record converts a record with exactly the given fields.
func (c tlaConv) record(v value.Value, fields ...string) (map[string]value.Value, error) {
	f, ok := v.(*value.Fcn)
	if !ok || f.IsSeq() || f.Len() != len(fields) {
		return nil, fmt.Errorf("%s is not a record with fields %v", value.String(v), fields)
	}
	out := map[string]value.Value{}
	for i, d := range f.Dom {
		s, ok := d.(*value.Str)
		if !ok {
			return nil, fmt.Errorf("%s is not a record", value.String(v))
		}
		out[s.S] = f.At(i)
	}
	for _, name := range fields {
		if _, ok := out[name]; !ok {
			return nil, fmt.Errorf("%s has no field %s", value.String(v), name)
		}
	}
	return out, nil
}

// fromTLA converts a gotlc state of Allocator.tla (variables named by vars)
// into a State of cfg. Every variable of VarNames must be present once.
func fromTLA(cfg Config, vars []string, vals []value.Value) (State, error) {
	st := Init(cfg)
	c := tlaConv{st.cfg}
	if len(vars) != len(VarNames) {
		return st, fmt.Errorf("the spec has %d variables %v, the Go State %d %v", len(vars), vars, len(VarNames), VarNames)
	}
	// The functions of slabs and of heaps: each converts the value of one
	// slab or heap into st.
	slabVars := map[string]func(k int, x value.Value) error{
		"Freelist":    into(c.block, st.Freelist),
		"Remote":      into(c.block, st.Remote),
		"RemoteCount": into(c.integer, st.RemoteCount),
		"Carved":      into(c.integer, st.Carved),
		"Used":        into(c.integer, st.Used),
		"Owner":       into(c.heap, st.Owner),
	}
	heapVars := map[string]func(k int, x value.Value) error{
		"Sll":      into(c.block, st.Sll),
		"SllCount": into(c.integer, st.SllCount),
		"Current":  into(c.slab, st.Current),
		"Drained":  into(c.block, st.Drained),
		"Phase": func(k int, x value.Value) error {
			s, ok := x.(*value.Str)
			if !ok || phaseCode(Phase(s.S)) < 0 {
				return fmt.Errorf("%s is not a phase", value.String(x))
			}
			st.Phase[k] = Phase(s.S)
			return nil
		},
		"Chain": func(k int, x value.Value) error {
			r, err := c.record(x, "head", "tail", "count")
			if err != nil {
				return err
			}
			var ch ChainRec
			var e1, e2, e3 error
			ch.Head, e1 = c.block(r["head"])
			ch.Tail, e2 = c.block(r["tail"])
			ch.Count, e3 = c.integer(r["count"])
			st.Chain[k] = ch
			return firstError(e1, e2, e3)
		},
		"Pending": func(k int, x value.Value) error {
			r, err := c.record(x, "blk", "seen")
			if err != nil {
				return err
			}
			var p PendingRec
			var e1, e2 error
			p.Blk, e1 = c.block(r["blk"])
			p.Seen, e2 = c.block(r["seen"])
			st.Pending[k] = p
			return firstError(e1, e2)
		},
		"LocalBatch": func(k int, x value.Value) error {
			r, err := c.record(x, "slab", "head", "tail", "count", "seen", "pushing")
			if err != nil {
				return err
			}
			var q BatchRec
			var e1, e2, e3, e4, e5 error
			q.Slab, e1 = c.slab(r["slab"])
			q.Head, e2 = c.block(r["head"])
			q.Tail, e3 = c.block(r["tail"])
			q.Count, e4 = c.integer(r["count"])
			q.Seen, e5 = c.block(r["seen"])
			pushing, ok := r["pushing"].(value.Bool)
			if !ok {
				return fmt.Errorf("pushing = %s is not a boolean", value.String(r["pushing"]))
			}
			q.Pushing = bool(pushing)
			st.LocalBatch[k] = q
			return firstError(e1, e2, e3, e4, e5)
		},
	}
	seen := map[string]bool{}
	for i, name := range vars {
		if seen[name] {
			return st, fmt.Errorf("variable %s twice", name)
		}
		seen[name] = true
		v := vals[i]
		var err error
		if set, ok := slabVars[name]; ok {
			err = c.perSlab(v, func(s Slab, x value.Value) error { return set(int(s), x) })
		} else if set, ok := heapVars[name]; ok {
			err = c.perHeap(v, func(h Heap, x value.Value) error { return set(int(h), x) })
		} else {
			err = c.otherVar(&st, name, v)
		}
		if err != nil {
			return st, fmt.Errorf("variable %s: %w", name, err)
		}
	}
	return st, nil
}

// otherVar converts v, the value of variable name, into st when name is
// neither a function of slabs nor one of heaps.
func (c tlaConv) otherVar(st *State, name string, v value.Value) error {
	var err error
	switch name {
	case "next":
		err = c.function(v, st.cfg.NB(), func(d value.Value) (int, error) {
			b, err := c.block(d)
			if err != nil || b == NilBlock {
				return 0, fmt.Errorf("next: domain element %s is not a block", value.String(d))
			}
			return st.cfg.BlockIndex(b) + 1, nil
		}, func(k int, x value.Value) error { b, err := c.block(x); st.Next[k-1] = b; return err })
	case "TotalActive":
		err = c.function(v, st.cfg.SuperSlabs, func(d value.Value) (int, error) { return c.model(d, "ss", st.cfg.SuperSlabs) },
			into(c.integer, st.TotalActive))
	case "InUse":
		set, ok := v.(*value.Set)
		if !ok {
			err = fmt.Errorf("%s is not a finite set", value.String(v))
			break
		}
		for _, e := range set.Elems {
			b, berr := c.block(e)
			if berr != nil || b == NilBlock {
				err = fmt.Errorf("InUse holds %s, not a block", value.String(e))
				break
			}
			st.InUse[st.cfg.BlockIndex(b)] = true
		}
	default:
		err = fmt.Errorf("the spec has variable %s, which the Go State lacks", name)
	}
	return err
}

func firstError(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func varNames(p *eval.Program) []string {
	out := make([]string, len(p.Vars))
	for i, v := range p.Vars {
		out[i] = v.Name
	}
	return out
}

// specStates enumerates the states of tla/MCAllocator.tla under cfgFile with
// gotlc (those of depth <= maxDepth when maxDepth > 0) and converts each
// into a State of cfg; it checks that State.Vars renders every variable
// exactly as gotlc prints it. The result maps Key to BFS depth.
func specStates(t *testing.T, cfgFile string, cfg Config, maxDepth int) (map[string]int, check.Stats) {
	t.Helper()
	m, p := loadModel(t, cfgFile)
	names := varNames(p)
	keys := map[string]int{}
	var convErr error
	stats, err := check.Visit(m, func(vals []value.Value, depth int) bool {
		if maxDepth > 0 && depth > maxDepth {
			return false
		}
		st, err := fromTLA(cfg, names, vals)
		if err != nil {
			convErr = fmt.Errorf("gotlc state %d: %w", len(keys)+1, err)
			return false
		}
		k := st.Key()
		if _, dup := keys[k]; dup {
			convErr = fmt.Errorf("two gotlc states map to one Go state:\n%v", st)
			return false
		}
		keys[k] = depth
		// The rendering in TLC syntax must be gotlc's, value for value.
		for i, s := range st.Vars() {
			if g := value.String(vals[i]); g != s {
				convErr = fmt.Errorf("variable %s renders as\n  %s\nbut gotlc prints\n  %s", VarNames[i], s, g)
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("gotlc: %v", err)
	}
	if convErr != nil {
		t.Fatal(convErr)
	}
	return keys, stats
}

// goStates enumerates the states of the Go machine for cfg (those of depth
// <= maxDepth when maxDepth > 0): Key -> depth, and the states in BFS order.
func goStates(cfg Config, maxDepth int) (map[string]int, []State, ExploreResult) {
	keys := map[string]int{}
	var order []State
	r := Explore(cfg, ExploreOptions{NoInvariants: true, MaxDepth: maxDepth, Visit: func(st State, depth int) bool {
		keys[st.Key()] = depth
		order = append(order, st)
		return true
	}})
	return keys, order, r
}

// stateDiff compares the spec's states with the Go machine's: the states
// only one side reaches and the states both reach at different depths.
type stateDiff struct {
	onlySpec, onlyGo, depth int
	firstGo                 *State // a state only the Go machine reaches
}

func diffStates(spec, goKeys map[string]int, goOrder []State) stateDiff {
	var d stateDiff
	for _, st := range goOrder {
		if _, ok := spec[st.Key()]; !ok {
			if d.firstGo == nil {
				d.firstGo = &st
			}
			d.onlyGo++
		}
	}
	for k, dep := range spec {
		g, ok := goKeys[k]
		switch {
		case !ok:
			d.onlySpec++
		case g != dep:
			d.depth++
		}
	}
	return d
}

func (d stateDiff) same() bool { return d.onlySpec == 0 && d.onlyGo == 0 && d.depth == 0 }

func (d stateDiff) String() string {
	s := fmt.Sprintf("%d states only in the spec, %d only in the Go machine, %d at different BFS depths",
		d.onlySpec, d.onlyGo, d.depth)
	if d.firstGo != nil {
		s += "; first state only the Go machine reaches:\n" + d.firstGo.String()
	}
	return s
}

// TestDriftCI: the Go machine and gotlc on tla/MCAllocator.tla +
// tla/MCAllocator.cfg reach the same 26282 states at the same depths.
func TestDriftCI(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: the anti-drift test explores the ci model twice (run without -short)")
	}
	// The figures TLC 2.18 reports for this model (-workers 1).
	checkNoDrift(t, "MCAllocator.cfg", CIConfig(), 26282, 31, func() (map[string]int, []State, ExploreResult) {
		ci := ciModel() // Explore of CIConfig(), the same as goStates(cfg, 0)
		return ci.keys, ci.states, ci.r
	})
}

// TestDriftBatch: the Go machine and gotlc on tla/MCAllocatorBatch.cfg (the
// ci bounds with local batches of remote frees) reach the same states at the
// same depths, 52786 of them (TLC 2.20: 52786 distinct, depth 35).
func TestDriftBatch(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: the anti-drift test explores the batched ci model twice (run without -short)")
	}
	checkNoDrift(t, "MCAllocatorBatch.cfg", BatchConfig(), 52786, 35, func() (map[string]int, []State, ExploreResult) {
		return goStates(BatchConfig(), 0)
	})
}

// checkNoDrift explores tla/cfgFile with gotlc and cfg with the Go machine
// (explore) and fails t unless they reach the same states at the same
// depths with the same counts, and the Go machine the tlcDistinct states
// and depth tlcDepth that TLC reports for the model.
func checkNoDrift(t *testing.T, cfgFile string, cfg Config, tlcDistinct, tlcDepth int, explore func() (map[string]int, []State, ExploreResult)) {
	t.Helper()
	spec, stats := specStates(t, filepath.Join("..", "tla", cfgFile), cfg, 0)
	t.Logf("gotlc: %d generated, %d distinct, depth %d", stats.Generated, stats.Distinct, stats.Depth)
	goKeys, goOrder, r := explore()
	t.Logf("Go machine: %d generated, %d distinct, depth %d", r.Generated, r.Distinct, r.Depth)
	if len(spec) != int(stats.Distinct) {
		t.Errorf("gotlc reported %d distinct states but %d reached visit", stats.Distinct, len(spec))
	}
	if d := diffStates(spec, goKeys, goOrder); !d.same() {
		t.Errorf("state sets differ: %v", d)
	}
	if r.Distinct != int(stats.Distinct) || r.Depth != stats.Depth || r.Generated != int(stats.Generated) {
		t.Errorf("counts differ: Go %d distinct / depth %d / %d generated, gotlc %d / %d / %d",
			r.Distinct, r.Depth, r.Generated, stats.Distinct, stats.Depth, stats.Generated)
	}
	if r.Distinct != tlcDistinct || r.Depth != tlcDepth {
		t.Errorf("Go machine: %d distinct, depth %d; TLC reports %d distinct, depth %d", r.Distinct, r.Depth, tlcDistinct, tlcDepth)
	}
}

// TestDriftDetected: the comparison of TestDriftCI catches a Go machine that
// drifts from the spec. Up to depth 9, the spec's states equal the Go
// machine's; they differ from those of a machine whose SpliceToSll also bumps
// TotalActive (Bug "B1", one counter, one action), and from a machine whose
// SllMax is 1.
func TestDriftDetected(t *testing.T) {
	other := CIConfig()
	other.SllMax = 1
	driftDetected(t, "MCAllocator.cfg", CIConfig(), 9, map[string]Config{"Bug B1": CIConfig().WithBug(BugB1), "SllMax 1": other})
}

// TestDriftDetectedBatch: the same on the batched ci model
// (tla/MCAllocatorBatch.cfg): up to depth 10 (TLC's depth, the initial
// state is 1: a block allocated, freed into another heap's local batch,
// the batch pushed; 333 states) the spec's states equal the
// Go machine's, and differ from those of a machine whose push counts the
// limit, not the batch (Bug "BatchCountLimit"), and of one whose batches
// hold one block (RemoteBatch 1).
func TestDriftDetectedBatch(t *testing.T) {
	other := BatchConfig()
	other.RemoteBatch = 1
	driftDetected(t, "MCAllocatorBatch.cfg", BatchConfig(), 10,
		map[string]Config{"Bug BatchCountLimit": BatchConfig().WithBug(BugBatchCountLimit), "RemoteBatch 1": other})
}

// driftDetected: up to depth, gotlc's states of tla/cfgFile equal the Go
// machine's with cfg, and differ from the Go machine's with each of drifts.
func driftDetected(t *testing.T, cfgFile string, cfg Config, depth int, drifts map[string]Config) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: runs gotlc")
	}
	spec, _ := specStates(t, filepath.Join("..", "tla", cfgFile), cfg, depth)
	k, o, _ := goStates(cfg, depth)
	if d := diffStates(spec, k, o); !d.same() {
		t.Fatalf("bounded comparison of equal machines differs: %v", d)
	}
	t.Logf("depth <= %d: %d states, equal", depth, len(spec))
	for name, c := range drifts {
		k, o, _ := goStates(c, depth)
		d := diffStates(spec, k, o)
		if d.same() {
			t.Errorf("%s: the comparison finds no difference", name)
		}
		t.Logf("%s: %d states only in the spec, %d only in the Go machine, %d at other depths", name, d.onlySpec, d.onlyGo, d.depth)
	}
}

// TestDriftMutants: on each mutant cfg, gotlc and the Go machine stop at the
// same invariant after the same number of distinct states, with a trace of
// the same length whose states are the same.
func TestDriftMutants(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: runs gotlc on the mutants")
	}
	files, _ := filepath.Glob(filepath.Join("..", "tla", "mutants", "*.cfg"))
	if len(files) == 0 {
		t.Fatal("no tla/mutants/*.cfg")
	}
	for _, f := range files {
		bug := strings.TrimSuffix(filepath.Base(f), ".cfg")
		t.Run(bug, func(t *testing.T) {
			m, p := loadModel(t, f)
			res := check.Check(m, check.Options{Workers: 1})
			if res.Verdict != check.InvariantViolated {
				t.Fatalf("gotlc on %s: verdict %v, want an invariant violation", f, res.Verdict)
			}
			r := Explore(MutantConfig(bug), ExploreOptions{})
			ie, ok := r.Violation.(*InvariantError)
			if !ok {
				t.Fatalf("Go machine with Bug %q: no violation (%d distinct states)", bug, r.Distinct)
			}
			if ie.Name != res.Name || r.Distinct != int(res.Distinct) || len(r.Trace) != len(res.Trace) {
				t.Errorf("Bug %q: Go machine: %s after %d distinct states, trace %d; gotlc: %s after %d, trace %d",
					bug, ie.Name, r.Distinct, len(r.Trace), res.Name, res.Distinct, len(res.Trace))
			}
			names := varNames(p)
			for i := 0; i < min(len(r.Trace), len(res.Trace)); i++ {
				g, err := fromTLA(MutantConfig(bug), names, res.Trace[i].State)
				if err != nil {
					t.Fatalf("trace state %d: %v", i+1, err)
				}
				if g.Key() != r.Trace[i].Next.Key() {
					t.Errorf("trace state %d differs:\ngotlc:\n%v\nGo (%v):\n%v", i+1, g, r.Trace[i].Label, r.Trace[i].Next)
					break
				}
			}
			t.Logf("Bug %q: %v (distinct %d, trace %d) — gotlc agrees", bug, ie, r.Distinct, len(r.Trace))
		})
	}
}
