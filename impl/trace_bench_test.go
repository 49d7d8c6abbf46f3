//go:build trace

package impl

import (
	"io"
	"sync"
	"testing"

	"github.com/veralloc/veralloc/internal/cputime"
)

// BenchmarkTraceOverhead measures what tracing costs the workloads of
// docs/design.md section 7 in the traced build, in one run: each workload
// on an allocator that is not traced (the trace build's hooks find no
// tracer: one atomic load an action) next to one whose 64-byte class is
// traced into io.Discard (as NDJSON, and in the binary format), and one
// where every request is 64 bytes, so that
// every action is traced (the worst case). Compare the untraced default
// build with BenchmarkRandomMixed/veralloc and BenchmarkXfree/veralloc.
// One op is one random_mixed iteration or one xfree block. cpu-ns/op
// (random_mixed: the goroutine's thread) and proc-cpu-ns/op (xfree: the
// process) are CPU time, what to compare on a loaded machine, as the
// default build's benchmarks report.
func BenchmarkTraceOverhead(b *testing.B) {
	for _, c := range []struct {
		name  string
		trace int // 0: none, 1: NDJSON, 2: binary
		size  int // 0: 16 + r % 1009, as in the workload
	}{{"untraced", 0, 0}, {"traced", 1, 0}, {"traced-binary", 2, 0},
		{"traced-all-64", 1, 64}, {"traced-all-64-binary", 2, 64}, {"untraced-all-64", 0, 64}} {
		b.Run("random_mixed/"+c.name, func(b *testing.B) {
			a := tracedBenchAllocator(b, c.trace)
			h := a.NewHeap()
			var slots [rmSlots][]byte
			x := newXorshift(42)
			clk := startCPU(b)
			sinkInt += randomMixedVeralloc(b, h, &slots, &x, b.N, c.size)
			clk.stop(b)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mops/s")
			freeSlots(b, h, &slots)
			h.Close()
			stopBenchTrace(b, a, c.trace)
		})
		b.Run("xfree/"+c.name, func(b *testing.B) {
			a := tracedBenchAllocator(b, c.trace)
			q := new(spscRing)
			var wg sync.WaitGroup
			wg.Add(1)
			hc := a.NewHeap()
			b.ResetTimer()
			cpu0 := cputime.Process()
			go func() {
				defer wg.Done()
				var tc uint64
				for i := 0; i < b.N; i++ {
					if err := hc.Free(q.pop(&tc)); err != nil {
						panic(err)
					}
				}
			}()
			h := a.NewHeap()
			x := newXorshift(42)
			var hcache uint64
			for i := 0; i < b.N; i++ {
				r := x.next()
				n := c.size
				if n == 0 {
					n = 16 + int(r%1009)
				}
				p, err := h.Alloc(n)
				if err != nil {
					b.Fatal(err)
				}
				p[0] = 1
				q.push(p, &hcache)
			}
			wg.Wait()
			cpu := cputime.Process() - cpu0
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mops/s")
			b.ReportMetric(float64(cpu)/float64(b.N), "proc-cpu-ns/op")
			h.Close()
			hc.Close()
			stopBenchTrace(b, a, c.trace)
		})
	}
}

func tracedBenchAllocator(b *testing.B, trace int) *Allocator {
	a, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	start := a.StartTrace
	if trace == 2 {
		start = a.StartTraceBinary
	}
	if trace != 0 {
		if err := start(io.Discard, a.ClassOf(64)); err != nil {
			b.Fatal(err)
		}
	}
	return a
}

func stopBenchTrace(b *testing.B, a *Allocator, trace int) {
	if trace == 0 {
		return
	}
	st, err := a.StopTrace()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(st.Events)/float64(b.N), "events/op")
}
