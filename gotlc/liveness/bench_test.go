package liveness

import (
	"testing"

	"github.com/veralloc/veralloc/gotlc/check"
)

// BenchmarkLiveness checks starvation freedom of the semaphore under
// strong fairness (3 processes) and reports the recorded graph's memory
// per state (the figure gotlc/README.md states).
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
