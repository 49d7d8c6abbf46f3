package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/gotlc/tracecheck"
	"github.com/veralloc/veralloc/gotlc/value"
)

// exitTrace is the exit code when a trace is not a behaviour of the spec
// (a safety violation, as TLC's exit 12 for an invariant).
const exitTrace = output.ExitSafety

const traceUsage = `usage: gotlc -trace FILE [-config FILE] [-lib DIR] Spec.tla

Trace validation: checks that the events of FILE (NDJSON, one spec action a
line, as written by an implementation built with tracing, e.g.
'go run -tags trace ./cmd/veralloc tracerun') are a behaviour of Spec: each
event must be a step of the named action of Next, with the event's
parameters, from the state the previous events reached, and the successor
must agree with every value the event observed; variables the event does not
observe are taken from the spec's successors (all matching successors are
kept). The constants come from the trace's header and end record; a -config
(e.g. tla/Trace.cfg) may name INIT and NEXT and bind or override constants
(Bug = "B4" validates against a mutant). The format is documented in
gotlc/tracecheck. On a long trace a progress line is printed every 10 seconds
(events validated, the line reached, events per second).

exit codes: 0 the trace is a behaviour of the spec, 12 it is not (the first
event that is not a step is printed with its line number, the action it
should have matched, and expected against observed values), 150 the spec
does not parse, 255 any other failure (unreadable trace, missing constants).
`

// traceMode runs trace validation when args contain -trace; ok is false
// otherwise (ordinary model checking).
func traceMode(args []string, out io.Writer) (code int, ok bool) {
	var file, spec, config string
	var lib []string
	found := false
	for _, a := range args {
		if a == "-trace" || a == "--trace" {
			found = true
		}
	}
	if !found {
		return 0, false
	}
	need := func(i int) (string, error) {
		if i+1 >= len(args) {
			return "", fmt.Errorf("flag %s needs a value", args[i])
		}
		return args[i+1], nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if dir, ok := strings.CutPrefix(a, "-DTLA-Library="); ok {
			lib = append(lib, filepath.SplitList(dir)...)
			continue
		}
		var err error
		switch strings.TrimLeft(a, "-") {
		case "trace":
			file, err = need(i)
			i++
		case "config":
			config, err = need(i)
			i++
		case "lib":
			var v string
			v, err = need(i)
			lib = append(lib, filepath.SplitList(v)...)
			i++
		case "h", "help":
			fmt.Fprint(out, traceUsage)
			return output.ExitOK, true
		case "workers", "seed", "metadir", "fp", "coverage", "checkpoint", "maxSetSize":
			_, err = need(i)
			i++
		case "nowarning", "noGenerateSpecTE", "cleanup", "gzip", "terse", "deadlock":
		default:
			if strings.HasPrefix(a, "-") {
				err = fmt.Errorf("flag %s cannot be used with -trace", a)
			} else if spec != "" {
				err = fmt.Errorf("more than one spec given: %s and %s", spec, a)
			} else {
				spec = a
			}
		}
		if err != nil {
			fmt.Fprintf(out, "Error: %v\n\n%s", err, traceUsage)
			return output.ExitError, true
		}
	}
	if spec == "" || file == "" {
		fmt.Fprintf(out, "Error: -trace needs a trace file and a spec\n\n%s", traceUsage)
		return output.ExitError, true
	}
	if !strings.HasSuffix(spec, ".tla") {
		spec += ".tla"
	}
	// Validation allocates a successor per event; a larger heap goal
	// halves the time spent collecting.
	debug.SetGCPercent(400)
	fmt.Fprintf(out, "gotlc: validating the trace %s against %s\n", file, spec)
	res, err := tracecheck.CheckFile(spec, file, tracecheck.Options{Config: config, Library: lib,
		Progress: func(p tracecheck.Progress) {
			fmt.Fprintf(out, "Progress: %d events validated, up to line %d, in %s (%.0f events/s).\n",
				p.Events, p.Line, p.Elapsed.Round(time.Second), float64(p.Events)/max(p.Elapsed.Seconds(), 1e-9))
		}})
	if err != nil {
		fmt.Fprintf(out, "%v\n", err)
		if strings.Contains(err.Error(), "parse") || strings.Contains(err.Error(), "Parsing") {
			return output.ExitParse, true
		}
		fmt.Fprintln(out, "Error: the trace could not be checked.")
		return output.ExitError, true
	}
	names := make([]string, 0, len(res.Constants))
	for k := range res.Constants {
		names = append(names, k)
	}
	sort.Strings(names)
	var parts []string
	for _, k := range names {
		s := value.String(res.Constants[k])
		if len(s) > 60 {
			s = s[:57] + "..."
		}
		parts = append(parts, k+" = "+s)
	}
	fmt.Fprintf(out, "constants from the trace: %s\n", strings.Join(parts, ", "))
	secs := res.Elapsed.Seconds()
	rate := float64(res.Events) / max(secs, 1e-9)
	if res.Divergence != nil {
		res.Divergence.Report(out, file)
		fmt.Fprintf(out, "Error: the trace is not a behaviour of the spec: %d events validated before line %d (%.2fs).\n", res.Events, res.Divergence.Line, secs)
		return exitTrace, true
	}
	var per []string
	for _, n := range res.ActionNames() {
		per = append(per, fmt.Sprintf("%s %d", n, res.PerAction[n]))
	}
	fmt.Fprintf(out, "events per action: %s\n", strings.Join(per, ", "))
	fmt.Fprintf(out, "Trace validation completed: the %d events of %d log(s) are a behaviour of the spec (%.2fs, %.0f events/s, %d failed CAS(es) validated as stutters, %d backtrack(s)).\n",
		res.Events, res.Logs, secs, rate, res.Stutters, res.Backtracks)
	fmt.Fprintf(out, "Finished in %s at (%s)\n", time.Duration(secs*float64(time.Second)).Round(time.Millisecond), time.Now().Format("2006-01-02 15:04:05"))
	return output.ExitOK, true
}
