package linearize

import (
	"fmt"
	"io"
	"time"
)

// Result is a recorded run and its check.
type Result struct {
	Run      *Run
	Check    CheckResult
	Recorded time.Duration // wall time of the run (both phases)
}

// OK reports whether the history is linearizable and the run found no
// problem. Unknown is not OK.
func (r *Result) OK() bool {
	return r.Check.Verdict == Linearizable && len(r.Run.Problems) == 0
}

// RunAndCheck records a run (Record) and checks its history (Check).
func RunAndCheck(cfg Config, timeout time.Duration, htmlPath string) (*Result, error) {
	start := time.Now()
	run, err := Record(cfg)
	if err != nil {
		return nil, err
	}
	res := &Result{Run: run, Recorded: time.Since(start)}
	res.Check = Check(run.Ops, timeout, htmlPath)
	return res, nil
}

// Report writes a human-readable account of r: the run, the verdict line
// ("verdict: linearizable", "verdict: NOT linearizable" or "verdict:
// unknown"), failing blocks, the audit, and a final line "result: PASS" or
// "result: FAIL".
func (r *Result) Report(w io.Writer) {
	c := r.Run.Counts
	o := r.Run.Config.Options
	fmt.Fprintf(w, "run: %d goroutines, seed %d, %d operations recorded (%d allocs, %d frees; %d handed over and freed by another goroutine; %d in the cleanup phase), %d heap closes, %.2fs\n",
		c.Goroutines, r.Run.Config.Seed, len(r.Run.Ops), c.Allocs, c.Frees, c.HandedOver, c.CleanupOps, c.HeapCloses, r.Recorded.Seconds())
	fmt.Fprintf(w, "options: SlabSize %d, SlabBlocks %d, SlabsPerSuperslab %d, Batch %d, SllMax %d, LowWater %d, Checks %v (zero = allocator default)\n",
		o.SlabSize, o.SlabBlocks, o.SlabsPerSuperslab, o.Batch, o.SllMax, o.LowWater, o.Checks)
	e := r.Run.Events
	fmt.Fprintf(w, "protocol events: %d refills, %d remote pushes (%d blocks drained), %d slabs orphaned, %d adopted, %d fresh slabs acquired, %d returned, %d large blocks\n",
		e.Refills, e.RemotePushes, e.RemoteDrained, e.Orphaned, e.Adopted, e.Acquired, e.Returned, e.LargeAllocs)
	ch := r.Check
	fmt.Fprintf(w, "verdict: %s (spec.AbstractModel per block, cut where no operation is pending, overlapping operations by porcupine: %d operations on %d blocks, %.3fs)\n",
		ch.Verdict, ch.Operations, ch.Blocks, ch.Elapsed.Seconds())
	for _, b := range ch.Bad {
		fmt.Fprintf(w, "  block %#x: no linearization of its first %d operations (of %d); the last ones:\n", b.Block, len(b.Ops), b.Total)
		for _, l := range b.Describe(6) {
			fmt.Fprintf(w, "    %s\n", l)
		}
	}
	if ch.HTML != "" {
		fmt.Fprintf(w, "visualization: %s\n", ch.HTML)
	} else if ch.VisualizeErr != nil {
		fmt.Fprintf(w, "visualization: not written: %v\n", ch.VisualizeErr)
	}
	if len(r.Run.Problems) == 0 {
		fmt.Fprintln(w, "audit: ok (contents of held blocks intact, Allocator.Check clean, every block came back: Allocator.Close succeeded)")
	} else {
		fmt.Fprintf(w, "audit: %d problem(s):\n", len(r.Run.Problems))
		for _, p := range r.Run.Problems {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	switch {
	case r.OK():
		fmt.Fprintln(w, "result: PASS")
	case ch.Verdict == Unknown && len(r.Run.Problems) == 0:
		fmt.Fprintln(w, "result: FAIL (the check timed out: linearizability is unknown; raise -timeout or lower -ops)")
	default:
		fmt.Fprintln(w, "result: FAIL")
	}
}
