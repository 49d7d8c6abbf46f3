package output

import (
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// sampleViolation is a TLC 2.18 report of an invariant violation with a
// two-state trace (testdata/violation.out; internal/conformance's tests
// read the same file).
func sampleViolation(t *testing.T) string { return testutil.ReadFile(t, "testdata/violation.out") }

func TestParseViolation(t *testing.T) {
	r := Parse(sampleViolation(t), 12)
	if r.Verdict != Invariant || r.Name != "Inv" || r.Version != "2.18" {
		t.Fatalf("verdict %q invariant %q version %q", r.Verdict, r.Name, r.Version)
	}
	if r.Generated != 73 || r.Distinct != 14 || r.Left != 1 || r.Depth != 7 {
		t.Fatalf("counts %d %d %d depth %d", r.Generated, r.Distinct, r.Left, r.Depth)
	}
	if len(r.Trace) != 2 {
		t.Fatalf("trace length %d, want 2", len(r.Trace))
	}
	// The wrapped record is joined and white space outside strings dropped.
	if got, want := r.Trace[1]["b"], `[x|->{1,2},y|->"a b"]`; got != want {
		t.Fatalf("b = %s, want %s", got, want)
	}
}

func TestParseSingleVariableTrace(t *testing.T) {
	out := "Error: Deadlock reached.\nError: The behavior up to this point is:\nState 1: <Initial predicate>\npegs = <<1, 2>>\n\nState 2: <Move line 3>\npegs = <<2>>\n\n"
	r := Parse(out, 11)
	if r.Verdict != Deadlock || len(r.Trace) != 2 || r.Trace[1]["pegs"] != "<<2>>" {
		t.Fatalf("got %q %v", r.Verdict, r.Trace)
	}
}

func TestParseVerdicts(t *testing.T) {
	for _, c := range []struct {
		out  string
		exit int
		want Verdict
		name string
	}{
		{"Model checking completed. No error has been found.\n", 0, Success, ""},
		{"Error: Action property Refines is violated.\n", 13, Property, "Refines"},
		{"Error: Temporal properties were violated.\n", 13, Property, ""},
		{"Error: Assumption line 5, column 8 to line 5, column 12 in module X is false.\n", 10, Assumption, ""},
		{"Error: Attempted to apply Head to the empty sequence.\n", 255, EvalError, ""},
		{"Semantic errors:\n", 150, ParseError, ""},
		{"Model checking completed. No error has been found.\n", 1, Unknown, ""},
	} {
		r := Parse(c.out, c.exit)
		if r.Verdict != c.want || r.Name != c.name {
			t.Errorf("Parse(%q, %d) = %s %q, want %s %q", c.out, c.exit, r.Verdict, r.Name, c.want, c.name)
		}
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, out := range []string{
		"Error: The constant parameter Id is not assigned a value by the configuration file.\n",
		"Error: The invariant NoSuchInvariant specified in the configuration file\nis not defined in the specification.\n",
		"Error: TLC threw an unexpected exception.\nThe exception was a tlc2.tool.ConfigFileException\n: TLC found an error in the configuration file at line 3\n",
	} {
		if r := Parse(out, 151); r.Verdict != ConfigError {
			t.Errorf("Parse(%q) = %s, want %s", out, r.Verdict, ConfigError)
		}
	}
}

func TestParseInitialStateViolation(t *testing.T) {
	out := "Computing initial states...\nError: Invariant SomeWater is violated by the initial state:\n/\\ big = 0\n/\\ small = 0\n\nFinished in 25s\n"
	r := Parse(out, 12)
	if r.Verdict != Invariant || r.Name != "SomeWater" || len(r.Trace) != 1 || r.Trace[0]["small"] != "0" {
		t.Fatalf("got %s %q trace %v", r.Verdict, r.Name, r.Trace)
	}
}
