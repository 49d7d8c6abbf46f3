package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/internal/models"
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

// TestVerifyReportDetails: the details issue 17 asked of the report, row by
// row: "1 state", not "1 states"; a clean model's warning that DrainRead
// was never enabled comes with the note that says why; a passing lincheck
// row links porcupine's view of a sample of the checked history.
func TestVerifyReportDetails(t *testing.T) {
	if plural(1, "state") != "1 state" || plural(2, "state") != "2 states" {
		t.Errorf("plural: %q, %q", plural(1, "state"), plural(2, "state"))
	}
	r := root(t)
	m, err := models.Load(filepath.Join(r, "tla", "models.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ci *models.Entry
	for _, e := range m.Select("ci") {
		if e.Name == "IndInvStepSmall" {
			ci = &e
		}
	}
	if ci == nil {
		t.Fatal("tla/models.json has no ci model IndInvStepSmall")
	}
	mr := verifyModel(r, *ci, time.Minute)
	if !mr.OK || !strings.Contains(mr.Detail, "Warning: action DrainRead ") {
		t.Fatalf("gotlc IndInvStepSmall: ok %v, want a pass that warns about DrainRead:\n%s", mr.OK, mr.Detail)
	}
	if len(mr.Notes) != 1 || !strings.Contains(mr.Notes[0], `enabled only when Bug = "B4"`) {
		t.Errorf("the DrainRead warning comes without its note: %q", mr.Notes)
	}
	dir := t.TempDir()
	lr := verifyLincheck(dir, 400)
	if !lr.OK || lr.Link != "lincheck.html" {
		t.Fatalf("lincheck row: ok %v, link %q (%s)", lr.OK, lr.Link, lr.Result)
	}
	if fi, err := os.Stat(filepath.Join(dir, "lincheck.html")); err != nil || fi.Size() == 0 {
		t.Errorf("no visualization of the passing history: %v", err)
	}
}

// TestVerifyShowsEachLasso: every ci liveness model of tla/models.json
// whose property fails (the expected counterexamples and the liveness
// mutants) reaches the report as a lasso: its states with the action of
// each step, then the step back to the state where the cycle starts (or
// stuttering), in the table and in the HTML.
func TestVerifyShowsEachLasso(t *testing.T) {
	r := root(t)
	m, err := models.Load(filepath.Join(r, "tla", "models.json"))
	if err != nil {
		t.Fatal(err)
	}
	var results []checkResult
	for _, e := range m.Select("ci") {
		if !e.IsLiveness() || e.Expect != "violation" {
			continue
		}
		mr := verifyModel(r, e, time.Minute)
		if !mr.OK {
			t.Fatalf("%s: %s", e.Name, mr.Result)
		}
		ce := mr.CounterExample()
		if ce == nil || !strings.Contains(ce.Title, "a lasso of ") {
			t.Fatalf("%s: no lasso in the report: %+v", e.Name, ce)
		}
		last := ce.Rows[len(ce.Rows)-1]
		if !(strings.HasPrefix(last.Loop, "back to ") && strings.HasPrefix(last.Action, "Back to state ")) &&
			!(last.Loop == "stutters" && strings.HasPrefix(last.Action, "Stuttering")) {
			t.Errorf("%s: the lasso's last row is %q %q, not the step back or stuttering", e.Name, last.Loop, last.Action)
		}
		if want := len(mr.Model.Trace) + 1; !mr.Model.Lasso || (mr.Model.Loop > 0 && len(ce.Rows) != want) {
			t.Errorf("%s: %d rows for a lasso of %d states", e.Name, len(ce.Rows), len(mr.Model.Trace))
		}
		for k, row := range ce.Rows[:len(ce.Rows)-1] {
			if row.Action == "?" || row.Action == "" {
				t.Errorf("%s: state %d has no action", e.Name, k+1)
			}
		}
		results = append(results, mr)
	}
	if len(results) < 5 {
		t.Fatalf("only %d liveness violations among the ci models", len(results))
	}
	file := filepath.Join(t.TempDir(), "index.html")
	if err := writeVerifyHTML(file, results, time.Second, 0); err != nil {
		t.Fatal(err)
	}
	html, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(html), "a lasso of "); n != len(results) {
		t.Errorf("the HTML shows %d lassos for %d violations", n, len(results))
	}
	if !regexp.MustCompile(`<td>back to \d+</td><td class="act">Back to state \d+: &lt;`).Match(html) {
		t.Error("the HTML has no row for a step back")
	}
}
