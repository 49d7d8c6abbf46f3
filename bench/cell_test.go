package bench

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// smallCells are quick versions of every workload, used by the tests.
var smallCells = []Config{
	{Workload: "random_mixed", Iters: 10000, Slots: 256, Seed: 42},
	{Workload: "random_mixed", Iters: 20000, Slots: 7, Seed: 3},
	{Workload: "xfree", Iters: 10000, Pairs: 1, Seed: 42},
	{Workload: "xfree", Iters: 5000, Pairs: 2, Seed: 9},
	{Workload: "larson", Iters: 3000, Slots: 64, Threads: 2, Rounds: 4, Seed: 42},
	{Workload: "xmalloc", Iters: 3, Threads: 2, Size: 64, Seed: 42},
	{Workload: "xmalloc", Iters: 2, Threads: 1, Size: 0, Seed: 5},
	{Workload: "mstress", Iters: 2, Threads: 3, Rounds: 3, Seed: 42},
	{Workload: "cache_scratch", Iters: 100, Threads: 2, Size: 8, Reps: 10},
	{Workload: "sh6bench", Iters: 2, Slots: 1000, Threads: 2},
	{Workload: "alloc_test", Iters: 20000, Slots: 2 * atMinBins, Threads: 2, Seed: 42},
	{Workload: "glibc_simple", Iters: 3200, Size: 16},
}

func (c Config) with(alloc string) Config { c.Alloc = alloc; return c }

// TestEveryAllocatorRunsEveryWorkload runs each small cell on each allocator
// and checks that all allocators performed the same operation sequence and
// read back every byte they wrote (equal checksums).
func TestEveryAllocatorRunsEveryWorkload(t *testing.T) {
	for _, c := range smallCells {
		var want Checksum
		wantFrom := ""
		for _, name := range AllocatorNames() {
			if name == "gofloor" && !floorWorkloads[c.Workload] {
				if _, err := Run(c.with(name)); err == nil {
					t.Errorf("gofloor accepted %s", c.Workload)
				}
				continue
			}
			res, err := Run(c.with(name))
			if err != nil {
				t.Fatalf("%s %s: %v", c.Workload, name, err)
			}
			wantOps := wantOpsOf(c)
			if c.Workload == "alloc_test" { // setup draws are random: at least the steps, at most steps + bins
				wantOps = res.Ops
				if steps := int64(c.Iters &^ 31 * c.Threads); res.Ops < steps || res.Ops > steps+int64(c.Slots) {
					t.Errorf("alloc_test %s: ops=%d, want %d..%d", name, res.Ops, steps, steps+int64(c.Slots))
				}
			}
			if res.Ops != wantOps || res.Seconds <= 0 || res.Mops() <= 0 {
				t.Errorf("%s %s: ops=%d seconds=%g Mops=%g, want ops=%d and positive time", c.Workload, name, res.Ops, res.Seconds, res.Mops(), wantOps)
			}
			if !strings.Contains(res.Line(), "Mops/s=") {
				t.Errorf("line has no Mops/s=: %s", res.Line())
			}
			if wantFrom == "" {
				want, wantFrom = res.Checksum, name
			} else if res.Checksum != want {
				t.Errorf("%s %s: checksum %#x, %s had %#x", c.params(), name, res.Checksum, wantFrom, want)
			}
		}
	}
}

// wantOpsOf is the op count cell c must report (alloc_test's depends on
// its random setup: the test bounds it instead).
func wantOpsOf(c Config) int64 {
	switch c.Workload {
	case "random_mixed":
		return int64(c.Iters)
	case "xfree":
		return int64(c.Iters * c.Pairs)
	case "larson":
		return int64(c.Iters * c.Threads * c.Rounds)
	case "xmalloc":
		return int64(c.Iters * c.Threads * xmBatch)
	case "mstress":
		return msOps(c.Threads, c.Iters, c.Rounds)
	case "cache_scratch":
		return int64(c.Threads * c.Iters * (c.Reps / c.Threads) * c.Size)
	case "sh6bench":
		return int64(c.Threads * c.Iters * sh6PassAllocs)
	case "glibc_simple":
		return 3 * 4 * gsPhaseAllocs(c.Iters)
	}
	return -1
}

// TestChecksumDependsOnEveryParameter guards against a checksum that cannot
// tell runs apart.
func TestChecksumDependsOnEveryParameter(t *testing.T) {
	base := Config{Workload: "random_mixed", Alloc: "gomake", Iters: 5000, Slots: 256, Seed: 42}
	variants := []Config{base, base, base, base}
	variants[1].Seed = 43
	variants[2].Slots = 255
	variants[3].Iters = 4999
	seen := map[Checksum]int{}
	for i, c := range variants {
		res, err := Run(c)
		if err != nil {
			t.Fatal(err)
		}
		if j, dup := seen[res.Checksum]; dup {
			t.Errorf("variants %d and %d (%s / %s) have the same checksum %#x", j, i, variants[j].params(), c.params(), res.Checksum)
		}
		seen[res.Checksum] = i
	}
}

// aliasing is a deliberately broken allocator: every alloc of a given size
// class returns the same memory, as an allocator that hands a block out
// twice would. The checksum must expose it.
type aliasing struct {
	mu     sync.Mutex // heaps of several goroutines share blocks
	blocks map[int][]byte
}

type aliasingHeap struct{ *aliasing }

func (a *aliasing) NewHeap() Heap      { return aliasingHeap{a} }
func (a *aliasing) Close() error       { return nil }
func (aliasingHeap) Close()            {}
func (aliasingHeap) Free([]byte) error { return nil }
func (a aliasingHeap) Alloc(n int) ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	c := sizeClass(n)
	if a.blocks[c] == nil {
		a.blocks[c] = make([]byte, classSize(c))
	}
	return a.blocks[c][:n], nil
}

// failing fails its 100th free, as an allocator that detects corruption does.
type failing struct{ frees atomic.Int64 }

type failingHeap struct {
	gomakeHeap
	*failing
}

func (f *failing) NewHeap() Heap { return failingHeap{failing: f} }
func (f *failing) Close() error  { return nil }
func (failingHeap) Close()       {}
func (f failingHeap) Free(b []byte) error {
	if f.frees.Add(1) == 100 {
		return errors.New("seeded failure")
	}
	return nil
}

func TestBrokenAllocatorsAreCaught(t *testing.T) {
	registerAllocator("test-aliasing", func() (Allocator, error) { return &aliasing{blocks: map[int][]byte{}}, nil })
	registerAllocator("test-failing", func() (Allocator, error) { return &failing{}, nil })
	defer delete(allocators, "test-aliasing")
	defer delete(allocators, "test-failing")
	for _, c := range smallCells {
		good, err := Run(c.with("gomake"))
		if err != nil {
			t.Fatal(err)
		}
		// Aliased blocks are written by whoever holds them, so only the
		// single-goroutine workload can run it without a data race.
		if c.Workload == "random_mixed" {
			bad, err := Run(c.with("test-aliasing"))
			if err != nil {
				t.Fatal(err)
			}
			if bad.Checksum == good.Checksum {
				t.Errorf("%s: an allocator that aliases blocks gave the correct checksum %#x", c.params(), good.Checksum)
			}
		}
		if _, err := Run(c.with("test-failing")); err == nil || !strings.Contains(err.Error(), "seeded failure") {
			t.Errorf("%s: a failing Free was not reported: %v", c.params(), err)
		}
	}
}

// TestAliasingIsCaughtOnEveryOneHeapAtATimeCell runs the aliasing allocator
// (one block per size class, handed out again and again) on a cell of each
// workload that uses one heap at a time (so the aliased writes do not race)
// and requires a wrong checksum or an error: every workload reads back
// something that tells blocks apart.
func TestAliasingIsCaughtOnEveryOneHeapAtATimeCell(t *testing.T) {
	registerAllocator("test-aliasing", func() (Allocator, error) { return &aliasing{blocks: map[int][]byte{}}, nil })
	defer delete(allocators, "test-aliasing")
	for _, c := range []Config{
		smallCells[0],
		{Workload: "mstress", Iters: 2, Threads: 1, Rounds: 2, Seed: 42},
		{Workload: "sh6bench", Iters: 1, Slots: 1000, Threads: 1},
		{Workload: "alloc_test", Iters: 20000, Slots: atMinBins, Threads: 1, Seed: 42},
		{Workload: "glibc_simple", Iters: 3200, Size: 16},
	} {
		good, err := Run(c.with("gomake"))
		if err != nil {
			t.Fatal(err)
		}
		bad, err := Run(c.with("test-aliasing"))
		if err == nil && bad.Checksum == good.Checksum {
			t.Errorf("%s %s: an allocator that aliases blocks gave the correct checksum %#x and no error", c.Workload, c.params(), good.Checksum)
		}
	}
}

func TestValidateRejectsBadConfigs(t *testing.T) {
	bad := []Config{
		{Workload: "nope", Alloc: "gomake", Iters: 1, Slots: 1},
		{Workload: "random_mixed", Alloc: "nope", Iters: 1, Slots: 1},
		{Workload: "random_mixed", Alloc: "gomake", Iters: 1, Slots: 0},
		{Workload: "random_mixed", Alloc: "gomake", Iters: -1, Slots: 1},
		{Workload: "xfree", Alloc: "gomake", Iters: 1, Pairs: 0},
		{Workload: "larson", Alloc: "gomake", Iters: 1, Slots: 1, Threads: 0, Rounds: 1},
		{Workload: "xmalloc", Alloc: "gomake", Iters: 1, Threads: 0, Size: 64},
		{Workload: "xmalloc", Alloc: "gomake", Iters: 1, Threads: 1, Size: -1},
		{Workload: "mstress", Alloc: "gomake", Iters: 1, Threads: 1, Rounds: 0},
		{Workload: "cache_scratch", Alloc: "gomake", Iters: 1, Threads: 1, Size: 0},
		{Workload: "sh6bench", Alloc: "gomake", Iters: 1, Threads: 1, Slots: 4},
		{Workload: "alloc_test", Alloc: "gomake", Iters: 1, Threads: 2, Slots: 2*atMinBins - 1},
		{Workload: "glibc_simple", Alloc: "gomake", Iters: 1, Size: 0},
	}
	for _, c := range bad {
		if _, err := Run(c); err == nil {
			t.Errorf("Run(%+v) succeeded, want an error", c)
		}
	}
}

func TestRSSIsRead(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("VmRSS comes from /proc/self/status, Linux only")
	}
	res, err := Run(Config{Workload: "random_mixed", Alloc: "gomake", Iters: 1000, Slots: 64, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.RSSBefore <= 0 || res.RSSPeak <= 0 || res.RSSAfter <= 0 || res.RSSClosed <= 0 {
		t.Errorf("RSS not read: %s", res.Line())
	}
	if !rssReturned(1000, 1100) || rssReturned(1000, 1101) || rssReturned(-1, 0) {
		t.Error("rssReturned does not implement 'within 10%'")
	}
}

// buildHarness compiles bench/c/harness.c for peer (glibc or cfloor, which
// need no extra library) into a temporary directory, or skips the test when
// there is no C compiler.
func buildHarness(t *testing.T, peer string, extra ...string) string {
	t.Helper()
	cc, err := exec.LookPath("gcc")
	if err != nil {
		if cc, err = exec.LookPath("cc"); err != nil {
			t.Skip("SKIP: no gcc or cc on PATH, cannot build bench/c/harness.c to compare its op sequence with Go's")
		}
	}
	bin := filepath.Join(t.TempDir(), "harness-"+peer)
	args := append([]string{"-O2", "-std=gnu11", "-DPEER=" + peer}, extra...)
	args = append(args, "c/harness.c", "-o", bin, "-lpthread")
	out, err := exec.Command(cc, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("building the C harness: %v\n%s", err, out)
	}
	return bin
}

// field returns the value of key=value in a result line.
func field(line, key string) string {
	for _, f := range strings.Fields(line) {
		if v, ok := strings.CutPrefix(f, key+"="); ok {
			return v
		}
	}
	return ""
}

// TestCHarnessPerformsTheSameOps runs each small cell in Go and in the C
// harness and requires the same checksum (the same generator outputs, slots,
// sizes and first bytes, op for op) and the same op count.
func TestCHarnessPerformsTheSameOps(t *testing.T) {
	bin := buildHarness(t, "glibc")
	floorBin := buildHarness(t, "cfloor")
	for _, c := range smallCells {
		res, err := Run(c.with("gomake"))
		if err != nil {
			t.Fatal(err)
		}
		args := []string{"-workload", c.Workload, "-iters", fmt.Sprint(c.Iters), "-slots", fmt.Sprint(c.Slots),
			"-seed", fmt.Sprint(c.Seed), "-pairs", fmt.Sprint(c.Pairs), "-threads", fmt.Sprint(c.Threads), "-rounds", fmt.Sprint(c.Rounds),
			"-size", fmt.Sprint(c.Size), "-reps", fmt.Sprint(c.Reps)}
		out, err := exec.Command(bin, args...).Output()
		if err != nil {
			t.Fatalf("harness %v: %v", args, err)
		}
		line := strings.TrimSpace(string(out))
		if got, want := field(line, "checksum"), fmt.Sprintf("0x%016x", uint64(res.Checksum)); got != want {
			t.Errorf("%s: C checksum %s, Go %s\nC:  %s\nGo: %s", c.params(), got, want, line, res.Line())
		}
		if got, want := field(line, "ops"), fmt.Sprint(res.Ops); got != want {
			t.Errorf("%s: C ops %s, Go %s", c.params(), got, want)
		}
		if field(line, "Mops/s") == "" || field(line, "alloc") != "glibc" {
			t.Errorf("C line lacks Mops/s or alloc=glibc: %s", line)
		}
		if c.Workload != "random_mixed" {
			if err := exec.Command(floorBin, args...).Run(); err == nil {
				t.Errorf("cfloor accepted %s", c.Workload)
			}
			continue
		}
		out, err = exec.Command(floorBin, args...).Output()
		if err != nil {
			t.Fatalf("cfloor harness %v: %v", args, err)
		}
		if got, want := field(string(out), "checksum"), fmt.Sprintf("0x%016x", uint64(res.Checksum)); got != want {
			t.Errorf("%s: cfloor checksum %s, Go %s", c.params(), got, want)
		}
	}
}

// TestCHarnessWithAnotherGeneratorDisagrees shows the cross-check can fail:
// a harness whose seeding differs from Go's by one constant bit must print a
// different checksum for the incident's random_mixed 10000 256 42.
func TestCHarnessWithAnotherGeneratorDisagrees(t *testing.T) {
	bin := buildHarness(t, "glibc", "-DSEED_MUL=UINT64_C(0x9E3779B97F4A7C17)")
	c := smallCells[0]
	res, err := Run(c.with("gomake"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-workload", "random_mixed", "-iters", "10000", "-slots", "256", "-seed", "42").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := field(string(out), "checksum"); got == "" || got == fmt.Sprintf("0x%016x", uint64(res.Checksum)) {
		t.Errorf("a C harness with another seed multiplier printed checksum %q, the same as Go's %#x", got, uint64(res.Checksum))
	}
}

func TestMain(m *testing.M) {
	if _, err := os.Stat("c/harness.c"); err != nil {
		fmt.Fprintln(os.Stderr, "bench tests must run in the bench directory (go test ./bench)")
		os.Exit(1)
	}
	os.Exit(m.Run())
}
