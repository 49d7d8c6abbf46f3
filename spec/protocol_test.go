package spec

import (
	"errors"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// run takes the labelled steps in order from Init(cfg) and fails the test
// when one is not enabled.
func run(t *testing.T, cfg Config, labels ...Label) State {
	t.Helper()
	st := Init(cfg)
	for i, l := range labels {
		n, ok, err := st.Take(l)
		if err != nil || !ok {
			t.Fatalf("step %d %v: enabled=%v err=%v in\n%v", i+1, l, ok, err, st)
		}
		st = n
	}
	return st
}

func h(n int) Heap               { return Heap(n) }
func b(s, i int) Block           { return Block{Slab(s), i} }
func lbl(a string, hp int) Label { return Label{Action: a, Heap: h(hp)} }

// refill is the four steps of a refill of heap hp (Bug "none").
func refill(hp int) []Label {
	return []Label{lbl(ActDrainRemote, hp), lbl(ActPopFreelist, hp), lbl(ActLinearCarve, hp), lbl(ActSpliceToSll, hp)}
}

func TestScenarioRefillAllocFree(t *testing.T) {
	cfg := CIConfig()
	steps := append([]Label{{Action: ActAcquireSlab, Heap: 1, Slab: 1}}, refill(1)...)
	st := run(t, cfg, steps...)
	if st.Sll[1] != b(1, 1) || st.SllCount[1] != 2 || st.Carved[1] != 2 || st.Used[1] != 2 || st.TotalActive[1] != 2 {
		t.Fatalf("after a refill of a fresh slab:\n%v", st)
	}
	if got := st.List(st.Sll[1]); len(got) != 2 || got[1] != b(1, 2) {
		t.Fatalf("Sll[h1] = %v, want <<s1,1>>, <<s1,2>>", got)
	}
	st = run(t, cfg, append(steps, lbl(ActAlloc, 1), lbl(ActAlloc, 1))...)
	if !st.IsInUse(b(1, 1)) || !st.IsInUse(b(1, 2)) || st.SllCount[1] != 0 || st.Sll[1] != NilBlock {
		t.Fatalf("after two Allocs:\n%v", st)
	}
	// A remote free by h2 of h1's block, racing a second remote free: the
	// first CAS of the loser fails and relinks.
	st2 := st
	for _, l := range []Label{
		{Action: ActFreeRemote, Heap: 2, Block: b(1, 1)},
		{Action: ActFreeLocal, Heap: 1, Block: b(1, 2)},
	} {
		var ok bool
		st2, ok, _ = st2.Take(l)
		if !ok {
			t.Fatalf("%v not enabled", l)
		}
	}
	if st2.Pending[2] != (PendingRec{Blk: b(1, 1), Seen: NilBlock}) || st2.Sll[1] != b(1, 2) {
		t.Fatalf("after FreeRemote and FreeLocal:\n%v", st2)
	}
	if err := st2.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	st3, ok := st2.FreeRemoteCas(2)
	if !ok || st3.Remote[1] != b(1, 1) || st3.Pending[2] != NoPending {
		t.Fatalf("CAS should succeed:\n%v", st3)
	}
	// The CAS fails when the head moved: another push in between.
	st4, _ := st.FreeRemote(2, b(1, 1))
	st4.Remote[1] = b(1, 2) // only for this test: pretend a push happened (st4 is our own copy)
	st5, ok := st4.FreeRemoteCas(2)
	if !ok || st5.Remote[1] != b(1, 2) || st5.Pending[2].Seen != b(1, 2) || st5.NextOf(b(1, 1)) != b(1, 2) {
		t.Fatalf("a failed CAS re-reads and relinks:\n%v", st5)
	}
}

func TestScenarioRetireAndAdopt(t *testing.T) {
	cfg := CIConfig()
	base := append([]Label{{Action: ActAcquireSlab, Heap: 1, Slab: 1}}, refill(1)...)
	base = append(base, lbl(ActAlloc, 1), lbl(ActAlloc, 1))
	// Exhausted slab (no freelist, fully carved): RetireSlab orphans it.
	st := run(t, cfg, append(base, lbl(ActRetireSlab, 1))...)
	if st.Owner[1] != NilHeap || st.Current[1] != NilSlab || st.Carved[1] != 2 {
		t.Fatalf("retire of an exhausted slab should orphan it:\n%v", st)
	}
	// Frees into the orphan are remote pushes; Adopt drains them.
	st = run(t, cfg, append(base, lbl(ActRetireSlab, 1),
		Label{Action: ActFreeRemote, Heap: 2, Block: b(1, 2)}, lbl(ActFreeRemoteCas, 2),
		Label{Action: ActAdopt, Heap: 2, Slab: 1})...)
	if st.Owner[1] != 2 || st.Remote[1] != NilBlock || st.Freelist[1] != b(1, 2) || st.Used[1] != 1 {
		t.Fatalf("adopt should drain the remote stack onto the freelist:\n%v", st)
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
	// With AdoptNoDrain the pushed block vanishes and ExactlyOnePlace says so.
	bad := run(t, cfg.WithBug(BugAdoptNoDrain), append(base, lbl(ActRetireSlab, 1),
		Label{Action: ActFreeRemote, Heap: 2, Block: b(1, 2)}, lbl(ActFreeRemoteCas, 2),
		Label{Action: ActAdopt, Heap: 2, Slab: 1})...)
	var ie *InvariantError
	if err := bad.CheckInvariants(); !errors.As(err, &ie) || ie.Name != "ExactlyOnePlace" ||
		!strings.Contains(err.Error(), "<<s1, 2>>") {
		t.Fatalf("AdoptNoDrain: CheckInvariants = %v, want ExactlyOnePlace naming <<s1, 2>>", err)
	}
	// A fully free slab returns to its superslab uncarved.
	st = run(t, cfg, append(base,
		Label{Action: ActFreeLocal, Heap: 1, Block: b(1, 1)}, Label{Action: ActFreeLocal, Heap: 1, Block: b(1, 2)},
		lbl(ActHeapExit, 1), Label{Action: ActAdopt, Heap: 1, Slab: 1}, lbl(ActRetireSlab, 1))...)
	if st.Carved[1] != 0 || st.Freelist[1] != NilBlock || st.Used[1] != 0 || st.NextOf(b(1, 1)) != NilBlock {
		t.Fatalf("retire of a free slab should uncarve it:\n%v", st)
	}
}

func TestTakeErrorsAndLabels(t *testing.T) {
	st := Init(CIConfig())
	for _, l := range []Label{
		{Action: "Bogus", Heap: 1},
		{Action: ActAlloc, Heap: 0},
		{Action: ActAlloc, Heap: 3},
		{Action: ActAdopt, Heap: 1, Slab: 3},
		{Action: ActFreeLocal, Heap: 1, Block: b(1, 3)},
		{Action: ActFreeRemote, Heap: 1},
	} {
		if _, ok, err := st.Take(l); ok || err == nil {
			t.Errorf("Take(%+v) = ok %v, err %v; want an error", l, ok, err)
		}
	}
	for l, want := range map[Label]string{
		{Action: ActFreeLocal, Heap: 1, Block: b(2, 1)}: "FreeLocal(h1, <<s2, 1>>)",
		{Action: ActAdopt, Heap: 2, Slab: 1}:            "Adopt(h2, s1)",
		{Action: ActSpliceToSll, Heap: 2}:               "SpliceToSll(h2)",
	} {
		if l.String() != want {
			t.Errorf("%+v prints %q, want %q", l, l.String(), want)
		}
	}
	if err := (&Config{Heaps: 1, Slabs: 1, SuperSlabs: 1, SuperOf: []SuperSlab{0, 1}, Cap: 1, Batch: 1, Bug: "B9"}).Validate(); err == nil {
		t.Error("Validate accepts Bug B9")
	}
	if err := (&Config{Heaps: 1, Slabs: 2, SuperSlabs: 1, SuperOf: []SuperSlab{0, 1}, Cap: 1, Batch: 1, Bug: BugNone}).Validate(); err == nil {
		t.Error("Validate accepts a short SuperOf")
	}
	bad := CIConfig()
	bad.Cap = 0
	if _, err := NewState(bad); err == nil || !strings.Contains(err.Error(), "Cap") {
		t.Errorf("NewState with Cap 0: err = %v, want the ASSUME on Cap", err)
	}
	if _, err := NewState(CIConfig()); err != nil {
		t.Errorf("NewState(CIConfig()): %v", err)
	}
}

// TestEveryStep walks every step of the ci model once and checks, for each:
// the state it starts from is not modified (States are values); Enabled(h)
// lists exactly the steps of heap h, Refill(h) the refill step among them;
// and the step refines AllocatorAbstract: an Alloc is the abstract Alloc of
// the block it pops, a FreeLocal or FreeRemote the abstract Free of its
// block, and every other step leaves InUse unchanged.
func TestEveryStep(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: walks all 81893 steps of the ci model")
	}
	cfg := CIConfig()
	addr := func(st State, bl Block) uintptr { return uintptr(st.cfg.BlockIndex(bl)+1) * 64 }
	abs := func(st State) AbstractState {
		s := AbstractInit()
		for _, bl := range st.InUseBlocks() {
			s = s.with(addr(st, bl))
		}
		return s
	}
	steps := 0
	var fail error
	for _, st := range ciModel().states {
		before := st.Key()
		a := abs(st)
		var all []Step
		for hp := 1; hp <= cfg.Heaps; hp++ {
			en := st.Enabled(Heap(hp))
			r, rok := st.Refill(Heap(hp))
			sawRefill := false
			for _, s := range en {
				if s.Heap != Heap(hp) {
					fail = errors.New("Enabled(" + Heap(hp).String() + ") lists " + s.Label.String())
				}
				switch s.Action {
				case ActDrainRead, ActDrainRemote, ActPopFreelist, ActLinearCarve, ActSpliceToSll:
					sawRefill = true
					if !rok || r.Label != s.Label || r.Next.Key() != s.Next.Key() {
						fail = errors.New("Refill disagrees with Enabled on " + s.Label.String())
					}
				}
			}
			if rok != sawRefill {
				fail = errors.New("Refill reports a step Enabled does not list")
			}
			all = append(all, en...)
		}
		succ := st.Successors()
		if len(succ) != len(all) {
			fail = errors.New("Successors is not the concatenation of Enabled")
		}
		for i, s := range succ {
			steps++
			if s.Label != all[i].Label {
				fail = errors.New("Successors order differs from Enabled order at " + s.Label.String())
			}
			var ok bool
			var want AbstractState
			switch s.Action {
			case ActAlloc:
				ok, want = AbstractStep(a, AllocInput{Heap: int(s.Heap)}, AllocOutput{Block: addr(st, st.Sll[s.Heap])})
			case ActFreeLocal, ActFreeRemote:
				ok, want = AbstractStep(a, FreeInput{Heap: int(s.Heap), Block: addr(st, s.Block)}, FreeOutput{})
			default:
				ok, want = true, a
			}
			if got := abs(s.Next); !ok || got.String() != want.String() {
				fail = errors.New(s.Label.String() + " does not refine AllocatorAbstract: InUse " + a.String() + " -> " + got.String())
			}
		}
		if st.Key() != before {
			fail = errors.New("computing successors modified the state")
		}
		if fail != nil {
			break
		}
	}
	if fail != nil {
		t.Fatal(fail)
	}
	if steps != 81893-1 {
		t.Errorf("walked %d steps, want 81892 (TLC: 81893 states generated, the initial one included)", steps)
	}
}

// TestRandomWalks drives the machine with rapid on the large model (Cap 3,
// two superslabs), which the tests do not explore exhaustively: any path
// rapid draws keeps every invariant. This is also the shape of use the
// linearize package makes of the machine: pick a heap, pick one of its
// enabled steps.
//
// Half of the walks use local batches of remote frees (RemoteBatch 3).
func TestRandomWalks(t *testing.T) {
	batched := LargeConfig()
	batched.RemoteBatch = 3
	rapid.Check(t, func(rt *rapid.T) {
		st := Init(rapid.SampledFrom([]Config{LargeConfig(), batched}).Draw(rt, "config"))
		for i := 0; i < 60; i++ {
			hp := Heap(rapid.IntRange(1, st.cfg.Heaps).Draw(rt, "heap"))
			en := st.Enabled(hp)
			if len(en) == 0 {
				continue
			}
			s := en[rapid.IntRange(0, len(en)-1).Draw(rt, "step")]
			st = s.Next
			if err := st.CheckInvariants(); err != nil {
				rt.Fatalf("after %v: %v\n%v", s.Label, err, st)
			}
		}
	})
}

// TestRandomWalksFindBugs: the same random walks find each seeded bug on
// the ci model (rapid's failure is the expected outcome here).
func TestRandomWalksFindBugs(t *testing.T) {
	for _, bug := range Bugs {
		found := ""
		for seed := uint64(1); seed <= 400 && found == ""; seed++ {
			st := Init(MutantConfig(bug))
			x := seed*0x9E3779B97F4A7C15 + 1
			for i := 0; i < 60 && found == ""; i++ {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
				succ := st.Successors()
				st = succ[x%uint64(len(succ))].Next
				var ie *InvariantError
				if err := st.CheckInvariants(); errors.As(err, &ie) {
					found = ie.Name
				}
			}
		}
		if found == "" {
			t.Errorf("Bug %q: 400 random walks of 60 steps find no violation", bug)
		} else {
			t.Logf("Bug %q: random walk violates %s", bug, found)
		}
	}
}
