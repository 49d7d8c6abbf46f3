package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/veralloc/veralloc/impl"
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
	return impl.Options{SlabSize: 4096, SlabBlocks: 8, Batch: 4, SllMax: 4, LowWater: 1, SlabsPerSuperslab: 4}
}

// defaultTraceRun is tracerun's run when no flag changes it.
func defaultTraceRun() traceRunConfig {
	return traceRunConfig{Options: traceOptions(), Out: "trace.ndjson", Goroutines: 4, Ops: 100000, Seed: 1,
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
	fs.StringVar(&c.Fault, "fault", "", "switch on a seeded bug (B1, B3, B4, AdoptNoDrain, SllBatch); needs -tags faults too")
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
	res, err := traceRun(c)
	if err != nil {
		fmt.Fprintf(stderr, "tracerun: %v\n", err)
		return 1
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

// traceRun runs the workload and writes the trace.
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
	a, err := impl.New(c.Options)
	if err != nil {
		return nil, err
	}
	f, err := os.Create(c.Out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := a.StartTrace(f, a.ClassOf(c.Size)); err != nil {
		return nil, err
	}
	start := time.Now()
	type worker struct {
		h     *impl.Heap
		held  [][]byte
		inbox chan []byte
		probs []string
		ops   int
	}
	ws := make([]*worker, c.Goroutines)
	for i := range ws {
		ws[i] = &worker{h: a.NewHeap(), inbox: make(chan []byte, 8)}
	}
	var wg sync.WaitGroup
	per := c.Ops / max(c.Goroutines, 1)
	for i, w := range ws {
		wg.Add(1)
		go func(i int, w *worker) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(c.Seed, uint64(i)+1))
			fail := func(op string, err error) {
				if len(w.probs) < 5 {
					w.probs = append(w.probs, fmt.Sprintf("goroutine %d: %s: %v", i, op, err))
				}
			}
			for w.ops < per {
				select {
				case b := <-w.inbox:
					w.ops++
					if err := w.h.Free(b); err != nil {
						fail("remote Free", err)
					}
					continue
				default:
				}
				r := rng.IntN(100)
				switch {
				case c.CloseEvery > 0 && rng.IntN(c.CloseEvery) == 0:
					w.h.Close()
					w.h = a.NewHeap()
				case len(w.held) < c.MaxLive && (r < 55 || len(w.held) == 0):
					w.ops++
					b, err := w.h.Alloc(c.Size)
					if err != nil {
						fail("Alloc", err)
						if c.Fault != "" {
							return
						}
						continue
					}
					w.held = append(w.held, b)
				default:
					w.ops++
					k := rng.IntN(len(w.held))
					b := w.held[k]
					w.held[k] = w.held[len(w.held)-1]
					w.held = w.held[:len(w.held)-1]
					if r < 80 && c.Goroutines > 1 {
						to := ws[(i+1+rng.IntN(c.Goroutines-1))%c.Goroutines]
						select {
						case to.inbox <- b:
							continue
						default:
						}
					}
					if err := w.h.Free(b); err != nil {
						fail("Free", err)
					}
				}
			}
		}(i, w)
	}
	wg.Wait()
	res := &traceRunResult{File: c.Out}
	for _, w := range ws {
		res.Ops += w.ops
		res.Problems = append(res.Problems, w.probs...)
	}
	for _, w := range ws { // cleanup: free everything left, through the owner's heap
		for _, b := range w.held {
			res.Ops++
			if err := w.h.Free(b); err != nil {
				res.Problems = append(res.Problems, "cleanup Free: "+err.Error())
			}
		}
		for done := false; !done; {
			select {
			case b := <-w.inbox:
				res.Ops++
				if err := w.h.Free(b); err != nil {
					res.Problems = append(res.Problems, "cleanup Free: "+err.Error())
				}
			default:
				done = true
			}
		}
	}
	for _, w := range ws {
		w.h.Close()
	}
	a.Trim()
	st, err := a.StopTrace()
	if err != nil {
		return nil, err
	}
	res.Events, res.PerAction = st.Events, st.PerAction
	res.Seconds = time.Since(start).Seconds()
	if err := a.Check(); err != nil {
		res.Problems = append(res.Problems, "Allocator.Check: "+err.Error())
	}
	if err := a.Close(); err != nil {
		res.Problems = append(res.Problems, "Allocator.Close: "+err.Error())
	}
	return res, f.Close()
}
