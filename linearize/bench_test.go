package linearize

import (
	"sync"
	"testing"
	"time"

	"github.com/veralloc/veralloc/internal/cputime"
)

var (
	benchMu   sync.Mutex
	benchRuns = map[int]*Run{}
)

// benchHistory records one history of ops operations from 8 goroutines
// (SmallOptions, seed 1), shared by the benchmarks.
func benchHistory(b *testing.B, ops int) *Run {
	benchMu.Lock()
	defer benchMu.Unlock()
	run, ok := benchRuns[ops]
	if !ok {
		var err error
		if run, err = Record(Config{Goroutines: 8, Ops: ops, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		if len(run.Problems) > 0 {
			b.Fatalf("recording had problems: %v", run.Problems)
		}
		benchRuns[ops] = run
	}
	return run
}

// benchCheck checks the history of ops operations b.N times and reports
// the CPU time per check and the check rate (operations per second of
// wall time).
func benchCheck(b *testing.B, ops int) {
	run := benchHistory(b, ops)
	b.ResetTimer()
	c0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		res := Check(run.Ops, 5*time.Minute, "")
		if res.Verdict != Linearizable {
			b.Fatalf("verdict %v", res.Verdict)
		}
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(run.Ops)), "ops/history")
	b.ReportMetric(float64(len(run.Ops))*float64(b.N)/b.Elapsed().Seconds(), "checked-ops/s")
}

// BenchmarkCheck100k: the check of a 100000-operation history from 8
// goroutines.
func BenchmarkCheck100k(b *testing.B) { benchCheck(b, 100000) }

// BenchmarkCheck1M: the check of a 1000000-operation history from 8
// goroutines (the target is under 3 s per check: veralloc lincheck
// -goroutines 8 -ops 1000000).
func BenchmarkCheck1M(b *testing.B) { benchCheck(b, 1000000) }

// BenchmarkRecord100k: recording the same workload (for comparison with
// the check).
func BenchmarkRecord100k(b *testing.B) {
	c0 := cputime.Process()
	defer func() { b.ReportMetric(float64(cputime.Process()-c0)/float64(b.N), "cpu-ns/op") }()
	for i := 0; i < b.N; i++ {
		run, err := Record(Config{Goroutines: 8, Ops: 100000, Seed: uint64(i)})
		if err != nil || len(run.Problems) > 0 {
			b.Fatal(err, run.Problems)
		}
	}
}
