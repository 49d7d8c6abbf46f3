package bench

import (
	"testing"
)

// benchCell runs workload run on every allocator as sub-benchmarks, with b.N
// as the per-thread op count, and reports Mops/s measured by the workload's
// own clock (allocator setup and final cleanup are not timed).
func benchCell(b *testing.B, workload string, run func(a Allocator, n int, clk *clock) (ops int, err error)) {
	for _, name := range AllocatorNames() {
		if name == "gofloor" && !floorWorkloads[workload] {
			continue
		}
		b.Run("alloc="+name, func(b *testing.B) {
			a, err := Open(name)
			if err != nil {
				b.Fatal(err)
			}
			defer a.Close()
			var clk clock
			b.ResetTimer()
			ops, err := run(a, b.N, &clk)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if s := clk.elapsed.Seconds(); s > 0 {
				b.ReportMetric(float64(ops)/s/1e6, "Mops/s")
			}
		})
	}
}

// BenchmarkRandomMixed is random_mixed N 256 42.
func BenchmarkRandomMixed(b *testing.B) {
	benchCell(b, "random_mixed", func(a Allocator, n int, clk *clock) (int, error) {
		_, err := randomMixed(a, make([][]byte, 256), n, 42, clk)
		return n, err
	})
}

// BenchmarkXfree is xfree with 1 pair and N blocks.
func BenchmarkXfree(b *testing.B) {
	benchCell(b, "xfree", func(a Allocator, n int, clk *clock) (int, error) {
		_, err := xfree(a, 1, n, 42, clk)
		return n, err
	})
}

// BenchmarkLarson is larson with 2 threads, 256 slots and 10 rounds of
// about N/20 ops per worker (about N ops in all).
func BenchmarkLarson(b *testing.B) {
	benchCell(b, "larson", func(a Allocator, n int, clk *clock) (int, error) {
		per := (n + 19) / 20
		_, err := larson(a, newSlotArrays(2, 256), 10, per, 42, clk)
		return 2 * 10 * per, err
	})
}
