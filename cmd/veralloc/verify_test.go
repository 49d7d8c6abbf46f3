package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
)

// TestVerifyFailsWhenACheckFails runs `veralloc verify` with a manifest that
// records the B1 mutant as holding and with B3 seeded into the traced stress
// run: both rows must say FAIL, the others ok, the exit code must be 1, and
// the HTML report must still be written and show the failures.
func TestVerifyFailsWhenACheckFails(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the -tags trace,faults binary")
	}
	root(t) // fails early when the repository is not found
	dir := t.TempDir()
	manifest := filepath.Join(dir, "models.json")
	if err := os.WriteFile(manifest, []byte(`{"models": [
  {"name": "MutantB1AsHolding", "spec": "tla/MCAllocator.tla", "config": "tla/mutants/B1.cfg",
   "expect": "success", "distinct": 30, "depth": 6, "size": "ci", "about": "wrong on purpose"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report")
	var stdout, stderr bytes.Buffer
	code := runVerify([]string{"-models", manifest, "-out", out, "-lincheck-ops", "2000",
		"-trace-ops", "5000", "-trace-fault", "B3"}, &stdout, &stderr)
	t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, row := range []string{
		`gotlc MutantB1AsHolding\s+violation CounterBalance.*\s+FAIL\s`,
		`trace validation\s+diverges at line \d+ \(SpliceToSll\)\s+FAIL\s`,
		`linearizability \(porcupine\)\s+linearizable\s+ok\s`,
		`traceability matrix\s+.*\s+ok\s`,
		`verify: FAILED: 2 of 4 checks failed`,
	} {
		if !regexp.MustCompile(row).MatchString(stdout.String()) {
			t.Errorf("the summary has no line matching %q", row)
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatalf("no HTML report: %v", err)
	}
	// The mutant's counterexample reaches the report as data (gotlc's
	// Report), not as text to re-read: a table in the HTML, states in
	// results.json.
	var res []checkResult
	b, err := os.ReadFile(filepath.Join(out, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	var mc *checkResult
	for i := range res {
		if res[i].Name == "gotlc MutantB1AsHolding" {
			mc = &res[i]
		}
	}
	if mc == nil || mc.Model == nil || mc.Model.Verdict != output.Invariant || mc.Model.Name != "CounterBalance" ||
		len(mc.Model.Trace) != 6 || mc.Model.Distinct != 30 {
		t.Fatalf("results.json lacks the mutant's structured report: %+v", mc)
	}
	for _, want := range []string{"MutantB1AsHolding", "SpliceToSll", "FAIL", "invariant CounterBalance: a trace of 6 states"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the HTML report does not mention %q", want)
		}
	}
}
