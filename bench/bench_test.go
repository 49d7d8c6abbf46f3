package bench

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/veralloc/veralloc/impl"
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

// TestSlotOpsCopiesAgree runs the concrete-type loops (slotOpsVera,
// slotOpsFloor) and the interface loop on the same heap types with the same
// generator and checks that they leave the same slots, generator state and
// checksum; then that the concrete loops report a bad free and stop there.
func TestSlotOpsCopiesAgree(t *testing.T) {
	type run func(h Heap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error)
	vera := func(h Heap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error) {
		return slotOpsVera(h.(*impl.Heap), slot, rng, iters, cs)
	}
	floor := func(h Heap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error) {
		return slotOpsFloor(h.(*floorHeap), slot, rng, iters, cs)
	}
	shape := func(slot [][]byte) []int {
		n := make([]int, len(slot))
		for k, b := range slot {
			n[k] = len(b)
			if b == nil {
				n[k] = -1
			}
		}
		return n
	}
	for _, c := range []struct {
		alloc string
		loop  run
	}{{"veralloc", vera}, {"gofloor", floor}} {
		var got [2]struct {
			shape []int
			rng   Rand
			cs    Checksum
		}
		for i, loop := range []run{c.loop, slotOpsIface} {
			a, err := Open(c.alloc)
			if err != nil {
				t.Fatal(err)
			}
			h := a.NewHeap()
			slot := make([][]byte, 61)
			rng, cs := NewRand(7), newChecksum()
			if n, err := loop(h, slot, &rng, 30000, &cs); n != 30000 || err != nil {
				t.Fatalf("%s loop %d: %d ops, %v", c.alloc, i, n, err)
			}
			got[i].shape, got[i].rng, got[i].cs = shape(slot), rng, cs
			if err := freeSlots(h, slot); err != nil {
				t.Fatal(err)
			}
			h.Close()
			a.Close()
		}
		if diff := cmp.Diff(got[1].shape, got[0].shape); diff != "" {
			t.Errorf("%s: slots differ between the interface loop and the concrete loop (-iface +concrete):\n%s", c.alloc, diff)
		}
		if got[0].rng != got[1].rng || got[0].cs != got[1].cs {
			t.Errorf("%s: concrete loop ended with rng %v checksum %#x, interface loop %v %#x", c.alloc, got[0].rng, got[0].cs, got[1].rng, got[1].cs)
		}

		// A block the allocator never gave out: the loop stops at that op with an error.
		a, _ := Open(c.alloc)
		h := a.NewHeap()
		slot := make([][]byte, 1)
		slot[0] = make([]byte, 8)
		rng, cs := NewRand(1), newChecksum()
		n, err := c.loop(h, slot, &rng, 10, &cs)
		if err == nil || n != 0 || !strings.Contains(err.Error(), "free of slot 0") {
			t.Errorf("%s: free of a foreign block: %d ops, error %v; want 0 ops and a 'free of slot 0' error", c.alloc, n, err)
		}
		h.Close()
		a.Close()
	}
}
