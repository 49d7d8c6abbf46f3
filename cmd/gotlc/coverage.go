package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
)

// collisionProbability is TLC's "calculated (optimistic)" estimate of the
// probability that two distinct states had the same 64-bit fingerprint:
// distinct * (generated - distinct) / 2^64 (each of the generated-distinct
// successors that were found already seen could have been a new state
// whose fingerprint collided with one of the distinct ones). TLC 2.18
// prints it with two significant digits, e.g. "val = 1.9E-8".
func collisionProbability(distinct, generated int64) string {
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
	mant, exp, _ := cut(s, 'E')
	e, err := strconv.Atoi(exp)
	if err != nil {
		return s
	}
	return mant + "E" + strconv.Itoa(e)
}

func cut(s string, c byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// printCoverage prints the per-action counts of a finished search (-coverage).
func printCoverage(out io.Writer, r *check.Result) {
	fmt.Fprintf(out, "The coverage statistics at %s\n", stamp(time.Now()))
	fmt.Fprintf(out, "<Init>: %d:%d\n", r.InitStates, r.InitGenerated)
	for _, a := range r.Coverage {
		fmt.Fprintf(out, "<%s %s>: %d:%d (enabled in %d states)\n", a.Name, a.Location, a.Distinct, a.Generated, a.Enabled)
	}
	fmt.Fprintln(out, "End of statistics.")
}

// warnNeverEnabled warns about the sub-actions of Next that never produced a
// successor in a complete search: a model in which an action never fires
// checks nothing about that action.
func warnNeverEnabled(out io.Writer, r *check.Result) {
	for _, a := range check.NeverEnabled(r.Coverage) {
		fmt.Fprintf(out, "Warning: action %s (%s) was never enabled: no reachable state has a successor by it, so the model checks nothing about it.\n", a.Name, a.Location)
	}
}
