package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/veralloc/veralloc/bench"
)

func init() {
	register("bench", command{
		summary: "run one benchmark cell (workload x allocator) and print its Mops/s line",
		run:     runBench,
	})
}

func runBench(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c bench.Config
	fs.StringVar(&c.Workload, "workload", "random_mixed", "workload: "+strings.Join(bench.Workloads, ", "))
	fs.StringVar(&c.Alloc, "alloc", "veralloc", "allocator: "+strings.Join(bench.AllocatorNames(), ", "))
	fs.IntVar(&c.Iters, "iters", 1000000, "random_mixed iterations, xfree blocks per producer, larson ops per worker and round, xmalloc batches per producer, mstress scale, cache_scratch blocks per thread, sh6bench passes, alloc_test steps per thread, glibc_simple NUM_ITERS")
	fs.IntVar(&c.Slots, "slots", 256, "random_mixed, larson: slots per array; sh6bench: ring slots per thread; alloc_test: bins in all")
	fs.Uint64Var(&c.Seed, "seed", 42, "generator seed (xfree producer p uses seed+p)")
	fs.IntVar(&c.Pairs, "pairs", 1, "xfree: producer/consumer pairs")
	fs.IntVar(&c.Threads, "threads", 2, "larson: concurrent workers per round; xmalloc: producers (and as many releasers); mstress, cache_scratch, sh6bench, alloc_test: threads")
	fs.IntVar(&c.Rounds, "rounds", 20, "larson, mstress: rounds; each round's workers use fresh heaps and exit with blocks live")
	fs.IntVar(&c.Size, "size", 64, "xmalloc (0: mixed sizes), cache_scratch: block size in bytes; glibc_simple: first of its three sizes")
	fs.IntVar(&c.Reps, "reps", 200000, "cache_scratch: write passes over each block, shared by the threads")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the cell to this file")
	if code, ok := parseFlags(fs, stderr, args, `usage: veralloc bench [flags]

Runs one workload of docs/design.md §7 against one Go allocator and prints one line:
workload, allocator, parameters, ops, seconds, Mops/s, checksum of the operation
sequence (equal to bench/c/harness's for the same parameters) and RSS in kB before,
at peak, after everything is freed, and after the allocator is closed.
`); !ok {
		return code
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "veralloc bench: unexpected arguments %q\n", fs.Args())
		return 2
	}
	if err := c.Validate(); err != nil {
		fmt.Fprintf(stderr, "veralloc bench: %v\n", err)
		return 2
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fail(stderr, "veralloc bench", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fail(stderr, "veralloc bench", err)
		}
		defer pprof.StopCPUProfile()
	}
	res, err := bench.Run(c)
	if err != nil {
		return fail(stderr, "veralloc bench", err)
	}
	fmt.Fprintln(stdout, res.Line())
	return 0
}
