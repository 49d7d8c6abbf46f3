package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/veralloc/veralloc/impl"
	"github.com/veralloc/veralloc/linearize"
)

func init() {
	register("lincheck", command{
		summary: "record a concurrent run on real heaps and check it is linearizable (porcupine)",
		run:     runLincheck,
	})
}

// exitUnknown is the exit status of lincheck when the checker timed out
// (beyond 0 pass, 1 fail, 2 usage error).
const exitUnknown = 3

// runLincheck is `veralloc lincheck`, the command-line front end of
// linearize.RunAndCheck: it parses args (see -h), records a run, checks
// it, writes the report to stdout and returns the exit status: 0
// linearizable and audit clean, 1 NOT linearizable or an audit problem, 2
// usage error, 3 the checker timed out (unknown) with a clean audit.
func runLincheck(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc lincheck", flag.ContinueOnError)
	goroutines := fs.Int("goroutines", 8, "goroutines, each with its own heap")
	ops := fs.Int("ops", 100000, "operations to record (Alloc and Free, all goroutines together; a cleanup phase adds the frees of what is left)")
	seed := fs.Uint64("seed", 1, "seed of every goroutine's random choices (the interleaving still varies from run to run)")
	profile := fs.String("profile", "small", "allocator options: small (model-sized slabs: 4 blocks, batch 2, SllMax 2, LowWater 1) or default (impl's defaults)")
	checks := fs.Bool("checks", false, "run the allocator in checked mode (Options.Checks)")
	fault := fs.String("fault", "", "switch on one seeded bug (B1, B2, B3, B4, AdoptNoDrain, SllBatch); needs a build with -tags faults")
	timeout := fs.Duration("timeout", time.Minute, "time allowed to the linearizability checker; when it runs out the verdict is unknown")
	html := fs.String("html", "", "where to write the visualization of a failing history (default: veralloc-lincheck-<seed>.html in the temporary directory)")
	maxLive := fs.Int("max-live", 24, "blocks one goroutine holds at most")
	closeEvery := fs.Int("close-every", 300, "a goroutine closes and reopens its heap with probability 1/N per step (negative: never)")
	if code, ok := parseFlags(fs, stderr, args, `usage: veralloc lincheck [flags]

Runs goroutines on real heaps of one allocator: they allocate, free locally, hand
blocks to each other (freed remotely through the receiver's heap), and close and
reopen their heaps. Every Alloc and Free is recorded with call and return times from
one shared clock and the history is checked against spec.AbstractModel
(tla/AllocatorAbstract.tla), block by block in parallel: each block's operations
are cut where none is pending, and porcupine searches the segments whose operations
overlap. An audit then checks what a history cannot show: held
blocks keep their contents, Allocator.Check is clean, and every block comes back
(Allocator.Close succeeds after everything is freed).

Prints a line 'verdict: linearizable', 'verdict: NOT linearizable' or 'verdict: unknown',
the audit, and 'result: PASS' or 'result: FAIL'. On NOT linearizable the failing blocks'
sub-histories are written as porcupine's HTML visualization and its path printed.

Exit status: 0 linearizable and audit clean; 1 NOT linearizable or an audit problem;
2 usage error; 3 the checker timed out (unknown) and the audit was clean.
`); !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "veralloc lincheck: "+format+"\n", a...)
		return 2
	}
	switch {
	case fs.NArg() != 0:
		return usageErr("unexpected arguments %q", fs.Args())
	case *goroutines < 1 || *goroutines > 4096:
		return usageErr("-goroutines %d: want 1..4096", *goroutines)
	case *ops < 1:
		return usageErr("-ops %d: want at least 1", *ops)
	case *timeout <= 0:
		return usageErr("-timeout %v: want a positive duration", *timeout)
	case *maxLive < 1:
		return usageErr("-max-live %d: want at least 1", *maxLive)
	case *closeEvery == 0:
		return usageErr("-close-every 0: want a positive N, or negative for never")
	}
	cfg := linearize.Config{Goroutines: *goroutines, Ops: *ops, Seed: *seed, MaxLive: *maxLive, CloseEvery: *closeEvery}
	switch *profile {
	case "small":
		cfg.Options = linearize.SmallOptions()
	case "default":
		cfg.DefaultOpt = true
	default:
		return usageErr("-profile %q: want small or default", *profile)
	}
	cfg.Options.Checks = *checks
	if *fault != "" {
		impl.DisableFaults()
		if err := impl.EnableFault(*fault); err != nil {
			return usageErr("-fault: %v", err)
		}
		defer impl.DisableFaults()
		fmt.Fprintf(stdout, "fault: %s switched on\n", *fault)
	}
	path := *html
	if path == "" {
		path = filepath.Join(os.TempDir(), fmt.Sprintf("veralloc-lincheck-%d.html", *seed))
	}
	res, err := linearize.RunAndCheck(cfg, *timeout, path)
	if err != nil {
		return fail(stderr, "veralloc lincheck", err)
	}
	res.Report(stdout)
	switch {
	case res.OK():
		return 0
	case res.Check.Verdict == linearize.Unknown && len(res.Run.Problems) == 0:
		fmt.Fprintf(stderr, "veralloc lincheck: the checker did not finish within -timeout %v: linearizability is unknown (not a pass)\n", *timeout)
		return exitUnknown
	}
	return 1
}
