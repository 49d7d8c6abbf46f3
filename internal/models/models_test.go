package models

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tlcSuccess = `Model checking completed. No error has been found.
  Estimates of the probability that TLC did not check all reachable states
81,893 states generated, 26,282 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 31.
`

const tlcViolation = `Error: Invariant ExactlyOnePlace is violated.
Error: The behavior up to this point is:
State 1: <Initial predicate>
2527 states generated, 1029 distinct states found, 360 states left on queue.
The depth of the complete state graph search is 13.
`

func TestParse(t *testing.T) {
	r := Parse(tlcSuccess, 0)
	if r.Verdict != "success" || r.Distinct != 26282 || r.Generated != 81893 || r.Depth != 31 {
		t.Fatalf("success run parsed as %+v", r)
	}
	r = Parse(tlcViolation, 12)
	if r.Verdict != "violation" || r.Invariant != "ExactlyOnePlace" || r.Distinct != 1029 || r.Depth != 13 {
		t.Fatalf("violation parsed as %+v", r)
	}
	// A run that printed success but exited non-zero is not a success.
	if r := Parse(tlcSuccess, 1); r.Verdict != "error" {
		t.Fatalf("non-zero exit parsed as %q", r.Verdict)
	}
	if r := Parse("Error: Parsing or semantic analysis failed.\n", 150); r.Verdict != "error" || !strings.Contains(r.Message, "Parsing") {
		t.Fatalf("parse error parsed as %+v", r)
	}
}

func TestCompare(t *testing.T) {
	e := Entry{Name: "m", Expect: "violation", Invariant: "ExactlyOnePlace", Distinct: 1029, Depth: 13}
	good := Parse(tlcViolation, 12)
	if d := Compare(e, good); d != nil {
		t.Fatalf("matching run reported %v", d)
	}
	// Each field that differs must be reported.
	for name, mutate := range map[string]func(*Result){
		"verdict":   func(r *Result) { r.Verdict = "success" },
		"invariant": func(r *Result) { r.Invariant = "CounterBalance" },
		"distinct":  func(r *Result) { r.Distinct++ },
		"depth":     func(r *Result) { r.Depth-- },
	} {
		r := good
		mutate(&r)
		if d := Compare(e, r); len(d) == 0 {
			t.Errorf("a different %s was not reported", name)
		}
	}
}

func repoRoot(t *testing.T) string {
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// Every .cfg under tla/ and proofs/ is a manifest entry (or listed as not a
// model), and every entry names files that exist.
func TestManifestCoversEveryModel(t *testing.T) {
	root := repoRoot(t)
	m, err := Load(filepath.Join(root, "tla", "models.json"))
	if err != nil {
		t.Fatal(err)
	}
	missing, err := m.Uncovered(root, "tla", "proofs")
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Fatalf("configs without a manifest entry: %v", missing)
	}
	for _, e := range m.Models {
		for _, f := range []string{e.Spec, e.Config} {
			if _, err := os.Stat(filepath.Join(root, f)); err != nil {
				t.Errorf("%s: %v", e.Name, err)
			}
		}
	}
	if len(m.Select("ci")) == 0 {
		t.Fatal("no ci models")
	}
}

func TestLoadRejectsBadEntries(t *testing.T) {
	for _, bad := range []string{
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"maybe","size":"ci"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"violation","size":"ci"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"success","size":"huge"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"success","size":"ci","kind":"fairness"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"violation","size":"ci","kind":"liveness"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"violation","invariant":"I","size":"ci","kind":"liveness"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"violation","invariant":"I","property":"P","size":"ci"}]}`,
		`{"models":[{"name":"a","spec":"s","config":"c","expect":"success","size":"ci"},{"name":"a","spec":"s","config":"c","expect":"success","size":"ci"}]}`,
	} {
		p := filepath.Join(t.TempDir(), "m.json")
		os.WriteFile(p, []byte(bad), 0o644)
		if _, err := Load(p); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

const tlcLasso = `Error: Temporal properties were violated.

Error: The following behavior constitutes a counter-example:

State 1: <Initial predicate>
/\ x = 0

State 2: <Step line 9, col 9 to line 9, col 20 of module M>
/\ x = 1

Back to state 1: <Step line 9, col 9 to line 9, col 20 of module M>

679 states generated, 300 distinct states found, 0 states left on queue.
The depth of the complete state graph search is 19.
`

// A liveness violation is a temporal violation with a lasso; a safety
// violation, or one without the cycle, does not match a liveness entry.
func TestCompareLiveness(t *testing.T) {
	e := Entry{Name: "m", Kind: Liveness, Expect: "violation", Property: "P", Distinct: 300, Depth: 19}
	r := Parse(tlcLasso, 13)
	if r.Verdict != "violation" || !r.Temporal || !r.Lasso || r.Distinct != 300 {
		t.Fatalf("lasso parsed as %+v", r)
	}
	if d := Compare(e, r); d != nil {
		t.Fatalf("matching run reported %v", d)
	}
	stutter := strings.Replace(tlcLasso, "Back to state 1: <Step line 9, col 9 to line 9, col 20 of module M>", "State 3: Stuttering", 1)
	if r := Parse(stutter, 13); !r.Lasso || Compare(e, r) != nil {
		t.Fatalf("stuttering lasso parsed as %+v, diffs %v", r, Compare(e, r))
	}
	noLoop := strings.Replace(tlcLasso, "Back to state 1:", "Later state 1:", 1)
	if d := Compare(e, Parse(noLoop, 13)); len(d) == 0 {
		t.Error("a temporal violation without its cycle was accepted")
	}
	inv := Parse(tlcViolation, 12)
	inv.Distinct, inv.Depth = 300, 19
	if d := Compare(e, inv); len(d) == 0 {
		t.Error("an invariant violation was accepted for a liveness entry")
	}
	// And a temporal violation does not match a safety entry.
	if d := Compare(Entry{Name: "s", Expect: "violation", Invariant: "Inv", Distinct: 300, Depth: 19}, r); len(d) == 0 {
		t.Error("a temporal violation was accepted for an invariant entry")
	}
}
