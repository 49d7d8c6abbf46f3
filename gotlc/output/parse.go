package output

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	reVersion   = regexp.MustCompile(`(?m)^TLC2 Version (\S+)`)
	reCounts    = regexp.MustCompile(`(?m)^([\d,]+) states generated, ([\d,]+) distinct states found, ([\d,]+) states left on queue\.`)
	reDepth     = regexp.MustCompile(`(?m)^The depth of the complete state graph search is ([\d,]+)\.`)
	reInvariant = regexp.MustCompile(`(?m)^Error: Invariant (\S+) is violated`)
	reActProp   = regexp.MustCompile(`(?m)^Error: Action property (.+?) is violated`)
	reProp      = regexp.MustCompile(`(?m)^Error: (?:Temporal )?[Pp]ropert(?:y|ies) (.+?) (?:is|are) violated`)
	reTempProps = regexp.MustCompile(`(?m)^Error: Temporal properties were violated\.`)
	reDeadlock  = regexp.MustCompile(`(?m)^Error: Deadlock reached\.`)
	reAssume    = regexp.MustCompile(`(?m)^Error: Assumption .* is false\.`)
	reEval      = regexp.MustCompile(`(?m)^Error: (Attempted to|The error occurred when TLC was evaluating|Evaluating |The first argument of Assert|TLC threw an unexpected exception|This was a Java StackOverflowError)`)
	reConfig    = regexp.MustCompile(`(?m)ConfigFileException|TLC found an error in the configuration file|^Error: The constant parameter \S+ is not assigned|^Error: The \S+ \S+ specified in the configuration file`)
	reRefused   = regexp.MustCompile(`(?m)^(?:Error: )?(?:TLC cannot handle the temporal formula|Temporal formulas containing actions must be of forms)`)
	reLasso     = regexp.MustCompile(`(?m)^(?:Back to state \d+:|State \d+: Stuttering$)`)
	reBack      = regexp.MustCompile(`(?m)^Back to state (\d+): <(.*)>$`)
	reSuccess   = regexp.MustCompile(`(?m)^Model checking completed\. No error has been found\.`)
	reError     = regexp.MustCompile(`(?m)^Error: .*$`)
	reStateHdr  = regexp.MustCompile(`^State (\d+):`)
	reInitHdr   = regexp.MustCompile(`^Error: .* is violated by the initial state:$`)
	reBareVar   = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) = `)
)

// Parse reads the standard output of a TLC (or gotlc) run and the process's
// exit code. It is the one reader of TLC's text in the project; gotlc's own
// runs are not parsed but reported by their Printer.
func Parse(out string, exit int) Report {
	r := noCounts()
	r.Exit, r.Output = exit, out
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
	// The first error line, not the headline of the nested positions
	// (which TLC prints first for an error in the liveness checker).
	for _, m := range reError.FindAllString(out, -1) {
		if m != positionsHeadline {
			r.Message = m
			break
		}
	}
	switch {
	case reInvariant.MatchString(out):
		r.Verdict, r.Name = Invariant, reInvariant.FindStringSubmatch(out)[1]
	case reActProp.MatchString(out):
		r.Verdict, r.Name = Property, reActProp.FindStringSubmatch(out)[1]
	case reProp.MatchString(out):
		r.Verdict, r.Name = Property, reProp.FindStringSubmatch(out)[1]
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
	if m := reBack.FindStringSubmatch(out); m != nil {
		r.Loop, r.Back = int(num(m[1])), m[2]
	}
	return r
}

// SaysSuccess reports whether out contains TLC's line for a search that
// found no error (whatever its exit code).
func SaysSuccess(out string) bool { return reSuccess.MatchString(out) }

func num(s string) int64 {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil {
		return -1
	}
	return n
}

// parseTrace collects the `State n:` blocks. An initial state that violates
// an invariant is printed without such a header, after "Error: Invariant X is
// violated by the initial state:"; it counts as a trace of one state. A
// block's variables are the `/\ v = e` lines after its header (or a bare
// `v = e` line when the spec has one variable); a line that starts neither
// way continues the previous value, as TLC wraps long values. A block ends
// at a blank line.
func parseTrace(out string) []State {
	var trace []State
	var cur State
	var curVar string
	var curVal strings.Builder
	flush := func() {
		if cur != nil && curVar != "" {
			cur[curVar] = NormValue(curVal.String())
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
