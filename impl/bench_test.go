package impl

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/veralloc/veralloc/internal/cputime"
)

// The single-goroutine benchmarks lock their goroutine to its thread and
// report cpu-ns/op (cputime.Thread) next to ns/op: on a loaded machine
// wall time measures the other processes too.
type cpuClock struct{ t0 time.Duration }

func startCPU(b *testing.B) *cpuClock {
	runtime.LockOSThread()
	b.ResetTimer()
	return &cpuClock{cputime.Thread()}
}

func (c *cpuClock) stop(b *testing.B) {
	d := cputime.Thread() - c.t0
	b.StopTimer()
	runtime.UnlockOSThread()
	b.ReportMetric(float64(d)/float64(b.N), "cpu-ns/op")
}

// xorshift is the generator of docs/design.md section 7.
type xorshift uint64

func newXorshift(seed uint64) xorshift { return xorshift(seed*0x9E3779B97F4A7C15 + 1) }

func (x *xorshift) next() uint64 {
	v := uint64(*x)
	v ^= v << 13
	v ^= v >> 7
	v ^= v << 17
	*x = xorshift(v)
	return v
}

func benchAllocFree(b *testing.B, o Options, n int) {
	a, err := New(o)
	if err != nil {
		b.Fatal(err)
	}
	h := a.NewHeap()
	b.ReportAllocs()
	clk := startCPU(b)
	for i := 0; i < b.N; i++ {
		p, err := h.Alloc(n)
		if err != nil {
			b.Fatal(err)
		}
		p[0] = 1
		if err := h.Free(p); err != nil {
			b.Fatal(err)
		}
	}
	clk.stop(b)
	h.Close()
	if err := a.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkAllocFree: one Alloc + Free pair of 64 bytes, default mode and
// checked mode.
func BenchmarkAllocFree(b *testing.B) {
	b.Run("default", func(b *testing.B) { benchAllocFree(b, Options{}, 64) })
	b.Run("checks", func(b *testing.B) { benchAllocFree(b, Options{Checks: true}, 64) })
}

var sink []byte

// BenchmarkGoMakeSmall is the Go heap peer of BenchmarkAllocFree.
func BenchmarkGoMakeSmall(b *testing.B) {
	b.ReportAllocs()
	clk := startCPU(b)
	for i := 0; i < b.N; i++ {
		p := make([]byte, 64)
		p[0] = 1
		sink = p
	}
	clk.stop(b)
}

const rmSlots = 256

// randomMixedVeralloc runs iters iterations of the random_mixed workload
// (docs/design.md section 7) on h, returning a checksum. Every request is
// size bytes, or 16 + (r>>16)%1009 (the workload's sizes) when size is 0.
func randomMixedVeralloc(b *testing.B, h *Heap, slots *[rmSlots][]byte, x *xorshift, iters, size int) (sum int) {
	for i := 0; i < iters; i++ {
		r := x.next()
		k := r % rmSlots
		if p := slots[k]; p != nil {
			sum += int(p[0])
			if err := h.Free(p); err != nil {
				b.Fatal(err)
			}
			slots[k] = nil
			continue
		}
		n := size
		if n == 0 {
			n = 16 + int((r>>16)%1009)
		}
		p, err := h.Alloc(n)
		if err != nil {
			b.Fatal(err)
		}
		p[0] = byte(r)
		slots[k] = p
	}
	return sum
}

// freeSlots frees the blocks left in slots through h.
func freeSlots(b *testing.B, h *Heap, slots *[rmSlots][]byte) {
	for _, p := range slots {
		if p != nil {
			if err := h.Free(p); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRandomMixed: one op is one iteration of random_mixed (256
// slots, sizes 16..1024, seed 42), veralloc (default and checked) against
// Go's make with the garbage collector reclaiming the dropped slices.
func BenchmarkRandomMixed(b *testing.B) {
	for _, mode := range []struct {
		name string
		o    Options
	}{{"veralloc", Options{}}, {"veralloc-checks", Options{Checks: true}}} {
		b.Run(mode.name, func(b *testing.B) {
			a, err := New(mode.o)
			if err != nil {
				b.Fatal(err)
			}
			h := a.NewHeap()
			var slots [rmSlots][]byte
			x := newXorshift(42)
			clk := startCPU(b)
			sinkInt = randomMixedVeralloc(b, h, &slots, &x, b.N, 0)
			clk.stop(b)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mops/s")
			freeSlots(b, h, &slots)
			h.Close()
			if err := a.Close(); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.Run("gomake", func(b *testing.B) {
		var slots [rmSlots][]byte
		x := newXorshift(42)
		sum := 0
		clk := startCPU(b)
		for i := 0; i < b.N; i++ {
			r := x.next()
			k := r % rmSlots
			if p := slots[k]; p != nil {
				sum += int(p[0])
				slots[k] = nil
			} else {
				p := make([]byte, 16+int((r>>16)%1009))
				p[0] = byte(r)
				slots[k] = p
			}
		}
		clk.stop(b)
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mops/s")
		sinkInt = sum
	})
}

var sinkInt int

// spscRing is a bounded single-producer single-consumer ring with the
// spin-then-yield policy of bench/xfree.go.
type spscRing struct {
	_    [64]byte
	tail atomic.Uint64
	_    [64]byte
	head atomic.Uint64
	_    [64]byte
	buf  [1024][]byte
}

func (q *spscRing) push(b []byte, headCache *uint64) {
	t := q.tail.Load()
	for spins := 0; t-*headCache >= uint64(len(q.buf)); spins++ {
		*headCache = q.head.Load()
		if spins >= 100 {
			runtime.Gosched()
		}
	}
	q.buf[t%uint64(len(q.buf))] = b
	q.tail.Store(t + 1)
}

func (q *spscRing) pop(tailCache *uint64) []byte {
	h := q.head.Load()
	for spins := 0; h >= *tailCache; spins++ {
		*tailCache = q.tail.Load()
		if spins >= 100 {
			runtime.Gosched()
		}
	}
	b := q.buf[h%uint64(len(q.buf))]
	q.head.Store(h + 1)
	return b
}

// BenchmarkXfree: one producer allocates blocks of 16..1024 bytes and
// hands them through a bounded SPSC ring to a consumer that frees them
// (every free is remote). One op is one block. proc-cpu-ns/op is the
// process's CPU time per block (both ends, spinning included). The
// -locked variant locks each end to its OS thread and also reports each
// end's thread CPU time per block (prod-cpu-ns/op, cons-cpu-ns/op); the
// side that waits less is the bottleneck, and its figure is the steadier
// measure of the allocator's cost on that side.
func BenchmarkXfree(b *testing.B) {
	b.Run("veralloc", func(b *testing.B) { benchXfreeVeralloc(b, Options{}, false) })
	// One CAS per remote free (RemoteBatch 0 in the spec): the peer that
	// shows what local batches of remote frees buy.
	b.Run("veralloc-unbatched", func(b *testing.B) { benchXfreeVeralloc(b, Options{RemoteBatch: -1}, false) })
	b.Run("veralloc-locked", func(b *testing.B) { benchXfreeVeralloc(b, Options{}, true) })
	b.Run("gomake", func(b *testing.B) {
		q := new(spscRing)
		var wg sync.WaitGroup
		wg.Add(1)
		b.ResetTimer()
		cpu0 := cputime.Process()
		go func() {
			defer wg.Done()
			var tc uint64
			for i := 0; i < b.N; i++ {
				p := q.pop(&tc)
				sinkInt += int(p[0])
			}
		}()
		x := newXorshift(42)
		var hcache uint64
		for i := 0; i < b.N; i++ {
			r := x.next()
			p := make([]byte, 16+int(r%1009))
			p[0] = 1
			q.push(p, &hcache)
		}
		wg.Wait()
		cpu := cputime.Process() - cpu0
		b.StopTimer()
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mops/s")
		b.ReportMetric(float64(cpu)/float64(b.N), "proc-cpu-ns/op")
	})
}

func benchXfreeVeralloc(b *testing.B, o Options, lock bool) {
	a, err := New(o)
	if err != nil {
		b.Fatal(err)
	}
	q := new(spscRing)
	var wg sync.WaitGroup
	wg.Add(1)
	hc := a.NewHeap()
	b.ResetTimer()
	cpu0 := cputime.Process()
	var consCPU time.Duration
	go func() {
		defer wg.Done()
		if lock {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
		}
		t0 := cputime.Thread()
		var tc uint64
		for i := 0; i < b.N; i++ {
			if err := hc.Free(q.pop(&tc)); err != nil {
				panic(err)
			}
		}
		consCPU = cputime.Thread() - t0
	}()
	if lock {
		runtime.LockOSThread()
	}
	prod0 := cputime.Thread()
	h := a.NewHeap()
	x := newXorshift(42)
	var hcache uint64
	for i := 0; i < b.N; i++ {
		r := x.next()
		p, err := h.Alloc(16 + int(r%1009))
		if err != nil {
			b.Fatal(err)
		}
		p[0] = 1
		q.push(p, &hcache)
	}
	prodCPU := cputime.Thread() - prod0
	if lock {
		runtime.UnlockOSThread()
	}
	wg.Wait()
	cpu := cputime.Process() - cpu0
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mops/s")
	b.ReportMetric(float64(cpu)/float64(b.N), "proc-cpu-ns/op")
	if lock {
		b.ReportMetric(float64(prodCPU)/float64(b.N), "prod-cpu-ns/op")
		b.ReportMetric(float64(consCPU)/float64(b.N), "cons-cpu-ns/op")
	}
	hc.Close()
	h.Close()
	if err := a.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRemoteRoundTrip isolates the cost of the remote path on one
// thread (no cross-core cache traffic): heap A allocates 256 blocks of 64
// bytes, heap B frees them all (remote pushes), and A's next refills drain
// them back while A's freelist still holds blocks from the drain before.
// One op is one Alloc plus one remote Free.
func BenchmarkRemoteRoundTrip(b *testing.B) {
	a, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	ha, hb := a.NewHeap(), a.NewHeap()
	var blocks [256][]byte
	clk := startCPU(b)
	for i := 0; i < b.N; {
		n := len(blocks)
		if b.N-i < n {
			n = b.N - i
		}
		for j := 0; j < n; j++ {
			p, err := ha.Alloc(64)
			if err != nil {
				b.Fatal(err)
			}
			p[0] = 1
			blocks[j] = p
		}
		for j := 0; j < n; j++ {
			if err := hb.Free(blocks[j]); err != nil {
				b.Fatal(err)
			}
		}
		i += n
	}
	clk.stop(b)
	ha.Close()
	hb.Close()
	if err := a.Close(); err != nil {
		b.Fatal(err)
	}
}
