package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/internal/testutil"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gotlc-test")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "gotlc")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic("go build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const testdata = "../../gotlc/check/testdata"

// gotlc runs the binary in dir and returns its output and exit code.
func gotlc(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("run: %v", err)
		}
		code = ee.ExitCode()
	}
	return string(out), code
}

// exits runs the binary in dir (as gotlc does), requires exit code want
// and returns the output.
func exits(t *testing.T, want int, dir string, args ...string) string {
	t.Helper()
	out, code := gotlc(t, dir, args...)
	if code != want {
		t.Fatalf("%v: exit %d, want %d\n%s", args, code, want, out)
	}
	return out
}

func mustContain(t *testing.T, out string, lines ...string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains(out, l) {
			t.Errorf("output lacks %q:\n%s", l, out)
		}
	}
}

func TestSuccess(t *testing.T) {
	out := exits(t, 0, testdata, "-config", "CountersOK.cfg", "Counters.tla")
	mustContain(t, out,
		"Model checking completed. No error has been found.\n",
		"113 states generated, 28 distinct states found, 0 states left on queue.\n",
		"The depth of the complete state graph search is 5.\n")
}

func TestInvariantViolation(t *testing.T) {
	out := exits(t, 12, testdata, "-workers", "2", "-config", "CountersInv.cfg", "Counters.tla")
	mustContain(t, out,
		"Error: Invariant SumBelow is violated.\n",
		"Error: The behavior up to this point is:\nState 1: <Initial predicate>\n/\\ x = 0\n/\\ y = 0\n\n",
		"State 2: <Inc(1) line 7, col 11 to line 8, col 19 of module Counters>\n/\\ x = 1\n/\\ y = 0\n",
		"State 4: <Inc(2) line 7, col 11 to line 8, col 19 of module Counters>\n/\\ x = 5\n/\\ y = 0\n",
		"23 states generated, 14 distinct states found, 7 states left on queue.\n")
}

func TestDeadlockAndItsFlag(t *testing.T) {
	out := exits(t, 11, testdata, "-config", "Stop.cfg", "Stop.tla")
	mustContain(t, out, "Error: Deadlock reached.\n", "State 4: <Next line 5, col 9 to line 5, col 27 of module Stop>\nx = 3\n")
	exits(t, 0, testdata, "-deadlock", "-config", "Stop.cfg", "Stop.tla")
}

func TestPropertyViolationAndJSONTrace(t *testing.T) {
	dump := filepath.Join(t.TempDir(), "trace.json")
	out := exits(t, 13, testdata, "-config", "BufferLossy.cfg", "-dumpTrace", "json", dump, "Buffer.tla")
	mustContain(t, out, "Error: Action property line 8, col 17 to line 8, col 44 of module QueueSpec is violated.\n")
	b, err := os.ReadFile(dump)
	if err != nil {
		t.Fatal(err)
	}
	var tr output.TraceJSON
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	if tr.Verdict != "property" || len(tr.States) != 4 || tr.States[0].Action != "Initial predicate" ||
		tr.States[3].Action != "Put" || tr.States[3].Vars["buf"] != "<<1, 2>>" {
		t.Fatalf("trace JSON: %+v", tr)
	}
}

func TestBadInput(t *testing.T) {
	dir := testutil.WriteDir(t, map[string]string{
		"Bad.tla": "---- MODULE Bad ----\nVARIABLE x\nInit == x = \nNext == x' = x\n====\n",
		"Bad.cfg": "INIT Init\nNEXT Next\n",
	})
	out, code := gotlc(t, dir, "Bad.tla")
	if code != 150 {
		t.Fatalf("parse error: exit %d, want 150\n%s", code, out)
	}
	// The operand of `=` is missing: the error is on its line (as SANY's),
	// not at the next definition.
	if !regexp.MustCompile(`Bad\.tla:3:11: expected an expression after .*\n.*\n +\^`).MatchString(out) {
		t.Errorf("parse error without file:line:col and caret:\n%s", out)
	}
	os.WriteFile(filepath.Join(dir, "Bad.tla"), []byte("---- MODULE Bad ----\nCONSTANT N\nVARIABLE x\nInit == x = N\nNext == x' = x\n====\n"), 0o644)
	out, code = gotlc(t, dir, "Bad.tla")
	if code != 151 || !strings.Contains(out, "The constant parameter N is not assigned a value by the configuration file.") {
		t.Errorf("unassigned constant: exit %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(dir, "Bad.cfg"), []byte("CONSTANT N = 1\nINIT Init\nNEXT Next\nINVARIANT Nope\n"), 0o644)
	out, code = gotlc(t, dir, "Bad.tla")
	if code != 151 || !strings.Contains(out, "The invariant Nope specified in the configuration file\nis not defined in the specification.") {
		t.Errorf("unknown invariant: exit %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(dir, "Bad.cfg"), []byte("CONSTANT N = \nINIT Init\n"), 0o644)
	if out, code = gotlc(t, dir, "Bad.tla"); code != 255 {
		t.Errorf("malformed cfg: exit %d\n%s", code, out)
	}
	if out, code = gotlc(t, dir, "-frobnicate", "Bad.tla"); code != 255 || !strings.Contains(out, "unknown flag -frobnicate") {
		t.Errorf("unknown flag: exit %d\n%s", code, out)
	}
}

func TestEvaluationErrorHasLocationAndTrace(t *testing.T) {
	out := exits(t, 75, "testdata", "E.tla")
	mustContain(t, out, "to argument 21, which is not in the domain of the function.",
		"State 2: <Next line 5, col 9 to line 5, col 30 of module E>\ni = 20\n",
		// The chain of locations, outermost (Next's body) first, and the
		// innermost's line with a caret.
		"0. Line 5, column 9 to line 5, column 30 in E\n1. Line 5, column 14 to line 5, column 30 in E\n",
		"E.tla:5:14:\n    Next == i' = <<10, 20>>[i + 1]\n                 ^\n")
}

// An error while evaluating ENABLED for a fairness condition: TLC 2.20
// prints the positions first, then the message and the behaviour (for an
// error in Next the positions come last, as above).
func TestEnabledErrorPositionsFirst(t *testing.T) {
	out, _ := gotlc(t, "testdata", "EnabledError.tla")
	pos := strings.Index(out, "Error: The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n")
	msg := strings.Index(out, "\\div is 0")
	beh := strings.Index(out, "Error: The behavior up to this point is:\nState 1: <Initial predicate>\nx = 0\n")
	if pos < 0 || msg < 0 || beh < 0 || !(pos < msg && msg < beh) {
		t.Errorf("want the positions, then the message, then the behaviour (at %d, %d, %d):\n%s", pos, msg, beh, out)
	}
	mustContain(t, out, "in EnabledError\n")
}

func TestLivenessCounterexample(t *testing.T) {
	dir := testutil.WriteDir(t, map[string]string{
		"L.tla": "---- MODULE L ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nA == x < 2 /\\ x' = x + 1\nB == x = 2 /\\ x' = 0\nSpec == Init /\\ [][A \\/ B]_x /\\ WF_x(A \\/ B)\nLive == <>(x = 5)\nOften == []<>(x = 2)\n====\n",
		"L.cfg": "SPECIFICATION Spec\nPROPERTY Live\n",
		"O.cfg": "SPECIFICATION Spec\nPROPERTY Often\n",
	})
	out := exits(t, 13, dir, "-dumpTrace", "json", filepath.Join(dir, "t.json"), "L.tla")
	mustContain(t, out, "Error: Temporal properties were violated.\n\nError: The following behavior constitutes a counter-example:\n\nState 1: <Initial predicate>\nx = 0\n",
		"State 3: <A line 5, col 6 to line 5, col 24 of module L>\nx = 2\n\nBack to state 1: <B line 6, col 6 to line 6, col 20 of module L>\n\n")
	js, err := os.ReadFile(filepath.Join(dir, "t.json"))
	if err != nil || !strings.Contains(string(js), `"loopStart": 1`) || !strings.Contains(string(js), `"backAction": "B"`) {
		t.Fatalf("json trace does not mark the loop: %v\n%s", err, js)
	}
	out, code := gotlc(t, dir, "-config", "O.cfg", "L.tla")
	if code != 0 || !strings.Contains(out, "Finished checking temporal properties in") || !strings.Contains(out, "No error has been found") {
		t.Fatalf("[]<>(x = 2) under WF: exit %d\n%s", code, out)
	}
}

func TestHelp(t *testing.T) {
	out, code := gotlc(t, ".", "-h")
	if code != 0 || !strings.Contains(out, "usage: gotlc [flags] Spec.tla") || !strings.Contains(out, "-dumpTrace json FILE") {
		t.Fatalf("help: exit %d\n%s", code, out)
	}
}

// TLC 2.18 reports a false state-predicate conjunct of a PROPERTY with its
// location on the initial state (exit 13), and a []P property as an
// invariant (exit 12).
func TestStatePartsOfProperties(t *testing.T) {
	out := exits(t, 13, "testdata", "-config", "PV.cfg", "PV.tla")
	mustContain(t, out, "Error: Property line 6, col 6 to line 6, col 10 of module PV is violated by the initial state:\nx = 0\n")
	out = exits(t, 12, "testdata", "-config", "PV2.cfg", "PV.tla")
	mustContain(t, out, "Error: Invariant Q is violated.\n", "State 3: <Next line 5, col 9 to line 5, col 27 of module PV>\nx = 2\n",
		"3 states generated, 3 distinct states found, 0 states left on queue.\n")
}

// printed returns the lines between "Starting..." and "Computing initial
// states...": what the assumptions' Print and PrintT wrote.
func printed(out string) []string {
	var lines []string
	in := false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "Starting..."):
			in = true
		case strings.HasPrefix(l, "Computing initial states"):
			return lines
		case in:
			lines = append(lines, l)
		}
	}
	return lines
}

// TestConstantOnlyModelAsTLC: a .cfg without SPECIFICATION, INIT or NEXT
// evaluates the assumptions, prints what Print/PrintT print in TLC's
// format and order, and reports a search of no state (depth 0, no
// outdegree), as in TLC's recorded output.
func TestConstantOnlyModelAsTLC(t *testing.T) {
	dir := "../../gotlc/testdata/corpus/constonly"
	out := exits(t, 0, dir, "-config", "ConstOnly.cfg", "ConstOnly.tla")
	rec, err := os.ReadFile(filepath.Join(dir, "ConstOnly.expected_tlc.out"))
	if err != nil {
		t.Fatal(err)
	}
	got, want := printed(out), printed(string(rec))
	if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("printed %q, TLC printed %q", got, want)
	}
	mustContain(t, out, "0 states generated, 0 distinct states found, 0 states left on queue.\n",
		"The depth of the complete state graph search is 0.\n")
	if strings.Contains(out, "outdegree") || strings.Contains(out, "never enabled") {
		t.Errorf("a model without states reports an outdegree or a never-enabled action:\n%s", out)
	}
}
