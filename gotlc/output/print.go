package output

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// A Printer writes a model's results to W in TLC's words. Prog names the
// variables of printed states; Model (may be nil) tells action properties
// from state predicates, as TLC's wording does.
type Printer struct {
	W     io.Writer
	Prog  *eval.Program
	Model *check.Model
	// Post, when set, evaluates the POSTCONDITION; Result calls it where
	// TLC evaluates it, once the search is over (after the error trace,
	// before the counts). It returns TLC's report of a false or failing
	// postcondition, "" when it holds.
	Post func(r *check.Result) (msg string, err error)
}

// post evaluates the POSTCONDITION, if any, and prints its failure; it
// returns the verdict of the failure (Assumption for a false one,
// EvalError for one that could not be evaluated), "" when it holds.
func (p Printer) post(rep *Report, r *check.Result) Verdict {
	if p.Post == nil {
		return ""
	}
	msg, err := p.Post(r)
	if msg == "" {
		return ""
	}
	v := Assumption
	if err != nil {
		msg += "\n" + err.Error()
		v = EvalError
	}
	p.errorf(rep, "%s", msg)
	return v
}

// errorf prints an "Error: ..." headline and records it as r's Message.
func (p Printer) errorf(r *Report, format string, args ...any) {
	line := "Error: " + fmt.Sprintf(format, args...)
	if r.Message == "" {
		r.Message, _, _ = strings.Cut(line, "\n")
	}
	fmt.Fprintln(p.W, line)
}

// Result prints the outcome of a breadth-first search (check.Check) as TLC
// does: the verdict, the error trace, the counts; it returns the Report of
// what it printed, whose Exit is TLC's exit code for it.
func (p Printer) Result(r *check.Result) Report {
	rep := noCounts()
	rep.Result, rep.Name = r, r.Name
	counts := func(depth bool) {
		fmt.Fprintf(p.W, "%d states generated, %d distinct states found, %d states left on queue.\n", r.Generated, r.Distinct, r.Left)
		rep.Generated, rep.Distinct, rep.Left = r.Generated, r.Distinct, r.Left
		if depth {
			fmt.Fprintf(p.W, "The depth of the complete state graph search is %d.\n", r.Depth)
			rep.Depth = int64(r.Depth)
		}
	}
	initial := len(r.Trace) == 1 && r.Trace[0].Label == nil
	// initialState prints TLC's report for an initial state: the state, no
	// trace, no counts.
	initialState := func(v Verdict, exit int, format string, args ...any) Report {
		p.errorf(&rep, format, args...)
		p.State(r.Trace[0].State)
		fmt.Fprintln(p.W)
		rep.Verdict, rep.Exit, rep.Trace = v, exit, p.states(r.Trace)
		return rep
	}
	violation := func(v Verdict, exit int, format string, args ...any) Report {
		p.errorf(&rep, format, args...)
		p.Trace(r.Trace)
		rep.Trace = p.states(r.Trace)
		p.post(&rep, r)
		counts(true)
		rep.Verdict, rep.Exit = v, exit
		return rep
	}
	switch r.Verdict {
	case check.Success:
		if v := p.post(&rep, r); v != "" {
			// TLC reports a postcondition as an assumption, exit 10.
			counts(true)
			rep.Verdict, rep.Exit = v, ExitAssumption
			return rep
		}
		fmt.Fprintln(p.W, "Model checking completed. No error has been found.")
		fmt.Fprintln(p.W, "  Estimates of the probability that TLC did not check all reachable states")
		fmt.Fprintln(p.W, "  because two distinct states had the same fingerprint:")
		fmt.Fprintf(p.W, "  calculated (optimistic):  %s\n", CollisionProbability(r.Distinct, r.Generated))
		counts(true)
		if r.Distinct > 0 { // TLC prints no outdegree for a model without states
			fmt.Fprintf(p.W, "The average outdegree of the complete state graph is %d (minimum is %d, the maximum %d and the 95th percentile is %d).\n", r.OutAvg, r.OutMin, r.OutMax, r.OutP95)
		}
		rep.Verdict, rep.Exit = Success, ExitOK
		return rep
	case check.InvariantViolated:
		if initial {
			return initialState(Invariant, ExitSafety, "Invariant %s is violated by the initial state:", r.Name)
		}
		return violation(Invariant, ExitSafety, "Invariant %s is violated.", r.Name)
	case check.PropertyViolated:
		if p.isActionCheck(r.Name) {
			return violation(Property, ExitProperty, "Action property %s is violated.", r.Name)
		}
		if initial {
			if loc := p.failingInitPart(r.Name, r.Trace[0].State); loc != "" {
				// A state-predicate conjunct of the property, false initially.
				rep.Name = loc
				return initialState(Property, ExitProperty, "Property %s is violated by the initial state:", loc)
			}
			// A []P part: TLC checks and reports it as an invariant.
			return initialState(Invariant, ExitSafety, "Invariant %s is violated by the initial state:", r.Name)
		}
		return violation(Invariant, ExitSafety, "Invariant %s is violated.", r.Name)
	case check.Deadlock:
		rep.Name = ""
		return violation(Deadlock, ExitDeadlock, "Deadlock reached.")
	case check.TemporalViolated:
		// Found by the tableau during the search (check.TemporalViolation):
		// TLC prints the behaviour as a counterexample, with exit code 12.
		rep.Name = ""
		p.counterexample(&rep, r.Trace)
		counts(true)
		rep.Verdict, rep.Exit = Property, ExitSafety
		return rep
	}
	rep.Name = ""
	rep.Verdict = EvalError
	if r.Name != "" {
		// An invariant (or property) could not be evaluated.
		return violation(EvalError, ExitInvEval, "Evaluating invariant %s failed.\n%s", r.Name, evalMessage(r.Err))
	}
	var inc *eval.IncompleteError
	if errors.As(r.Err, &inc) {
		return violation(EvalError, ExitEval, "%s\n", inc.Msg)
	}
	var ee *eval.Error
	var le *check.LivenessEvalError
	if !errors.As(r.Err, &ee) {
		ee = nil
	}
	liveErr := errors.As(r.Err, &le) && ee != nil && ee.Span.Line > 0 && !ee.Overflow
	if liveErr {
		// As TLC for an error in a temporal property's ENABLED or action:
		// the positions first, then the message and the behaviour.
		p.positions(ee)
	}
	var pe *check.PropertyEvalError
	switch {
	case errors.As(r.Err, &pe) && ee != nil:
		p.errorf(&rep, "Evaluating action property %s failed.\n%s", pe.Name, ee.Msg)
	case ee != nil:
		// TLC words many of these "TLC threw an unexpected exception ...
		// The exception was a java.lang.RuntimeException: <message>";
		// gotlc gives the message alone.
		p.errorf(&rep, "%s", ee.Msg)
	default:
		p.errorf(&rep, "%v", r.Err)
	}
	p.Trace(r.Trace)
	rep.Trace = p.states(r.Trace)
	if ee != nil && ee.Overflow {
		counts(true)
		rep.Exit = ExitCodeOf(r.Err)
		return rep
	}
	if ee != nil && ee.Span.Line > 0 && !liveErr {
		p.positions(ee)
	}
	// TLC 2.20 prints the depth reached also after an evaluation error
	// (2.18 did not).
	p.post(&rep, r)
	counts(true)
	rep.Exit = ExitCodeOf(r.Err)
	if liveErr && ee.Exit == 0 {
		rep.Exit = ExitError // TLC 2.20: 255 for an error in the liveness checker's evaluation
	}
	return rep
}

// evalMessage is the message of an evaluation error where TLC 2.20 prints
// no nested positions (an invariant, a simulation): gotlc appends them.
func evalMessage(err error) string {
	var ee *eval.Error
	if !errors.As(err, &ee) {
		return err.Error()
	}
	msg := ee.Msg
	if ee.Span.Line > 0 && !ee.Overflow {
		msg += "\nThe error occurred when gotlc was evaluating the nested\nexpressions at the following positions:\n" + nestedText(ee)
	}
	return msg
}

// nestedText is the numbered locations of an evaluation error, outermost
// first, as TLC prints them, then the innermost one's source line with a
// caret.
func nestedText(ee *eval.Error) string {
	var b strings.Builder
	for i, l := range ee.Nested() {
		fmt.Fprintf(&b, "%d. %s\n", i, l)
	}
	if x := ee.Span.Excerpt(); x != "" {
		b.WriteString("\n" + x + "\n")
	}
	return b.String()
}

// ExitCodeOf is TLC's exit code for an evaluation error: the one the error
// carries (e.g. ExitAssert), else ExitEval.
func ExitCodeOf(err error) int {
	var ee *eval.Error
	if errors.As(err, &ee) && ee.Exit != 0 {
		return ee.Exit
	}
	return ExitEval
}

// states returns the trace as a Report's states (printed values,
// normalised as Parse normalises them).
func (p Printer) states(tr []check.Step) []State {
	if len(tr) == 0 {
		return nil
	}
	out := make([]State, len(tr))
	for i, st := range tr {
		s := State{}
		for j, v := range p.Prog.Vars {
			vs := "null"
			if st.State[j] != nil {
				vs = value.Pretty(st.State[j])
			}
			s[v.Name] = NormValue(vs)
		}
		out[i] = s
	}
	return out
}

// Trace prints an error trace as TLC does ("State n: <Action location>"
// and the state); nothing when the trace is empty.
func (p Printer) Trace(tr []check.Step) {
	if len(tr) == 0 {
		return
	}
	fmt.Fprintln(p.W, "Error: The behavior up to this point is:")
	p.steps(tr)
}

// steps prints each state of tr with its "State n: <Action location>"
// header and a blank line after it.
func (p Printer) steps(tr []check.Step) {
	for i, st := range tr {
		if st.Label == nil {
			fmt.Fprintf(p.W, "State %d: <Initial predicate>\n", i+1)
		} else {
			fmt.Fprintf(p.W, "State %d: <%s>\n", i+1, st.Label.Text)
		}
		p.State(st.State)
		fmt.Fprintln(p.W)
	}
}

// State prints the variables of a state as TLC does: "x = v" for a single
// variable, "/\ x = v" lines otherwise, long values broken over lines like
// TLC's pretty printer; null for a variable left unassigned.
func (p Printer) State(state []value.Value) {
	for j, v := range p.Prog.Vars {
		vs := "null"
		if state[j] != nil {
			vs = value.Pretty(state[j])
		}
		if len(p.Prog.Vars) == 1 {
			fmt.Fprintf(p.W, "%s = %s\n", v.Name, vs)
		} else {
			fmt.Fprintf(p.W, "/\\ %s = %s\n", v.Name, vs)
		}
	}
}

// isActionCheck reports whether name is the name of a [][A]_v part of a
// PROPERTY (TLC says "Action property" for those).
func (p Printer) isActionCheck(name string) bool {
	if p.Model == nil {
		return false
	}
	for _, np := range p.Model.Properties {
		for _, a := range np.Prop.Actions {
			if a.Name == name {
				return true
			}
		}
	}
	return false
}

// failingInitPart returns the location of a state-predicate conjunct of
// the PROPERTY named name that is false in state s ("" if none).
func (p Printer) failingInitPart(name string, s []value.Value) string {
	if p.Model == nil {
		return ""
	}
	for _, np := range p.Model.Properties {
		if np.Name != name {
			continue
		}
		for _, q := range np.Prop.Init {
			if ok, err := q.Holds(s); err == nil && !ok {
				return q.Name
			}
		}
	}
	return ""
}

// Coverage prints the per-action counts of a finished search (-coverage).
func (p Printer) Coverage(r *check.Result) {
	fmt.Fprintf(p.W, "The coverage statistics at %s\n", Stamp(time.Now()))
	fmt.Fprintf(p.W, "<Init>: %d:%d\n", r.InitStates, r.InitGenerated)
	for _, a := range r.Coverage {
		fmt.Fprintf(p.W, "<%s %s>: %d:%d (enabled in %d states)\n", a.Name, a.Location, a.Distinct, a.Generated, a.Enabled)
	}
	fmt.Fprintln(p.W, "End of statistics.")
}

// NeverEnabled warns about the sub-actions of Next that never produced a
// successor in a complete search: a model in which an action never fires
// checks nothing about that action.
func (p Printer) NeverEnabled(r *check.Result) {
	for _, a := range check.NeverEnabled(r.Coverage) {
		fmt.Fprintf(p.W, "Warning: action %s (%s) was never enabled: no reachable state has a successor by it, so the model checks nothing about it.\n", a.Name, a.Location)
	}
}

// InitialStates prints TLC's line after the initial states of a search.
func (p Printer) InitialStates(r *check.Result) {
	n, g := r.InitStates, r.InitGenerated
	if g != n {
		fmt.Fprintf(p.W, "Finished computing initial states: %d states generated, with %d of them distinct at %s.\n", g, n, Stamp(time.Now()))
	} else {
		fmt.Fprintf(p.W, "Finished computing initial states: %d distinct state%s generated at %s.\n", n, Plural(int(n)), Stamp(time.Now()))
	}
}

// Progress prints TLC's progress line of a search that started at start.
func (p Printer) Progress(s check.Stats, start time.Time) {
	if s.Init {
		fmt.Fprintf(p.W, "Computed %s initial states...\n", Commas(s.Distinct))
		return
	}
	el := time.Since(start).Minutes()
	fmt.Fprintf(p.W, "Progress(%d) at %s: %s states generated (%s s/min), %s distinct states found (%s ds/min), %s states left on queue.\n",
		s.Depth, Stamp(time.Now()), Commas(s.Generated), Commas(int64(float64(s.Generated)/el)),
		Commas(s.Distinct), Commas(int64(float64(s.Distinct)/el)), Commas(s.Left))
}

// Finished prints TLC's last line ("Finished in 03s at (...)").
func (p Printer) Finished(start time.Time) {
	fmt.Fprintf(p.W, "Finished in %s at (%s)\n", Duration(time.Since(start)), Stamp(time.Now()))
}

// Duration prints an elapsed time as TLC does ("05s", "01min 02s").
func Duration(el time.Duration) string {
	var d string
	switch {
	case el < time.Minute:
		d = fmt.Sprintf("%02ds", int(el.Seconds()))
	case el < time.Hour:
		d = fmt.Sprintf("%02dmin %02ds", int(el.Minutes()), int(el.Seconds())%60)
	default:
		d = fmt.Sprintf("%02dh %02dmin", int(el.Hours()), int(el.Minutes())%60)
	}
	return d
}

// Plural is "s" unless n is 1.
func Plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Stamp formats a time as TLC's messages do.
func Stamp(t time.Time) string { return t.Format("2006-01-02 15:04:05") }

// Commas formats n with thousands separators, as TLC's progress lines.
func Commas(n int64) string {
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

// CollisionProbability is TLC's "calculated (optimistic)" estimate of the
// probability that two distinct states had the same 64-bit fingerprint:
// distinct * (generated - distinct) / 2^64 (each of the generated-distinct
// successors that were found already seen could have been a new state
// whose fingerprint collided with one of the distinct ones). TLC 2.18
// prints it with two significant digits, e.g. "val = 1.9E-8".
func CollisionProbability(distinct, generated int64) string {
	p := float64(distinct) * float64(generated-distinct) / math.Pow(2, 64)
	return "val = " + tlcProbability(p)
}

// tlcProbability formats p as TLC does: two significant digits in
// scientific notation with an unpadded exponent ("1.9E-8", "5.0E-12").
func tlcProbability(p float64) string {
	if p <= 0 || math.IsNaN(p) {
		return "0.0"
	}
	s := strconv.FormatFloat(p, 'E', 1, 64) // 1.9E-08
	mant, exp, _ := strings.Cut(s, "E")
	e, err := strconv.Atoi(exp)
	if err != nil {
		return s
	}
	return mant + "E" + strconv.Itoa(e)
}

// positionsHeadline is the first line of TLC's nested positions.
const positionsHeadline = "Error: The error occurred when TLC was evaluating the nested"

// positions prints TLC's "nested expressions" block for an evaluation
// error with a location.
func (p Printer) positions(ee *eval.Error) {
	fmt.Fprintln(p.W, positionsHeadline)
	fmt.Fprintln(p.W, "expressions at the following positions:")
	fmt.Fprintf(p.W, "%s\n\n", nestedText(ee))
}
