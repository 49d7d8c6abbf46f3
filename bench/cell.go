package bench

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/veralloc/veralloc/internal/cputime"
)

// Workloads lists the workload names Run accepts.
var Workloads = []string{"random_mixed", "xfree", "larson", "xmalloc", "mstress", "cache_scratch", "sh6bench", "alloc_test", "glibc_simple"}

// Config is one benchmark cell: a workload with its parameters and an
// allocator. Iters is the workload's main count: random_mixed iterations,
// xfree blocks per producer, larson operations per worker and round,
// xmalloc batches per producer, mstress scale, cache_scratch blocks per
// thread, sh6bench passes, alloc_test steps per thread, glibc_simple
// allocations per phase (the original's NUM_ITERS).
type Config struct {
	Workload string
	Alloc    string
	Iters    int
	Slots    int    // random_mixed, larson: slots per array; sh6bench: ring slots per thread; alloc_test: bins in all
	Seed     uint64 // all workloads
	Pairs    int    // xfree: producer/consumer pairs
	Threads  int    // larson: concurrent workers per round; xmalloc: producers (and as many releasers); mstress, cache_scratch, sh6bench, alloc_test: threads
	Rounds   int    // larson, mstress: rounds (each with fresh goroutines and heaps)
	Size     int    // xmalloc (0: mixed sizes), cache_scratch: block size; glibc_simple: the first of its three sizes
	Reps     int    // cache_scratch: write passes over each block, shared by the threads
}

// Result is what one cell measured. RSS figures are in kB, -1 when unknown.
type Result struct {
	Config
	Ops     int64
	Seconds float64 // wall time of the measured part
	// CPUSeconds is the CPU time (user+system, all threads) the process
	// spent in the measured part, -1 when unknown. On a shared machine it
	// moves less with other load than Seconds does.
	CPUSeconds float64
	Checksum   Checksum
	// RSSBefore is VmRSS before the allocator was opened (after a short
	// warm-up of the Go runtime on make, see warmGoRuntime, and with the
	// workload's slot arrays already allocated and touched); RSSPeak is VmHWM
	// over the workload; RSSAfter is VmRSS after every block was freed and
	// every heap closed, with the allocator still open; RSSClosed is VmRSS
	// after the allocator was closed too. Each reading follows runtime.GC and
	// debug.FreeOSMemory, so Go-managed garbage is not counted.
	RSSBefore, RSSPeak, RSSAfter, RSSClosed int64
}

// Mops is millions of operations per second.
func (r Result) Mops() float64 {
	if r.Seconds <= 0 {
		return 0
	}
	return float64(r.Ops) / r.Seconds / 1e6
}

// MopsPerCPUSecond is millions of operations per CPU second (0 when unknown).
func (r Result) MopsPerCPUSecond() float64 {
	if r.CPUSeconds <= 0 {
		return 0
	}
	return float64(r.Ops) / r.CPUSeconds / 1e6
}

// RSSReturned reports whether RSS after freeing everything is within 10% of
// RSS before the run.
func (r Result) RSSReturned() bool { return rssReturned(r.RSSBefore, r.RSSAfter) }

// Line formats the result as one "key=value" line; harness.c prints the
// same keys (without rss_closed_kb).
func (r Result) Line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "workload=%s alloc=%s %s ops=%d seconds=%.4f Mops/s=%.2f cpu_seconds=%.4f Mops/cpu-s=%.2f checksum=0x%016x",
		r.Workload, r.Alloc, r.params(), r.Ops, r.Seconds, r.Mops(), r.CPUSeconds, r.MopsPerCPUSecond(), uint64(r.Checksum))
	fmt.Fprintf(&b, " rss_before_kb=%s rss_peak_kb=%s rss_after_kb=%s rss_closed_kb=%s rss_returned=%s",
		kbString(r.RSSBefore), kbString(r.RSSPeak), kbString(r.RSSAfter), kbString(r.RSSClosed),
		map[bool]string{true: "yes", false: "no"}[r.RSSReturned()])
	return b.String()
}

func (c Config) params() string {
	switch c.Workload {
	case "xfree":
		return fmt.Sprintf("iters=%d pairs=%d seed=%d", c.Iters, c.Pairs, c.Seed)
	case "larson":
		return fmt.Sprintf("iters=%d slots=%d threads=%d rounds=%d seed=%d", c.Iters, c.Slots, c.Threads, c.Rounds, c.Seed)
	case "xmalloc":
		return fmt.Sprintf("iters=%d threads=%d size=%d seed=%d", c.Iters, c.Threads, c.Size, c.Seed)
	case "mstress":
		return fmt.Sprintf("iters=%d threads=%d rounds=%d seed=%d", c.Iters, c.Threads, c.Rounds, c.Seed)
	case "cache_scratch":
		return fmt.Sprintf("iters=%d threads=%d size=%d reps=%d", c.Iters, c.Threads, c.Size, c.Reps)
	case "sh6bench":
		return fmt.Sprintf("iters=%d slots=%d threads=%d", c.Iters, c.Slots, c.Threads)
	case "alloc_test":
		return fmt.Sprintf("iters=%d slots=%d threads=%d seed=%d", c.Iters, c.Slots, c.Threads, c.Seed)
	case "glibc_simple":
		return fmt.Sprintf("iters=%d size=%d", c.Iters, c.Size)
	default:
		return fmt.Sprintf("iters=%d slots=%d seed=%d", c.Iters, c.Slots, c.Seed)
	}
}

// clock times the measured part of a workload, in wall time and in CPU time
// of the process.
type clock struct {
	t0      time.Time
	cpu0    float64
	elapsed time.Duration
	cpu     float64 // CPU seconds between start and stop, -1 when unknown
}

func (c *clock) start() { c.cpu0 = processCPUSeconds(); c.t0 = time.Now() }
func (c *clock) stop() {
	c.elapsed = time.Since(c.t0)
	if c.cpu0 < 0 {
		c.cpu = -1
	} else {
		c.cpu = processCPUSeconds() - c.cpu0
	}
}

// processCPUSeconds is the user+system CPU time of the whole process (every
// thread, the Go runtime's included; harness.c reads the same, getrusage
// RUSAGE_SELF), or -1 when it cannot be read.
func processCPUSeconds() float64 {
	if d := cputime.Process(); d > 0 {
		return d.Seconds()
	}
	return -1
}

// warmGoRuntime runs a short random_mixed on Go's own allocator (make) and
// drops it, so that the Go runtime's one-time growth (per-P span caches, GC
// work buffers, metadata of the first heap arena) happens before RSSBefore is
// read and is not charged to the allocator under test.
func warmGoRuntime() {
	var clk clock
	_, _ = randomMixed(gomake{}, make([][]byte, 256), 50000, 1, &clk)
}

// settledRSS collects Go garbage, returns freed Go heap to the OS and reads VmRSS.
func settledRSS() int64 {
	runtime.GC()
	debug.FreeOSMemory()
	return procStatusKB("VmRSS")
}

// Validate checks the parameters of c.
func (c Config) Validate() error {
	if c.Iters < 0 {
		return fmt.Errorf("iters must not be negative, got %d", c.Iters)
	}
	switch c.Workload {
	case "random_mixed":
		if c.Slots <= 0 {
			return fmt.Errorf("random_mixed: slots must be positive, got %d", c.Slots)
		}
	case "xfree":
		if c.Pairs <= 0 {
			return fmt.Errorf("xfree: pairs must be positive, got %d", c.Pairs)
		}
	case "larson":
		if c.Slots <= 0 || c.Threads <= 0 || c.Rounds <= 0 {
			return fmt.Errorf("larson: slots, threads and rounds must be positive, got %d, %d, %d", c.Slots, c.Threads, c.Rounds)
		}
	case "xmalloc":
		if c.Threads <= 0 || c.Size < 0 {
			return fmt.Errorf("xmalloc: threads must be positive and size not negative, got %d, %d", c.Threads, c.Size)
		}
	case "mstress":
		if c.Threads <= 0 || c.Rounds <= 0 {
			return fmt.Errorf("mstress: threads and rounds must be positive, got %d, %d", c.Threads, c.Rounds)
		}
	case "cache_scratch":
		if c.Threads <= 0 || c.Size <= 0 || c.Reps < 0 {
			return fmt.Errorf("cache_scratch: threads and size must be positive and reps not negative, got %d, %d, %d", c.Threads, c.Size, c.Reps)
		}
	case "sh6bench":
		if c.Threads <= 0 || c.Slots < 5 {
			return fmt.Errorf("sh6bench: threads must be positive and slots at least 5, got %d, %d", c.Threads, c.Slots)
		}
	case "alloc_test":
		if c.Threads <= 0 || c.Slots < atMinBins*c.Threads {
			return fmt.Errorf("alloc_test: threads must be positive and slots at least %d per thread, got %d, %d", atMinBins, c.Threads, c.Slots)
		}
	case "glibc_simple":
		if c.Size <= 0 || c.Size > len(gsPattern)/4 {
			return fmt.Errorf("glibc_simple: size must be 1..%d, got %d", len(gsPattern)/4, c.Size)
		}
	default:
		return fmt.Errorf("unknown workload %q (have %v)", c.Workload, Workloads)
	}
	if _, ok := allocators[c.Alloc]; !ok {
		return fmt.Errorf("unknown allocator %q (have %v)", c.Alloc, AllocatorNames())
	}
	if c.Alloc == "gofloor" && !floorWorkloads[c.Workload] {
		return fmt.Errorf("allocator gofloor (the harness floor) runs random_mixed only, not %s", c.Workload)
	}
	return nil
}

// Run runs one cell: opens the allocator, runs the workload, frees
// everything, closes the allocator, and reports throughput and RSS.
func Run(c Config) (Result, error) {
	res := Result{Config: c}
	if err := c.Validate(); err != nil {
		return res, err
	}
	warmGoRuntime()
	var arrays [][][]byte
	switch c.Workload {
	case "random_mixed":
		arrays = newSlotArrays(1, c.Slots)
	case "larson":
		arrays = newSlotArrays(c.Threads, c.Slots)
	}
	defer runtime.KeepAlive(arrays) // the arrays stay counted in every RSS reading
	res.RSSBefore = settledRSS()
	a, err := Open(c.Alloc)
	if err != nil {
		return res, err
	}
	resetPeakRSS()
	var clk clock
	switch c.Workload {
	case "random_mixed":
		res.Ops = int64(c.Iters)
		res.Checksum, err = randomMixed(a, arrays[0], c.Iters, c.Seed, &clk)
	case "xfree":
		res.Ops = int64(c.Pairs) * int64(c.Iters)
		res.Checksum, err = xfree(a, c.Pairs, c.Iters, c.Seed, &clk)
	case "larson":
		res.Ops = int64(c.Threads) * int64(c.Rounds) * int64(c.Iters)
		res.Checksum, err = larson(a, arrays, c.Rounds, c.Iters, c.Seed, &clk)
	case "xmalloc":
		res.Ops = int64(c.Threads) * int64(c.Iters) * xmBatch
		res.Checksum, err = xmalloc(a, c.Threads, c.Iters, c.Size, c.Seed, &clk)
	case "mstress":
		res.Checksum, res.Ops, err = mstress(a, c.Threads, c.Iters, c.Rounds, c.Seed, &clk)
	case "cache_scratch":
		res.Checksum, res.Ops, err = cacheScratch(a, c.Threads, c.Iters, c.Size, c.Reps, &clk)
	case "sh6bench":
		res.Checksum, res.Ops, err = sh6bench(a, c.Threads, c.Slots, c.Iters, &clk)
	case "alloc_test":
		res.Checksum, res.Ops, err = allocTest(a, c.Threads, c.Slots, c.Iters, c.Seed, &clk)
	case "glibc_simple":
		res.Checksum, res.Ops, err = glibcSimple(a, c.Iters, c.Size, &clk)
	}
	res.Seconds = clk.elapsed.Seconds()
	res.CPUSeconds = clk.cpu
	res.RSSPeak = procStatusKB("VmHWM")
	if err != nil {
		a.Close()
		return res, fmt.Errorf("%s on %s: %w", c.Workload, c.Alloc, err)
	}
	res.RSSAfter = settledRSS()
	if err := a.Close(); err != nil {
		return res, fmt.Errorf("closing %s: %w", c.Alloc, err)
	}
	res.RSSClosed = settledRSS()
	return res, nil
}
