package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/veralloc/veralloc/impl"
	"github.com/veralloc/veralloc/linearize"
)

func init() {
	register("tracerun", command{
		summary: "run a stress workload on a traced allocator and write its trace (needs -tags trace)",
		run:     runTracerun,
	})
}

// traceRunConfig is one traced stress run.
type traceRunConfig struct {
	Out        string
	Goroutines int
	Ops        int
	Seed       uint64
	Size       int // request size: every block is of this one class
	MaxLive    int
	CloseEvery int
	Fault      string
	Binary     bool // the binary trace format, not NDJSON
	Options    impl.Options
}

// traceRunResult is what tracerun prints (as JSON with -json).
type traceRunResult struct {
	File      string           `json:"file"`
	Events    int64            `json:"events"`
	PerAction map[string]int64 `json:"perAction"`
	Ops       int              `json:"ops"`
	Seconds   float64          `json:"seconds"`
	Problems  []string         `json:"problems,omitempty"`
}

// traceOptions are the allocator options of a traced run: model-sized
// slabs (8 blocks), batch 4, SllMax 4, a refill that starts while the
// cache list still holds a block, and small superslabs (4 slabs).
func traceOptions() impl.Options {
	return impl.Options{SlabSize: 4096, SlabBlocks: 8, Batch: 4, SllMax: 4, LowWater: 1, SlabsPerSuperslab: 4, RemoteBatch: -1}
}

// defaultTraceRun is tracerun's run when no flag changes it.
func defaultTraceRun() traceRunConfig {
	return traceRunConfig{Options: traceOptions(), Out: "trace.ndjson", Goroutines: 8, Ops: 100000, Seed: 1,
		Size: 64, MaxLive: 12, CloseEvery: 500}
}

func runTracerun(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc tracerun", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := defaultTraceRun()
	fs.StringVar(&c.Out, "o", c.Out, "trace file to write")
	fs.IntVar(&c.Goroutines, "goroutines", c.Goroutines, "goroutines, each with its own heap")
	fs.IntVar(&c.Ops, "ops", c.Ops, "Alloc and Free calls, all goroutines together")
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "seed of the goroutines' random choices (the interleaving still varies)")
	fs.IntVar(&c.Size, "size", c.Size, "request size (one size class is traced)")
	fs.IntVar(&c.MaxLive, "max-live", c.MaxLive, "blocks one goroutine holds at most")
	fs.IntVar(&c.CloseEvery, "close-every", c.CloseEvery, "a goroutine closes and reopens its heap with probability 1/N per step (0: never)")
	fs.IntVar(&c.Options.RemoteBatch, "remote-batch", c.Options.RemoteBatch, "local batches of remote frees of at most N blocks (Options.RemoteBatch; -1: none, each remote free pushed alone)")
	format := fs.String("format", "ndjson", "trace format: ndjson (one JSON event a line) or binary (compact; gotlc -trace reads both)")
	fs.StringVar(&c.Fault, "fault", "", "switch on a seeded bug (B1, B3, B4, AdoptNoDrain, SllBatch; with -remote-batch N > 0: BatchLinksHead, BatchWrongSlab, ExitNoFlush, BatchCountLimit); needs -tags faults too")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if code, ok := parseFlags(fs, stderr, args, `usage: go run -tags trace ./cmd/veralloc tracerun [flags]

Runs goroutines on their own heaps of one traced allocator (slabs of 8 blocks, batch 4,
SllMax 4, LowWater 1, 4 slabs a superslab): they allocate blocks of one size class,
free them locally, hand them to each other (remote frees) and close and reopen their
heaps. Every spec action of that class is written to the trace, which
'gotlc -trace FILE tla/Allocator.tla' validates. Exit 1 when the run itself fails.
`); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "tracerun: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	switch *format {
	case "ndjson":
	case "binary":
		c.Binary = true
	default:
		fmt.Fprintf(stderr, "tracerun: -format %q: want ndjson or binary\n", *format)
		return 2
	}
	res, err := traceRun(c)
	if err != nil {
		return fail(stderr, "tracerun", err)
	}
	if *asJSON {
		b, _ := json.Marshal(res)
		fmt.Fprintln(stdout, string(b))
	} else {
		names := make([]string, 0, len(res.PerAction))
		for n := range res.PerAction {
			names = append(names, n)
		}
		sort.Strings(names)
		fmt.Fprintf(stdout, "trace: %s: %d events from %d operations in %.2fs\n", res.File, res.Events, res.Ops, res.Seconds)
		for _, n := range names {
			fmt.Fprintf(stdout, "  %-14s %d\n", n, res.PerAction[n])
		}
		for _, p := range res.Problems {
			fmt.Fprintf(stdout, "problem: %s\n", p)
		}
	}
	if len(res.Problems) > 0 && c.Fault == "" {
		return 1
	}
	return 0
}

// traceRun runs the workload (linearize.Record, the project's one stress
// driver, on a traced allocator) and writes the trace.
func traceRun(c traceRunConfig) (*traceRunResult, error) {
	if !impl.TraceBuild {
		return nil, fmt.Errorf("this binary was built without tracing: use go run -tags trace ./cmd/veralloc tracerun")
	}
	if c.Fault != "" {
		if err := impl.EnableFault(c.Fault); err != nil {
			return nil, err
		}
		defer impl.DisableFaults()
		// Checked mode turns the corruption a seeded bug causes into
		// errors instead of a crash, so the run ends and the trace gets
		// its end record; the trace shows where the bug left the spec.
		c.Options.Checks = true
	}
	f, err := os.Create(c.Out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	closeEvery := c.CloseEvery
	if closeEvery == 0 {
		closeEvery = -1 // never
	}
	start := time.Now()
	run, err := linearize.Record(linearize.Config{
		Goroutines:  c.Goroutines,
		Ops:         c.Ops,
		Seed:        c.Seed,
		Options:     c.Options,
		Sizes:       []int{c.Size},
		MaxLive:     c.MaxLive,
		CloseEvery:  closeEvery,
		Trace:       f,
		TraceBinary: c.Binary,
	})
	if err != nil {
		return nil, err
	}
	res := &traceRunResult{File: c.Out, Events: run.Trace.Events, PerAction: run.Trace.PerAction,
		Ops: run.Counts.Allocs + run.Counts.Frees, Problems: run.Problems, Seconds: time.Since(start).Seconds()}
	return res, f.Close()
}

func init() {
	register("tracecat", command{
		summary: "print a binary trace (tracerun -format binary) as the NDJSON trace of the same run (needs -tags trace)",
		run:     runTracecat,
	})
}

func runTracecat(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc tracecat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "file to write (default: standard output)")
	if code, ok := parseFlags(fs, stderr, args, `usage: go run -tags trace ./cmd/veralloc tracecat [-o OUT] FILE

Turns the binary trace FILE into NDJSON, one event a line, as tracerun without
-format binary writes it.
`); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "tracecat: want one binary trace file")
		return 2
	}
	bin, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return fail(stderr, "tracecat", err)
	}
	nd, err := impl.TraceToNDJSON(bin)
	if err != nil {
		return fail(stderr, "tracecat", err)
	}
	if *out == "" {
		_, err = stdout.Write(nd)
	} else {
		err = os.WriteFile(*out, nd, 0o644)
	}
	if err != nil {
		return fail(stderr, "tracecat", err)
	}
	return 0
}
