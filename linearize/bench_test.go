package linearize

import (
	"sync"
	"testing"
	"time"

	"github.com/veralloc/veralloc/internal/cputime"
)

var (
	benchOnce sync.Once
	benchRun  *Run
	benchErr  error
)

// benchHistory records one 100000-operation history from 8 goroutines
// (SmallOptions), shared by the benchmarks.
func benchHistory(b *testing.B) *Run {
	benchOnce.Do(func() { benchRun, benchErr = Record(Config{Goroutines: 8, Ops: 100000, Seed: 1}) })
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	if len(benchRun.Problems) > 0 {
		b.Fatalf("recording had problems: %v", benchRun.Problems)
	}
	return benchRun
}

// BenchmarkCheck100k: porcupine on a 100000-operation history from 8
// goroutines (the target is under 2 s per check).
func BenchmarkCheck100k(b *testing.B) {
	run := benchHistory(b)
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
}

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
