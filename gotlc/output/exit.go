// Package output is gotlc's report in TLC's words, the role TLC's
// tlc2/output plays: the exit codes, the summary lines, error traces and
// state printing of a check.Result (Printer), and the one parser of TLC's
// text output (Parse), which reads real TLC runs so that they can be
// compared with gotlc's. Both produce a Report, so a caller never needs to
// re-read gotlc's text: it gets the Report the Printer returned.
package output

// Exit codes, as TLC 2.18 uses them.
const (
	ExitOK         = 0
	ExitAssumption = 10 // an ASSUME is false
	ExitDeadlock   = 11
	ExitSafety     = 12 // an invariant (or a []P property) is violated
	ExitProperty   = 13 // an action property (or a state part of one) is violated
	ExitAssert     = 14 // Assert failed
	ExitEval       = 75 // an evaluation error
	ExitInvEval    = 76 // an invariant could not be evaluated
	ExitParse      = 150
	ExitConfig     = 151 // the cfg names something the spec does not have
	ExitError      = 255 // unreadable cfg and other failures
)

// Verdict names what a run found. The values are those recorded in the
// corpus's expect.json files.
type Verdict string

// Verdicts.
const (
	Success     Verdict = "success"
	Invariant   Verdict = "invariant"
	Deadlock    Verdict = "deadlock"
	Property    Verdict = "property"
	Assumption  Verdict = "assumption"
	EvalError   Verdict = "eval_error"
	ParseError  Verdict = "parse_error"
	ConfigError Verdict = "config_error"
	Unknown     Verdict = "unknown"
	// Refused: a temporal formula TLC cannot check ("TLC cannot handle
	// the temporal formula ...", "Temporal formulas containing actions
	// must be of forms <>[]A or []<>A."), exit code 255.
	Refused Verdict = "refused"
)

// verdictByExit maps TLC's exit codes to verdicts. It is Parse's fallback
// when the output names no verdict of its own.
var verdictByExit = map[int]Verdict{
	ExitOK:         Success,
	ExitAssumption: Assumption,
	ExitDeadlock:   Deadlock,
	ExitSafety:     Invariant,
	ExitProperty:   Property,
	ExitEval:       EvalError,
	ExitParse:      ParseError,
	ExitConfig:     ConfigError,
}

// HasTrace tells whether a verdict comes with an error trace.
func HasTrace(v Verdict) bool {
	return v == Invariant || v == Deadlock || v == Property
}

// Violation tells whether a verdict is a violated invariant or property
// (what a mutant of tla/models.json must produce).
func Violation(v Verdict) bool { return v == Invariant || v == Property }
