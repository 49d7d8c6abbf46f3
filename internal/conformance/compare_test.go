package conformance

import (
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/internal/testutil"
)

// sampleViolation is gotlc/output's recorded TLC report of an invariant
// violation with a two-state trace.
func sampleViolation(t *testing.T) string {
	return testutil.ReadFile(t, "../../gotlc/output/testdata/violation.out")
}

// TestDiffCatchesEachMismatch seeds one wrong figure at a time into a copy of
// a correct result and requires Diff to report it.
func TestDiffCatchesEachMismatch(t *testing.T) {
	want := Summarize(output.Parse(sampleViolation(t), 12))
	if d := Diff(want, want); len(d) != 0 {
		t.Fatalf("a result differs from itself: %v", d)
	}
	seeds := map[string]func(s *Summary){
		"verdict":  func(s *Summary) { s.Verdict = Deadlock },
		"exit":     func(s *Summary) { s.Exit = 11 },
		"name":     func(s *Summary) { s.Name = "Other" },
		"distinct": func(s *Summary) { s.Distinct++ },
		"depth":    func(s *Summary) { s.Depth-- },
		"trace":    func(s *Summary) { s.TraceLen = 3 },
		"final":    func(s *Summary) { s.Final = State{"b": "0", "s": "1"} },
		"missing":  func(s *Summary) { s.Final = State{"b": want.Final["b"]} },
		"extra":    func(s *Summary) { s.Final = State{"b": want.Final["b"], "s": "0", "t": "1"} },
		"notrace":  func(s *Summary) { s.Final = nil },
		"nocounts": func(s *Summary) { s.Distinct, s.Depth = -1, -1 },
	}
	for name, seed := range seeds {
		got := want
		seed(&got)
		if d := Diff(want, got); len(d) == 0 {
			t.Errorf("seeded mismatch %q not reported", name)
		}
	}
}

func TestCheckRefusal(t *testing.T) {
	good := output.Parse("gotlc: liveness properties are not supported: Live\n", 1)
	if d := CheckRefusal(good); len(d) != 0 {
		t.Errorf("a proper refusal was rejected: %v", d)
	}
	for _, bad := range []Result{
		output.Parse("Model checking completed. No error has been found.\n", 0),
		output.Parse("gotlc: cannot check this\n", 1),
		output.Parse("liveness unsupported, checked safety only\n", 0),
	} {
		if d := CheckRefusal(bad); len(d) == 0 {
			t.Errorf("a bad refusal was accepted: %q exit %d", strings.TrimSpace(bad.Output), bad.Exit)
		}
	}
}

func TestDiffWholeTrace(t *testing.T) {
	r := output.Parse(sampleViolation(t), 12)
	e := Expect{Verdict: Invariant, Invariant: "Inv", Exit: 12, TraceLength: 2}
	got := Summarize(r)
	bad := got
	bad.Trace = []State{{"b": "1", "s": "0"}, got.Trace[1]}
	// Final state only: a wrong first state goes unnoticed ...
	if d := Diff(e.Summarize(r.Trace), bad); len(d) != 0 {
		t.Fatalf("final-state comparison looked at state 1: %v", d)
	}
	// ... unless compare_trace asks for every state.
	e.CompareTrace = true
	if d := Diff(e.Summarize(r.Trace), got); len(d) != 0 {
		t.Fatalf("identical traces differ: %v", d)
	}
	if d := Diff(e.Summarize(r.Trace), bad); len(d) != 1 || !strings.Contains(d[0], "state 1") {
		t.Fatalf("wrong state 1 not reported as such: %v", d)
	}
}
