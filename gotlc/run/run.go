// Package run runs one model the way gotlc's command line does: it loads
// the spec and its configuration, binds them, searches (breadth-first, or
// a random simulation) and prints the outcome in TLC's words through
// gotlc/output. cmd/gotlc is its command line; `veralloc verify` and
// cmd/modelcheck call Model in-process and read the Report it returns,
// never the text.
package run

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/liveness"
	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/gotlc/syntax"
)

// Model checks the model o names, prints TLC's output to out and returns
// the Report of it (Report.Exit is gotlc's exit code). A panic of the
// checker is reported as an internal error (ExitError), not passed on.
func Model(o *Options, out io.Writer) (rep output.Report) {
	start := time.Now()
	pr := output.Printer{W: out}
	fail := func(v output.Verdict, exit int, msg string) output.Report {
		first, _, _ := strings.Cut(msg, "\n")
		return output.Report{Verdict: v, Exit: exit, Generated: -1, Distinct: -1, Left: -1, Depth: -1, Message: first}
	}
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("Error: gotlc internal error: %v", r)
			fmt.Fprintln(out, msg)
			if os.Getenv("GOTLC_DEBUG") != "" {
				fmt.Fprintf(out, "%s\n", debug.Stack())
			}
			rep = fail(output.Unknown, output.ExitError, msg)
		}
	}()
	fmt.Fprintf(out, "gotlc (TLC-compatible model checker, %s)\n", runtime.Version())
	if o.Simulate {
		fmt.Fprintf(out, "Running Random Simulation with seed %d with %d worker%s on %d cores.\n", o.Seed, o.Workers, output.Plural(o.Workers), runtime.NumCPU())
	} else {
		fmt.Fprintf(out, "Running breadth-first search Model-Checking with %d worker%s on %d cores.\n", o.Workers, output.Plural(o.Workers), runtime.NumCPU())
	}
	prog, err := syntax.LoadWithOptions(o.Spec, syntax.Options{Library: o.Library})
	if err != nil {
		fmt.Fprintf(out, "%v\n", err)
		fmt.Fprintln(out, "Error: Parsing or semantic analysis failed.")
		return fail(output.ParseError, output.ExitParse, "Error: Parsing or semantic analysis failed.")
	}
	conf, err := cfg.ParseFile(o.Config)
	if err != nil {
		fmt.Fprintf(out, "Error: TLC found an error in the configuration file.\n%v\n", err)
		return fail(output.ConfigError, output.ExitError, "Error: TLC found an error in the configuration file.")
	}
	fmt.Fprintf(out, "Starting... (%s)\n", output.Stamp(time.Now()))
	deadlock := !o.NoDeadlock
	if conf.CheckDeadlock != nil && !*conf.CheckDeadlock {
		deadlock = false
	}
	info := eval.RunInfo{Simulate: o.Simulate, Deadlock: deadlock,
		Workers: o.Workers, Seed: o.Seed, Depth: o.SimDepth()}
	model, p, err := check.BuildRun(prog, conf, info)
	if p != nil {
		p.Out = out
	}
	if err != nil {
		msg := "Error: " + err.Error()
		rep = fail(output.ConfigError, output.ExitConfig, msg)
		var se *check.SetupError
		if errors.As(err, &se) {
			msg = "Error: " + se.Msg
			switch se.Kind {
			case check.AssumptionFalse:
				rep = fail(output.Assumption, output.ExitAssumption, msg)
			case check.SetupEval:
				rep = fail(output.EvalError, output.ExitCodeOf(se.Err), msg)
			case check.Unsupported:
				rep = fail(output.Unknown, output.ExitError, msg)
				var ce *eval.CannotHandleError
				if errors.As(se.Err, &ce) {
					rep = fail(output.Refused, output.ExitError, msg)
				}
			}
		}
		fmt.Fprintln(out, msg)
		pr.Finished(start)
		return rep
	}
	pr.Prog, pr.Model = p, model
	if pc := model.Postcondition; pc != nil {
		if o.Simulate {
			msg := "Error: gotlc does not evaluate a POSTCONDITION after -simulate (TLCGet(\"stats\") differs there)"
			fmt.Fprintln(out, msg)
			pr.Finished(start)
			return fail(output.Refused, output.ExitError, msg)
		}
		pr.Post = func(r *check.Result) (string, error) {
			return pc.Evaluate(p, r, int64(time.Since(start)/time.Second))
		}
	}
	if model.SymmetryWarning != "" {
		fmt.Fprintf(out, "Warning: %s\n", model.SymmetryWarning)
	}
	if o.Simulate {
		so := check.SimOptions{
			Workers:       o.Workers,
			CheckDeadlock: deadlock,
			Depth:         o.SimDepth(),
			Seed:          o.Seed,
			Num:           o.Num,
			Progress: func(s check.SimStats) {
				fmt.Fprintf(out, "Progress at %s: %s states checked, %s traces generated.\n", output.Stamp(time.Now()), output.Commas(s.States), output.Commas(s.Traces))
			},
		}
		res := check.Simulate(model, so)
		if res.Verdict == check.EvalError {
			retraceWith(prog, conf, info, res.Err, false, func(m *check.Model) error { return check.RetraceSim(m, so, res) })
		}
		rep = pr.Simulation(res, o.Seed, o.SimDepth())
		pr.Finished(start)
		return rep
	}
	lc, err := liveness.New(model)
	if err != nil {
		msg := "Error: " + err.Error()
		fmt.Fprintln(out, msg)
		pr.Finished(start)
		return fail(output.Refused, output.ExitError, msg)
	}
	if lc != nil {
		model.Graph = lc.Graph()
		fmt.Fprintf(out, "Implied-temporal checking--satisfiability problem has %d branches.\n", lc.Branches())
	}
	fmt.Fprintln(out, "Computing initial states...")
	res := check.Check(model, check.Options{
		QueueMem:      o.QueueMem,
		TempDir:       o.MetaDir,
		Workers:       o.Workers,
		CheckDeadlock: deadlock,
		MaxDepth:      o.Depth,
		Cancel:        o.Cancel,
		Progress:      func(s check.Stats) { pr.Progress(s, start) },
	})
	if res.Verdict == check.Success || res.InitStates > 0 {
		pr.InitialStates(res)
	}
	if res.Verdict == check.EvalError {
		retrace(prog, conf, info, res)
	}
	if lc != nil && res.Verdict == check.Success {
		if r, done := checkLiveness(pr, lc, res, o); done {
			pr.Finished(start)
			return r
		}
	}
	rep = pr.Result(res)
	if o.Coverage {
		pr.Coverage(res)
	}
	if res.Verdict == check.Success && res.Distinct > 0 {
		pr.NeverEnabled(res)
	}
	if o.DumpTrace != "" {
		if err := output.WriteTraceJSON(o.DumpTrace, p, res); err != nil {
			fmt.Fprintf(out, "Error: cannot write the trace: %v\n", err)
			if rep.Exit == output.ExitOK {
				rep.Exit = output.ExitError
			}
		}
	}
	pr.Finished(start)
	return rep
}

// checkLiveness checks the temporal properties once the search has
// completed (TLC's -lncheck final). done is true when it found a
// counterexample or failed: rep is then the run's Report.
func checkLiveness(pr output.Printer, lc *liveness.Checker, res *check.Result, o *Options) (rep output.Report, done bool) {
	start := time.Now()
	pr.LivenessStart(lc.Branches(), res.Distinct, start)
	cx, err := lc.Check()
	if err != nil {
		msg := "Error: " + err.Error()
		fmt.Fprintln(pr.W, msg)
		pr.LivenessDone(start)
		return output.Report{Verdict: output.Unknown, Exit: output.ExitError, Generated: res.Generated, Distinct: res.Distinct, Left: res.Left, Depth: int64(res.Depth), Message: msg}, true
	}
	if cx == nil {
		pr.LivenessDone(start)
		return rep, false
	}
	rep = pr.Lasso(res, cx, start)
	if o.DumpTrace != "" {
		if err := output.WriteLassoJSON(o.DumpTrace, pr.Prog, cx); err != nil {
			fmt.Fprintf(pr.W, "Error: cannot write the trace: %v\n", err)
		}
	}
	return rep, true
}

// retrace evaluates again what failed with res's evaluation error (see
// check.Retrace: the expansion of the state being expanded, the invariant,
// or the initial states).
func retrace(prog *syntax.Program, conf *cfg.Config, info eval.RunInfo, res *check.Result) {
	retraceWith(prog, conf, info, res.Err, res.ErrState != nil, func(m *check.Model) error { return check.Retrace(m, res) })
}

// retraceWith runs again, with again on a model built from the same spec
// with a Program that records the chain of calls (RunInfo.TraceCalls),
// what raised the evaluation error in err, and gives that error the chain
// when the same error (message and location) happens again. TLC
// re-evaluates in the same way to print "the nested expressions". live:
// the model needs its liveness graph (the labels of an expanded state).
func retraceWith(prog *syntax.Program, conf *cfg.Config, info eval.RunInfo, err error, live bool, again func(*check.Model) error) {
	var ee *eval.Error
	if !errors.As(err, &ee) || ee.Span.Line == 0 || ee.Overflow {
		return
	}
	info.TraceCalls = true
	m, _, berr := check.BuildRun(prog, conf, info)
	if berr != nil {
		return
	}
	if live {
		lc, lerr := liveness.New(m)
		if lerr != nil {
			return
		}
		if lc != nil {
			m.Graph = lc.Graph()
		}
	}
	var ae *eval.Error
	if errors.As(again(m), &ae) && ae.Msg == ee.Msg && ae.Span == ee.Span {
		ee.Chain = ae.Chain
	}
}
