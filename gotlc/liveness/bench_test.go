package liveness

import (
	"runtime"
	"testing"

	"github.com/veralloc/veralloc/gotlc/check"
)

// BenchmarkLiveness checks starvation freedom of the semaphore under
// strong fairness (3 processes) and reports the recorded graph's memory
// per state as Graph.Bytes estimates it.
func BenchmarkLiveness(b *testing.B) {
	for b.Loop() {
		m := load(b, "livemutex", "Semaphore.tla", "Strong.cfg")
		lc, err := New(m)
		if err != nil {
			b.Fatal(err)
		}
		m.Graph = lc.Graph()
		if r := check.Check(m, check.Options{Workers: 1}); r.Verdict != check.Success {
			b.Fatal(r.Verdict)
		}
		if cx, err := lc.Check(); err != nil || cx != nil {
			b.Fatal("unexpected counterexample", err)
		}
		b.ReportMetric(float64(lc.MemoryBytes())/float64(lc.Graph().States()), "graph-bytes/state")
		b.ReportMetric(float64(lc.Graph().States()), "states")
	}
}

// heap is the live heap after a collection.
func heap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// BenchmarkLivenessMemory measures what the liveness checker keeps per
// distinct state on the allocator's two-slab liveness model
// (tla/MCLiveTwoSlabs.cfg, 26282 states, RemoteDrained fails): the live
// heap the behaviour graph takes at the end of the search
// (search-bytes/state: successors still as fingerprints), after it is
// resolved for the check (graph-bytes/state) and, at most over the
// branches of the negated property, with a branch's product with its
// tableau built (product-bytes/state, graph excluded); estimate-bytes/state
// is Graph.Bytes's figure for the resolved graph. Heap figures are live
// bytes after a collection (runtime.MemStats.HeapAlloc), not RSS.
func BenchmarkLivenessMemory(b *testing.B) {
	for b.Loop() {
		m, _, err := check.Load("../../tla/MCAllocatorLiveness.tla", "../../tla/MCLiveTwoSlabs.cfg")
		if err != nil {
			b.Fatal(err)
		}
		lc, err := New(m)
		if err != nil {
			b.Fatal(err)
		}
		h0 := heap()
		m.Graph = lc.Graph()
		if r := check.Check(m, check.Options{Workers: 1}); r.Verdict != check.Success {
			b.Fatal(r.Verdict)
		}
		g := lc.Graph()
		n := float64(g.States())
		hSearch := heap()
		g.finish()
		hGraph := heap()
		var worst int64
		for i, br := range lc.branches {
			p := g.product(br, lc.tabs[i])
			if d := heap() - hGraph; d > worst {
				worst = d
			}
			runtime.KeepAlive(p)
		}
		if cx, err := lc.Check(); err != nil || cx == nil {
			b.Fatal("RemoteDrained must fail on the two-slab model", err)
		}
		b.ReportMetric(float64(hSearch-h0)/n, "search-bytes/state")
		b.ReportMetric(float64(hGraph-h0)/n, "graph-bytes/state")
		b.ReportMetric(float64(g.Bytes())/n, "estimate-bytes/state")
		b.ReportMetric(float64(worst)/n, "product-bytes/state")
		b.ReportMetric(n, "states")
		runtime.KeepAlive(lc)
	}
}
