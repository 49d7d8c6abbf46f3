package main

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
)

// runIn runs gotlc in-process with the given arguments and returns its
// output and exit code.
func runIn(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var b bytes.Buffer
	code := gotlcMain(args, &b)
	return b.String(), code
}

// stamps hides the times in gotlc's output.
var stamps = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|Finished in .*`)

const perfData = "../../gotlc/check/testdata/perf"

// TestNeverEnabledWarning: a successful search warns about an action that
// was never enabled, with or without -coverage; a model where every action
// fires gets no warning.
func TestNeverEnabledWarning(t *testing.T) {
	spec := filepath.Join(perfData, "Refill.tla")
	for _, extra := range [][]string{nil, {"-coverage", "1"}, {"-coverage"}} {
		args := append(append([]string{}, extra...), "-config", filepath.Join(perfData, "Refill.cfg"), spec)
		out, code := runIn(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, out)
		}
		if !strings.Contains(out, "Warning: action Refill (") || !strings.Contains(out, "was never enabled") {
			t.Errorf("%v: no never-enabled warning for Refill:\n%s", args, out)
		}
		if strings.Contains(out, "Warning: action Take") || strings.Contains(out, "Warning: action Idle") {
			t.Errorf("%v: warning for an action that fired:\n%s", args, out)
		}
		if hasCov := strings.Contains(out, "The coverage statistics at"); hasCov != (extra != nil) {
			t.Errorf("%v: coverage report printed = %v", args, hasCov)
		}
		if extra != nil && !regexp.MustCompile(`<Take line \d+, col \d+ to line \d+, col \d+ of module Refill>: 3:3 \(enabled in 3 states\)`).MatchString(out) {
			t.Errorf("%v: no coverage line for Take:\n%s", args, out)
		}
	}
	out, code := runIn(t, "-config", filepath.Join(perfData, "RefillOK.cfg"), spec)
	if code != 0 || strings.Contains(out, "never enabled") {
		t.Errorf("RefillOK: exit %d, output:\n%s", code, out)
	}
}

// TestSimulateCLI: -simulate finds DieHard's violation with exit 12, TLC's
// report lines and a trace; the same seed gives the same output.
func TestSimulateCLI(t *testing.T) {
	dir := "../../gotlc/testdata/corpus/diehard"
	args := []string{"-simulate", "-depth", "60", "-seed", "3", "-num", "2000", "-config", filepath.Join(dir, "DieHard.cfg"), filepath.Join(dir, "DieHard.tla")}
	out, code := runIn(t, args...)
	if code != 12 {
		t.Fatalf("exit %d, want 12\n%s", code, out)
	}
	for _, l := range []string{"Running Random Simulation with seed 3 with 1 worker", "Error: Invariant NotFour is violated.",
		"Error: The behavior up to this point is:", "State 1: <Initial predicate>", "The number of states generated: ", "Simulation using seed 3 and aril 0"} {
		if !strings.Contains(out, l) {
			t.Errorf("output lacks %q:\n%s", l, out)
		}
	}
	again, _ := runIn(t, append([]string{"-workers", "2"}, args...)...)
	norm := func(s string) string {
		s = stamps.ReplaceAllString(s, "")
		return regexp.MustCompile(`with \d+ workers? on`).ReplaceAllString(s, "")
	}
	if norm(out) != norm(again) {
		t.Errorf("same seed, different output:\n%s\n----\n%s", out, again)
	}
	ok, code := runIn(t, "-simulate", "num=5", "-depth", "10", "-config", filepath.Join(perfData, "RefillOK.cfg"), filepath.Join(perfData, "Refill.tla"))
	if code != 0 || !strings.Contains(ok, "Simulation completed: 5 behaviours") {
		t.Errorf("simulate num=5: exit %d\n%s", code, ok)
	}
}

func TestQueueMemFlag(t *testing.T) {
	dir := "../../gotlc/testdata/corpus/bakery"
	out, code := runIn(t, "-queuemem", "1K", "-metadir", t.TempDir(), "-config", filepath.Join(dir, "Bakery.cfg"), filepath.Join(dir, "Bakery.tla"))
	if code != 0 || !strings.Contains(out, "872 distinct states found") {
		t.Errorf("exit %d\n%s", code, out)
	}
	if _, code := runIn(t, "-queuemem", "lots", "x.tla"); code != output.ExitError {
		t.Errorf("-queuemem lots: exit %d", code)
	}
}
