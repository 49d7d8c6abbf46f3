package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/veralloc/veralloc/gotlc/output"
)

// chromium returns the path of a Chromium (or Chrome) binary, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// The report renders in a real browser: headless Chromium loads an
// index.html written by writeVerifyHTML (a passing model, a mutant's
// counterexample, the matrix of this checkout) and its DOM holds the
// summary table, the trace table with the action column and changed cells
// marked, and the matrix table with links into the checkout.
func TestReportRendersInChromium(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no chromium on PATH (apt-get install chromium): the report's browser test is skipped")
	}
	dir := t.TempDir()
	rows, problems, err := buildMatrix(root(t), nil)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	mutant := &output.Report{Verdict: "violation", Name: "CounterBalance", Distinct: 30, Depth: 3, Trace: []output.State{
		{"Used": "(1 :> 0)", "Carved": "(1 :> 0)"},
		{"Used": "(1 :> 2)", "Carved": "(1 :> 2)"},
		{"Used": "(1 :> 4)", "Carved": "(1 :> 2)"},
	}}
	results := []checkResult{
		{Name: "gotlc MCAllocator", OK: true, Result: "success", Figures: "1 state, depth 1"},
		{Name: "gotlc MutantB1", OK: true, Result: "violation CounterBalance (mutant caught)", Model: mutant, Detail: "Error: Invariant CounterBalance is violated."},
		{Name: "traceability matrix", OK: true, Result: "every action has its function", Matrix: &matrixView{Rows: rows, Up: "../../"}},
	}
	page := filepath.Join(dir, "index.html")
	if err := writeVerifyHTML(page, results, time.Second, 0); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://"+page)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --dump-dom: %v", bin, err)
	}
	dom := string(out)
	table := func(id string) string {
		m := regexp.MustCompile(`(?s)<table[^>]*` + id + `[^>]*>(.*?)</table>`).FindStringSubmatch(dom)
		if m == nil {
			t.Fatalf("the rendered page has no table %s", id)
		}
		return m[1]
	}
	if n := strings.Count(table(`id="summary"`), "<tr>"); n != 1+len(results) {
		t.Errorf("summary table: %d rows, want %d", n, 1+len(results))
	}
	trace := table(`class="trace"`)
	if n := strings.Count(trace, "<tr>"); n != 4 {
		t.Errorf("trace table: %d rows, want a header and 3 states", n)
	}
	for _, want := range []string{`<td class="act">Initial predicate</td>`, `<td class="chg"><code>(1 :&gt; 4)</code></td>`} {
		if !strings.Contains(trace, want) {
			t.Errorf("trace table lacks %s:\n%s", want, trace)
		}
	}
	// State 3 changes Used only: Carved's cell is not marked.
	if strings.Count(trace, `class="chg"`) != 3 {
		t.Errorf("trace table: %d changed cells, want 3 (both variables in step 2, Used in step 3)", strings.Count(trace, `class="chg"`))
	}
	matrix := table(`id="matrix"`)
	if n := strings.Count(matrix, "<tr>"); n != 1+len(rows) {
		t.Errorf("matrix table: %d rows, want %d", n, 1+len(rows))
	}
	if !strings.Contains(matrix, `href="../../impl/refill.go#L`) {
		t.Errorf("matrix table has no link to impl/refill.go relative to the checkout")
	}
}
