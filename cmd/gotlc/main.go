// Command gotlc is a TLC-compatible explicit-state model checker for the
// TLA+ subset veralloc's specs use. It takes TLC's flags, prints TLC's
// output lines and error traces, and exits with TLC's exit codes, so
// scripts written for TLC work unchanged. See gotlc/README.md.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Exit codes, as TLC 2.18 uses them.
const (
	exitOK         = 0
	exitAssumption = 10
	exitDeadlock   = 11
	exitSafety     = 12
	exitProperty   = 13
	exitAssert     = 14
	exitEval       = 75
	exitInvEval    = 76 // an invariant could not be evaluated
	exitParse      = 150
	exitConfig     = 151 // the cfg names something the spec does not have
	exitError      = 255 // unreadable cfg and other failures
)

const usage = `usage: gotlc [flags] Spec.tla

gotlc checks the TLA+ specification Spec.tla against the model in a TLC
configuration file (Spec.cfg by default) by breadth-first search of its
reachable states, like TLC. It checks invariants, deadlock, and the safety
part of properties (state predicates and [][A]_v, e.g. refinement through
INSTANCE ... WITH); it refuses liveness properties.

flags:
  -config FILE          model configuration file (default: Spec.cfg)
  -workers N|auto       goroutines generating successors (default 1); the
                        verdict, counts and trace do not depend on N
  -deadlock             do not check for deadlock (like TLC's -deadlock)
  -depth N              stop the search after N BFS levels (0: no limit);
                        with -simulate, the largest number of states of a
                        behaviour (default 100, as TLC)
  -simulate [num=K]     random simulation instead of breadth-first search:
                        behaviours from a random initial state, each step a
                        successor chosen at random, invariants and action
                        properties checked on every state and step; K
                        behaviours (default: no limit, like TLC)
  -num K                number of behaviours for -simulate
  -seed S               seed of -simulate (default 0): the same seed, depth
                        and number give the same behaviours and output for
                        any -workers; BFS does not use it
  -coverage [N]         print, per sub-action of Next, the states from which
                        it was enabled, the successors it generated and the
                        distinct states it found (N, TLC's report interval in
                        minutes, is accepted and ignored). Without -coverage
                        a warning is still printed for every action that was
                        never enabled in a successful search.
  -queuemem SIZE        memory for states waiting in the BFS queue, e.g. 512M
                        or 4G (default 1G); past it the queue continues in a
                        temporary file (in -metadir if given, else $TMPDIR),
                        so the search needs per distinct state only its
                        fingerprint in memory (10.7 to 16 bytes)
  -dumpTrace json FILE  write the error trace (if any) as JSON to FILE
  -trace FILE           trace validation: check that the events of FILE are a
                        behaviour of the spec (see gotlc -trace -h)
  -lib DIR[:DIR...]     also look for user modules in these directories
                        (like TLC's -DTLA-Library=DIR, which is accepted
                        too, as is the environment variable TLA_LIBRARY)
  -h, -help, --help     print this help

TLC flags that do not change results are accepted and ignored:
  -fp N, -checkpoint N, -maxSetSize N,
  -nowarning, -noGenerateSpecTE, -cleanup, -gzip, -terse

exit codes (TLC's): 0 no error, 10 assumption false, 11 deadlock,
12 invariant violated, 13 property violated, 14 Assert failed,
75 evaluation error, 76 an invariant could not be evaluated,
150 parse error, 151 the configuration names a constant, definition or
invariant the spec lacks (or leaves a constant unassigned), 255 unreadable
configuration file or other failure (including a liveness property gotlc
cannot check).
`

type options struct {
	spec, config  string
	workers       int
	noDeadlock    bool
	depth         int
	dumpTrace     string
	dumpTraceKind string
	library       []string
	// -simulate, -num, -seed, -coverage, -queuemem, -metadir
	simulate bool
	depthSet bool
	num      int64
	seed     int64
	coverage bool
	queueMem int64
	metadir  string
}

func parseArgs(args []string) (*options, error) {
	o := &options{workers: 1}
	need := func(i int, name string) (string, error) {
		if i+1 >= len(args) {
			return "", fmt.Errorf("flag %s needs a value", name)
		}
		return args[i+1], nil
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			if o.spec != "" {
				return nil, fmt.Errorf("more than one spec given: %s and %s", o.spec, a)
			}
			o.spec = a
			continue
		}
		name := strings.TrimLeft(a, "-")
		if dir, ok := strings.CutPrefix(a, "-DTLA-Library="); ok {
			o.library = append(o.library, filepath.SplitList(dir)...)
			continue
		}
		switch name {
		case "lib":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			o.library = append(o.library, filepath.SplitList(v)...)
			i++
		case "h", "help":
			return nil, errHelp
		case "config":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			o.config = v
			i++
		case "workers":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			i++
			if v == "auto" {
				o.workers = check.AutoWorkers()
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("-workers takes a positive number or auto, not %q", v)
			}
			o.workers = n
		case "deadlock":
			o.noDeadlock = true
		case "depth":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			i++
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("-depth takes a number, not %q", v)
			}
			o.depth = n
			o.depthSet = true
		case "simulate", "num", "seed", "coverage", "queuemem", "metadir":
			n, err := o.parseExtra(name, args, i)
			if err != nil {
				return nil, err
			}
			i += n
		case "fp", "checkpoint", "maxSetSize":
			if _, err := need(i, a); err != nil {
				return nil, err
			}
			i++
		case "dumpTrace":
			if i+2 >= len(args) {
				return nil, fmt.Errorf("-dumpTrace needs a format and a file: -dumpTrace json FILE")
			}
			o.dumpTraceKind, o.dumpTrace = args[i+1], args[i+2]
			if o.dumpTraceKind != "json" {
				return nil, fmt.Errorf("-dumpTrace: gotlc writes only the json format, not %q", o.dumpTraceKind)
			}
			i += 2
		case "nowarning", "noGenerateSpecTE", "cleanup", "gzip", "terse":
		default:
			return nil, fmt.Errorf("unknown flag %s", a)
		}
	}
	if o.spec == "" {
		return nil, fmt.Errorf("no spec given")
	}
	if env := os.Getenv("TLA_LIBRARY"); env != "" {
		o.library = append(o.library, filepath.SplitList(env)...)
	}
	if !strings.HasSuffix(o.spec, ".tla") {
		o.spec += ".tla"
	}
	if o.config == "" {
		o.config = strings.TrimSuffix(o.spec, ".tla") + ".cfg"
	}
	return o, nil
}

var errHelp = errors.New("help")

func main() {
	if os.Getenv("GOGC") == "" {
		// The checker allocates many short-lived values; collecting less
		// often saves about a quarter of the CPU time.
		debug.SetGCPercent(400)
	}
	if f := os.Getenv("GOTLC_CPUPROFILE"); f != "" {
		if w, err := os.Create(f); err == nil {
			pprof.StartCPUProfile(w)
			code := run(os.Args[1:], os.Stdout)
			pprof.StopCPUProfile()
			w.Close()
			os.Exit(code)
		}
	}
	os.Exit(run(os.Args[1:], os.Stdout))
}

func run(args []string, out io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(out, "Error: gotlc internal error: %v\n", r)
			if os.Getenv("GOTLC_DEBUG") != "" {
				fmt.Fprintf(out, "%s\n", debug.Stack())
			}
			code = exitError
		}
	}()
	if c, ok := traceMode(args, out); ok { // trace validation (trace.go)
		return c
	}
	o, err := parseArgs(args)
	if err == errHelp {
		fmt.Fprint(out, usage)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(out, "Error: %v\n\n%s", err, usage)
		return exitError
	}
	start := time.Now()
	fmt.Fprintf(out, "gotlc (TLC-compatible model checker, %s)\n", runtime.Version())
	if o.simulate {
		fmt.Fprintf(out, "Running Random Simulation with seed %d with %d worker%s on %d cores.\n", o.seed, o.workers, plural(o.workers), runtime.NumCPU())
	} else {
		fmt.Fprintf(out, "Running breadth-first search Model-Checking with %d worker%s on %d cores.\n", o.workers, plural(o.workers), runtime.NumCPU())
	}
	prog, err := syntax.LoadWithOptions(o.spec, syntax.Options{Library: o.library})
	if err != nil {
		fmt.Fprintf(out, "%v\n", err)
		fmt.Fprintln(out, "Error: Parsing or semantic analysis failed.")
		return exitParse
	}
	conf, err := cfg.ParseFile(o.config)
	if err != nil {
		fmt.Fprintf(out, "Error: TLC found an error in the configuration file.\n%v\n", err)
		return exitError
	}
	fmt.Fprintf(out, "Starting... (%s)\n", stamp(time.Now()))
	model, p, err := check.Build(prog, conf)
	if p != nil {
		p.Out = out
	}
	if err != nil {
		var se *check.SetupError
		if errors.As(err, &se) {
			switch se.Kind {
			case check.AssumptionFalse:
				fmt.Fprintf(out, "Error: %s\n", se.Msg)
				finished(out, start)
				return exitAssumption
			case check.SetupEval:
				fmt.Fprintf(out, "Error: %s\n", se.Msg)
				finished(out, start)
				return exitCodeOf(se.Err)
			case check.Unsupported:
				fmt.Fprintf(out, "Error: %s\n", se.Msg)
				finished(out, start)
				return exitError
			}
		}
		fmt.Fprintf(out, "Error: %v\n", err)
		finished(out, start)
		return exitConfig
	}
	if model.SymmetryWarning != "" {
		fmt.Fprintf(out, "Warning: %s\n", model.SymmetryWarning)
	}
	deadlock := !o.noDeadlock
	if conf.CheckDeadlock != nil && !*conf.CheckDeadlock {
		deadlock = false
	}
	if o.simulate {
		code := simulate(out, p, model, o, deadlock)
		finished(out, start)
		return code
	}
	fmt.Fprintln(out, "Computing initial states...")
	opts := check.Options{
		QueueMem:      o.queueMem,
		TempDir:       o.metadir,
		Workers:       o.workers,
		CheckDeadlock: deadlock,
		MaxDepth:      o.depth,
		Progress: func(s check.Stats) {
			if s.Init {
				fmt.Fprintf(out, "Computed %s initial states...\n", commas(s.Distinct))
				return
			}
			el := time.Since(start).Minutes()
			fmt.Fprintf(out, "Progress(%d) at %s: %s states generated (%s s/min), %s distinct states found (%s ds/min), %s states left on queue.\n",
				s.Depth, stamp(time.Now()), commas(s.Generated), commas(int64(float64(s.Generated)/el)),
				commas(s.Distinct), commas(int64(float64(s.Distinct)/el)), commas(s.Left))
		},
	}
	res := check.Check(model, opts)
	if res.Verdict == check.Success || res.InitStates > 0 {
		n, g := res.InitStates, res.InitGenerated
		if g != n {
			fmt.Fprintf(out, "Finished computing initial states: %d states generated, with %d of them distinct at %s.\n", g, n, stamp(time.Now()))
		} else {
			fmt.Fprintf(out, "Finished computing initial states: %d distinct state%s generated at %s.\n", n, plural(int(n)), stamp(time.Now()))
		}
	}
	code = report(out, p, model, res)
	if o.coverage {
		printCoverage(out, res)
	}
	if res.Verdict == check.Success {
		warnNeverEnabled(out, res)
	}
	if o.dumpTrace != "" {
		if err := dumpTrace(o.dumpTrace, p, res); err != nil {
			fmt.Fprintf(out, "Error: cannot write the trace: %v\n", err)
			if code == exitOK {
				code = exitError
			}
		}
	}
	finished(out, start)
	return code
}

func exitCodeOf(err error) int {
	var ee *eval.Error
	if errors.As(err, &ee) && ee.Exit != 0 {
		return ee.Exit
	}
	return exitEval
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func stamp(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

func finished(out io.Writer, start time.Time) {
	el := time.Since(start)
	var d string
	switch {
	case el < time.Minute:
		d = fmt.Sprintf("%02ds", int(el.Seconds()))
	case el < time.Hour:
		d = fmt.Sprintf("%02dmin %02ds", int(el.Minutes()), int(el.Seconds())%60)
	default:
		d = fmt.Sprintf("%02dh %02dmin", int(el.Hours()), int(el.Minutes())%60)
	}
	fmt.Fprintf(out, "Finished in %s at (%s)\n", d, stamp(time.Now()))
}

func commas(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func report(out io.Writer, p *eval.Program, model *check.Model, r *check.Result) int {
	counts := func(depth bool) {
		fmt.Fprintf(out, "%d states generated, %d distinct states found, %d states left on queue.\n", r.Generated, r.Distinct, r.Left)
		if depth {
			fmt.Fprintf(out, "The depth of the complete state graph search is %d.\n", r.Depth)
		}
	}
	switch r.Verdict {
	case check.Success:
		fmt.Fprintln(out, "Model checking completed. No error has been found.")
		fmt.Fprintln(out, "  Estimates of the probability that TLC did not check all reachable states")
		fmt.Fprintln(out, "  because two distinct states had the same fingerprint:")
		fmt.Fprintf(out, "  calculated (optimistic):  %s\n", collisionProbability(r.Distinct, r.Generated))
		counts(true)
		fmt.Fprintf(out, "The average outdegree of the complete state graph is %d (minimum is %d, the maximum %d and the 95th percentile is %d).\n", r.OutAvg, r.OutMin, r.OutMax, r.OutP95)
		return exitOK
	case check.InvariantViolated:
		if len(r.Trace) == 1 && r.Trace[0].Label == nil {
			// TLC's report for an initial state: the state, no trace, no counts.
			fmt.Fprintf(out, "Error: Invariant %s is violated by the initial state:\n", r.Name)
			printState(out, p, r.Trace[0].State)
			fmt.Fprintln(out)
			return exitSafety
		}
		fmt.Fprintf(out, "Error: Invariant %s is violated.\n", r.Name)
		printTrace(out, p, r.Trace)
		counts(true)
		return exitSafety
	case check.PropertyViolated:
		if isActionCheck(model, r.Name) {
			fmt.Fprintf(out, "Error: Action property %s is violated.\n", r.Name)
			printTrace(out, p, r.Trace)
			counts(true)
			return exitProperty
		}
		initial := len(r.Trace) == 1 && r.Trace[0].Label == nil
		if initial {
			if loc := failingInitPart(model, r.Name, r.Trace[0].State); loc != "" {
				// A state-predicate conjunct of the property, false initially.
				fmt.Fprintf(out, "Error: Property %s is violated by the initial state:\n", loc)
				printState(out, p, r.Trace[0].State)
				fmt.Fprintln(out)
				return exitProperty
			}
		}
		// A []P part: TLC checks and reports it as an invariant.
		if initial {
			fmt.Fprintf(out, "Error: Invariant %s is violated by the initial state:\n", r.Name)
			printState(out, p, r.Trace[0].State)
			fmt.Fprintln(out)
			return exitSafety
		}
		fmt.Fprintf(out, "Error: Invariant %s is violated.\n", r.Name)
		printTrace(out, p, r.Trace)
		counts(true)
		return exitSafety
	case check.Deadlock:
		fmt.Fprintln(out, "Error: Deadlock reached.")
		printTrace(out, p, r.Trace)
		counts(true)
		return exitDeadlock
	}
	if r.Name != "" {
		// An invariant (or property) could not be evaluated.
		msg := r.Err.Error()
		var ee *eval.Error
		if errors.As(r.Err, &ee) {
			msg = ee.Msg
		}
		fmt.Fprintf(out, "Error: Evaluating invariant %s failed.\n%s\n", r.Name, msg)
		printTrace(out, p, r.Trace)
		counts(true)
		return exitInvEval
	}
	var inc *eval.IncompleteError
	if errors.As(r.Err, &inc) {
		fmt.Fprintf(out, "Error: %s\n\n", inc.Msg)
		printTrace(out, p, r.Trace)
		counts(true)
		return exitEval
	}
	var ee *eval.Error
	if errors.As(r.Err, &ee) && ee.Exit == 0 {
		fmt.Fprintln(out, "Error: TLC threw an unexpected exception.")
		fmt.Fprintln(out, "This was probably caused by an error in the spec or model.")
		fmt.Fprintf(out, "The exception was a java.lang.RuntimeException\n: %s\n", ee.Msg)
	} else if ee != nil {
		fmt.Fprintf(out, "Error: %s\n", ee.Msg)
	} else {
		fmt.Fprintf(out, "Error: %v\n", r.Err)
	}
	printTrace(out, p, r.Trace)
	if ee != nil && ee.Span.Line > 0 {
		fmt.Fprintln(out, "Error: The error occurred when TLC was evaluating the nested")
		fmt.Fprintln(out, "expressions at the following positions:")
		s := ee.Span
		fmt.Fprintf(out, "0. Line %d, column %d to line %d, column %d in %s\n\n\n", s.Line, s.Col, s.EndLine, s.EndCol, ee.Module)
	}
	counts(false)
	return exitCodeOf(r.Err)
}

func printTrace(out io.Writer, p *eval.Program, tr []check.Step) {
	if len(tr) == 0 {
		return
	}
	fmt.Fprintln(out, "Error: The behavior up to this point is:")
	for i, st := range tr {
		if st.Label == nil {
			fmt.Fprintf(out, "State %d: <Initial predicate>\n", i+1)
		} else {
			fmt.Fprintf(out, "State %d: <%s>\n", i+1, st.Label.Text)
		}
		printState(out, p, st.State)
		fmt.Fprintln(out)
	}
}

// printState prints the variables of a state as TLC does: "x = v" for a
// single variable, "/\ x = v" lines otherwise, long values broken over
// lines like TLC's pretty printer; null for a variable left unassigned.
func printState(out io.Writer, p *eval.Program, state []value.Value) {
	for j, v := range p.Vars {
		vs := "null"
		if state[j] != nil {
			vs = value.Pretty(state[j])
		}
		if len(p.Vars) == 1 {
			fmt.Fprintf(out, "%s = %s\n", v.Name, vs)
		} else {
			fmt.Fprintf(out, "/\\ %s = %s\n", v.Name, vs)
		}
	}
}

// traceJSON is the -dumpTrace json format (see gotlc/README.md).
type traceJSON struct {
	Verdict string      `json:"verdict"`
	Name    string      `json:"name,omitempty"`
	Error   string      `json:"error,omitempty"`
	States  []stateJSON `json:"states"`
}

type stateJSON struct {
	Index    int               `json:"index"`
	Action   string            `json:"action"`
	Location string            `json:"location,omitempty"`
	Vars     map[string]string `json:"vars"`
}

func dumpTrace(file string, p *eval.Program, r *check.Result) error {
	t := traceJSON{Verdict: r.Verdict.String(), Name: r.Name, States: []stateJSON{}}
	if r.Err != nil {
		t.Error = r.Err.Error()
	}
	for i, st := range r.Trace {
		s := stateJSON{Index: i + 1, Action: "Initial predicate", Vars: map[string]string{}}
		if st.Label != nil {
			s.Action = st.Label.Name
			s.Location = strings.TrimPrefix(st.Label.Text, st.Label.Name+" ")
		}
		for j, v := range p.Vars {
			if st.State[j] == nil {
				s.Vars[v.Name] = "null"
			} else {
				s.Vars[v.Name] = value.StateString(st.State[j])
			}
		}
		t.States = append(t.States, s)
	}
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	if dir := filepath.Dir(file); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}

// isActionCheck reports whether name is the name of a [][A]_v part of a
// PROPERTY (TLC says "Action property" for those).
func isActionCheck(m *check.Model, name string) bool {
	for _, p := range m.Properties {
		for _, a := range p.Prop.Actions {
			if a.Name == name {
				return true
			}
		}
	}
	return false
}

// failingInitPart returns the location of a state-predicate conjunct of
// the PROPERTY named name that is false in state s ("" if none).
func failingInitPart(m *check.Model, name string, s []value.Value) string {
	for _, p := range m.Properties {
		if p.Name != name {
			continue
		}
		for _, q := range p.Prop.Init {
			if ok, err := q.Holds(s); err == nil && !ok {
				return q.Name
			}
		}
	}
	return ""
}
