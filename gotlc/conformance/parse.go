package conformance

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Verdicts, as recorded in expect.json.
const (
	Success     = "success"
	Invariant   = "invariant"
	Deadlock    = "deadlock"
	Property    = "property"
	Assumption  = "assumption"
	EvalError   = "eval_error"
	ParseError  = "parse_error"
	ConfigError = "config_error"
	// Refused: TLC declined a temporal formula it cannot check ("TLC
	// cannot handle the temporal formula ...", "Temporal formulas
	// containing actions must be of forms <>[]A or []<>A.").
	Refused = "refused"
	Unknown = "unknown"
)

// verdictByExit maps TLC's exit codes to verdicts. It is the fallback when
// the output names no verdict of its own.
var verdictByExit = map[int]string{
	0:   Success,
	10:  Assumption,
	11:  Deadlock,
	12:  Invariant,
	13:  Property,
	75:  EvalError,
	150: ParseError,
	151: ConfigError,
}

// State is one state of an error trace: variable name to its printed value,
// normalised by normValue.
type State map[string]string

// Result is what one run of TLC or gotlc reported. Counts that the output
// did not contain are -1.
type Result struct {
	Exit      int
	Verdict   string
	Invariant string // violated invariant, if Verdict == Invariant
	Property  string // violated property, if Verdict == Property
	Generated int64
	Distinct  int64
	Left      int64
	Depth     int64
	Trace     []State // the `State n:` blocks of the error trace, in order
	Version   string  // "2.18" from "TLC2 Version 2.18 of ..."
	// Lasso: the trace is a liveness counterexample (it ends with "Back to
	// state N" or "State N: Stuttering").
	Lasso  bool
	Output string // the full output that was parsed
}

var (
	reVersion   = regexp.MustCompile(`(?m)^TLC2 Version (\S+)`)
	reCounts    = regexp.MustCompile(`(?m)^([\d,]+) states generated, ([\d,]+) distinct states found, ([\d,]+) states left on queue\.`)
	reDepth     = regexp.MustCompile(`(?m)^The depth of the complete state graph search is ([\d,]+)\.`)
	reInvariant = regexp.MustCompile(`(?m)^Error: Invariant (\S+) is violated`)
	reActProp   = regexp.MustCompile(`(?m)^Error: Action property (.+?) is violated`)
	reProp      = regexp.MustCompile(`(?m)^Error: (?:Temporal )?[Pp]ropert(?:y|ies) (\S+) (?:is|are) violated`)
	reTempProps = regexp.MustCompile(`(?m)^Error: Temporal properties were violated\.`)
	reDeadlock  = regexp.MustCompile(`(?m)^Error: Deadlock reached\.`)
	reAssume    = regexp.MustCompile(`(?m)^Error: Assumption .* is false\.`)
	reEval      = regexp.MustCompile(`(?m)^Error: (Attempted to|The error occurred when TLC was evaluating|Evaluating |The first argument of Assert|TLC threw an unexpected exception)`)
	reConfig    = regexp.MustCompile(`(?m)ConfigFileException|TLC found an error in the configuration file|^Error: The constant parameter \S+ is not assigned|^Error: The \S+ \S+ specified in the configuration file`)
	reRefused   = regexp.MustCompile(`(?m)^(?:Error: )?(?:TLC cannot handle the temporal formula|Temporal formulas containing actions must be of forms)`)
	reLasso     = regexp.MustCompile(`(?m)^(?:Back to state \d+:|State \d+: Stuttering$)`)
	reSuccess   = regexp.MustCompile(`(?m)^Model checking completed\. No error has been found\.`)
	reStateHdr  = regexp.MustCompile(`^State (\d+):`)
	reInitHdr   = regexp.MustCompile(`^Error: .* is violated by the initial state:$`)
	reBareVar   = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) = `)
)

// Parse reads TLC-format output and the process's exit code.
func Parse(out string, exit int) Result {
	r := Result{Exit: exit, Generated: -1, Distinct: -1, Left: -1, Depth: -1, Output: out}
	if m := reVersion.FindStringSubmatch(out); m != nil {
		r.Version = m[1]
	}
	// The last counts line is the final one; progress lines have another form.
	if ms := reCounts.FindAllStringSubmatch(out, -1); ms != nil {
		m := ms[len(ms)-1]
		r.Generated, r.Distinct, r.Left = num(m[1]), num(m[2]), num(m[3])
	}
	if ms := reDepth.FindAllStringSubmatch(out, -1); ms != nil {
		r.Depth = num(ms[len(ms)-1][1])
	}
	switch {
	case reInvariant.MatchString(out):
		r.Verdict = Invariant
		r.Invariant = reInvariant.FindStringSubmatch(out)[1]
	case reActProp.MatchString(out):
		r.Verdict = Property
		r.Property = reActProp.FindStringSubmatch(out)[1]
	case reProp.MatchString(out):
		r.Verdict = Property
		r.Property = reProp.FindStringSubmatch(out)[1]
	case reTempProps.MatchString(out):
		r.Verdict = Property
	case reRefused.MatchString(out) && exit != 0:
		r.Verdict = Refused
	case reDeadlock.MatchString(out):
		r.Verdict = Deadlock
	case reAssume.MatchString(out):
		r.Verdict = Assumption
	case reConfig.MatchString(out) && exit != 0:
		r.Verdict = ConfigError
	case reEval.MatchString(out) && exit != 0:
		r.Verdict = EvalError
	case reSuccess.MatchString(out) && exit == 0:
		r.Verdict = Success
	default:
		if v, ok := verdictByExit[exit]; ok && exit != 0 {
			r.Verdict = v
		} else {
			r.Verdict = Unknown
		}
	}
	r.Trace = parseTrace(out)
	r.Lasso = reLasso.MatchString(out)
	return r
}

func num(s string) int64 {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// parseTrace collects the `State n:` blocks. An initial state that violates
// an invariant is printed without such a header, after "Error: Invariant X is
// violated by the initial state:"; it counts as a trace of one state. A block's variables are the
// `/\ v = e` lines after its header (or a bare `v = e` line when the spec has
// one variable); a line that starts neither way continues the previous value,
// as TLC wraps long values. A block ends at a blank line.
func parseTrace(out string) []State {
	var trace []State
	var cur State
	var curVar string
	var curVal strings.Builder
	flush := func() {
		if cur != nil && curVar != "" {
			cur[curVar] = normValue(curVal.String())
		}
		curVar = ""
		curVal.Reset()
	}
	for line := range strings.SplitSeq(out, "\n") {
		line = strings.TrimRight(line, "\r")
		if reStateHdr.MatchString(line) || reInitHdr.MatchString(line) {
			flush()
			cur = State{}
			trace = append(trace, cur)
			continue
		}
		if cur == nil {
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			cur = nil
			continue
		}
		if rest, ok := strings.CutPrefix(line, `/\ `); ok {
			flush()
			name, val, found := strings.Cut(rest, " = ")
			if !found {
				continue
			}
			curVar = strings.TrimSpace(name)
			curVal.WriteString(val)
			continue
		}
		if curVar == "" && len(cur) == 0 {
			if m := reBareVar.FindStringSubmatch(line); m != nil {
				curVar = m[1]
				curVal.WriteString(line[len(m[0]):])
				continue
			}
		}
		if curVar != "" {
			curVal.WriteString(" ")
			curVal.WriteString(line)
		}
	}
	flush()
	return trace
}

// normValue removes white space outside string literals, so that values
// wrapped or indented differently compare equal.
func normValue(s string) string {
	var b strings.Builder
	inStr, esc := false, false
	for _, c := range s {
		switch {
		case inStr:
			b.WriteRune(c)
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
			b.WriteRune(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Format prints a state as sorted `/\ v = e` lines, for messages.
func (s State) Format() string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString(`/\ ` + n + " = " + s[n] + "\n")
	}
	return b.String()
}
