package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/veralloc/veralloc/gotlc/tracecheck"
	"github.com/veralloc/veralloc/internal/models"
)

func init() {
	register("verify", command{
		summary: "the main job: model-check the ci models and mutants, lincheck, trace validation; one table and an HTML report",
		run:     runVerify,
	})
}

// checkResult is one line of the verify summary.
type checkResult struct {
	Name    string
	OK      bool
	NotRun  bool   // not run (e.g. a liveness model gotlc cannot check yet): neither passed nor failed
	Result  string // e.g. "success", "violation ExactlyOnePlace (caught)", "linearizable"
	Figures string // states / operations / events
	Elapsed time.Duration
	Detail  string // full output (counterexample trace, report)
	Link    string // a file of the report (relative to its directory)
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outDir := fs.String("out", "out/verify", "directory of the HTML report (relative to the repository root)")
	linOps := fs.Int("lincheck-ops", 100000, "operations of the linearizability check")
	traceOps := fs.Int("trace-ops", 100000, "operations of the traced stress run")
	workers := fs.Int("workers", 2, "model checks run at the same time")
	timeout := fs.Duration("timeout", 5*time.Minute, "time allowed to each model check")
	manifest := fs.String("models", "tla/models.json", "the model manifest whose ci models are checked (relative to the repository root)")
	traceFault := fs.String("trace-fault", "", "seed a bug (B1, B3, B4, AdoptNoDrain, SllBatch) into the traced stress run (B1 and B3 always make validation fail, B4 only when a push lands between the drain's two halves)")
	if code, ok := parseFlags(fs, stderr, args, `usage: veralloc verify [flags]   (make verify)

Runs every check of the project with Go alone and prints one table:
  - gotlc on every ci model of tla/models.json: models expected to hold must hold with
    the recorded distinct states and depth; every mutant must be caught (the recorded
    invariant violated);
  - the linearizability check of the real allocator (veralloc lincheck, porcupine);
  - trace validation: a stress run built with -tags trace, checked by gotlc -trace
    against tla/Allocator.tla;
  - the traceability matrix (every action has its Go function).
It writes an HTML report (results, the mutants' counterexample traces, the lincheck
report, the matrix) and prints its path. Exit 1 when any check fails.
`); !ok {
		return code
	}
	root, err := repoRoot()
	if err != nil {
		fmt.Fprintf(stderr, "verify: %v\n", err)
		return 1
	}
	dir := *outDir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "verify: %v\n", err)
		return 1
	}
	start := time.Now()
	var results []checkResult
	var mu sync.Mutex
	add := func(r checkResult) {
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
		mark := verdictMark(r)
		fmt.Fprintf(stderr, "verify: %-28s %-4s %s (%s)\n", r.Name, mark, r.Result, r.Elapsed.Round(10*time.Millisecond))
	}

	// The trace run and lincheck use the allocator while gotlc runs: on 2
	// cores the model checks run first, then the other two.
	mf := *manifest
	if !filepath.IsAbs(mf) {
		mf = filepath.Join(root, mf)
	}
	mcResults := verifyModels(root, mf, *workers, *timeout, stderr)
	for _, r := range mcResults {
		add(r)
	}
	traceRes, counts := verifyTrace(root, dir, *traceOps, *traceFault)
	add(traceRes)
	add(verifyLincheck(dir, *linOps))
	add(verifyMatrix(root, dir, counts))

	total := time.Since(start)
	failed, notRun := 0, 0
	for _, r := range results {
		switch {
		case r.NotRun:
			notRun++
		case !r.OK:
			failed++
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tRESULT\tVERDICT\tSTATES / OPS / EVENTS\tTIME")
	for _, r := range results {
		v := verdictMark(r)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Result, v, r.Figures, r.Elapsed.Round(10*time.Millisecond))
	}
	tw.Flush()
	report := filepath.Join(dir, "index.html")
	if err := writeVerifyHTML(report, results, total, failed); err != nil {
		fmt.Fprintf(stderr, "verify: writing the report: %v\n", err)
		failed++
	}
	if notRun > 0 {
		fmt.Fprintf(stdout, "verify: %d check(s) NOT RUN (not counted as passed; see their rows)\n", notRun)
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "verify: FAILED: %d of %d checks failed (%s). Report: %s\n", failed, len(results)-notRun, total.Round(time.Second), report)
		return 1
	}
	fmt.Fprintf(stdout, "verify: all %d checks run passed in %s. Report: %s\n", len(results)-notRun, total.Round(time.Second), report)
	return 0
}

// verdictMark is a result's VERDICT column: ok, FAIL or NOT RUN.
func verdictMark(r checkResult) string {
	switch {
	case r.NotRun:
		return "NOT RUN"
	case r.OK:
		return "ok"
	}
	return "FAIL"
}

// verifyModels runs gotlc on every ci model of the manifest (tla/models.json).
func verifyModels(root, manifest string, workers int, timeout time.Duration, stderr io.Writer) []checkResult {
	m, err := models.Load(manifest)
	if err != nil {
		return []checkResult{{Name: "model checking", Result: "error: " + err.Error()}}
	}
	tmp, err := os.MkdirTemp("", "veralloc-verify-")
	if err != nil {
		return []checkResult{{Name: "model checking", Result: "error: " + err.Error()}}
	}
	defer os.RemoveAll(tmp)
	t0 := time.Now()
	bin, err := models.BuildGotlc(root, tmp)
	if err != nil {
		return []checkResult{{Name: "build gotlc", Result: "error", Detail: err.Error(), Elapsed: time.Since(t0)}}
	}
	entries := m.Select("ci")
	out := make([]checkResult, len(entries))
	sem := make(chan struct{}, max(workers, 1))
	var wg sync.WaitGroup
	for i, e := range entries {
		wg.Add(1)
		go func(i int, e models.Entry) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			o := models.Check(ctx, models.Gotlc{Binary: bin, Workers: 1}, root, e)
			if o.NotRun != "" {
				out[i] = checkResult{Name: "gotlc " + e.Name, NotRun: true, Result: o.NotRun}
				return
			}
			r := checkResult{Name: "gotlc " + e.Name, OK: o.OK(), Elapsed: o.Elapsed, Detail: o.Output,
				Figures: fmt.Sprintf("%d states, depth %d", o.Result.Distinct, o.Result.Depth)}
			r.Result = o.Result.Verdict
			if o.Result.Invariant != "" {
				r.Result += " " + o.Result.Invariant
			}
			if o.Result.Temporal {
				r.Result += " " + e.Property + " (lasso: " + o.Result.Loop + ")"
			}
			if e.Expect == "violation" && o.OK() {
				r.Result += " (mutant caught)"
			}
			if !o.OK() {
				if o.Err != nil {
					r.Result += ": " + o.Err.Error()
				} else {
					r.Result += ": " + strings.Join(o.Diffs, "; ")
				}
			}
			out[i] = r
		}(i, e)
	}
	wg.Wait()
	return out
}

// verifyTrace runs a traced stress run (with a seeded bug when fault is not
// empty) and validates it.
func verifyTrace(root, dir string, ops int, fault string) (checkResult, map[string]int) {
	r := checkResult{Name: "trace validation"}
	t0 := time.Now()
	defer func() { r.Elapsed = time.Since(t0) }()
	file := filepath.Join(dir, "stress-trace.ndjson")
	out, err := tracedStressRun(root, file, ops, 1, fault)
	if err != nil {
		r.Result, r.Detail = "the traced run failed", err.Error()
		r.Elapsed = time.Since(t0)
		return r, nil
	}
	res, err := tracecheck.CheckFile(filepath.Join(root, "tla", "Allocator.tla"), file,
		tracecheck.Options{Config: filepath.Join(root, "tla", "Trace.cfg")})
	if err != nil {
		r.Result, r.Detail = "error", err.Error()
		r.Elapsed = time.Since(t0)
		return r, nil
	}
	rate := float64(res.Events) / max(res.Elapsed.Seconds(), 1e-9)
	r.Figures = fmt.Sprintf("%d events (%.0f/s validated)", res.Events, rate)
	var b strings.Builder
	b.WriteString(out)
	if res.OK() {
		r.OK = true
		r.Result = "a behaviour of Allocator.tla"
		fmt.Fprintf(&b, "\ngotlc -trace: the %d events are a behaviour of the spec (%.2fs)\n", res.Events, res.Elapsed.Seconds())
	} else {
		r.Result = fmt.Sprintf("diverges at line %d (%s)", res.Divergence.Line, res.Divergence.Action)
		res.Divergence.Report(&b, file)
	}
	r.Detail = b.String()
	r.Elapsed = time.Since(t0)
	// The trace is large; keep it only when it failed.
	if res.OK() {
		os.Remove(file)
	}
	return r, res.PerAction
}

var (
	reVerdict = regexp.MustCompile(`(?m)^verdict: (.*?)(?: \(|$)`)
	reOps     = regexp.MustCompile(`(?m)(\d+) operations recorded`)
	reVis     = regexp.MustCompile(`(?m)^visualization: (\S+)`)
)

// verifyLincheck runs the lincheck subcommand in this process (it is
// looked up by name, so verify does not depend on its package at build
// time; a missing lincheck is a failed check, not a skipped one).
func verifyLincheck(dir string, ops int) checkResult {
	r := checkResult{Name: "linearizability (porcupine)"}
	c, ok := commands["lincheck"]
	if !ok {
		r.Result = "lincheck is not part of this build"
		return r
	}
	html := filepath.Join(dir, "lincheck.html")
	os.Remove(html)
	var out, errb bytes.Buffer
	t0 := time.Now()
	code := c.run([]string{"-goroutines", "8", "-ops", fmt.Sprint(ops), "-seed", "1", "-html", html}, &out, &errb)
	r.Elapsed = time.Since(t0)
	r.Detail = out.String() + errb.String()
	r.OK = code == 0
	if m := reVerdict.FindStringSubmatch(out.String()); m != nil {
		r.Result = m[1]
	} else {
		r.Result = fmt.Sprintf("exit %d", code)
	}
	if m := reOps.FindStringSubmatch(out.String()); m != nil {
		r.Figures = m[1] + " operations"
	}
	if m := reVis.FindStringSubmatch(out.String()); m != nil {
		if rel, err := filepath.Rel(dir, m[1]); err == nil && !strings.HasPrefix(rel, "..") {
			r.Link = rel
		}
	} else if r.OK {
		r.Detail += "\n(porcupine's visualization is written for failing histories only)\n"
	}
	return r
}

// verifyMatrix writes the traceability matrix and fails when an action
// lacks its function or a marker names no action.
func verifyMatrix(root, dir string, counts map[string]int) checkResult {
	r := checkResult{Name: "traceability matrix"}
	t0 := time.Now()
	rows, problems, err := buildMatrix(root, counts)
	r.Elapsed = time.Since(t0)
	if err != nil {
		r.Result, r.Detail = "error", err.Error()
		return r
	}
	var b bytes.Buffer
	note := "the trace validated above"
	if counts == nil {
		note = "none (the trace check failed)"
	}
	writeMatrix(&b, rows, problems, note)
	if err := os.WriteFile(filepath.Join(dir, "traceability.md"), b.Bytes(), 0o644); err != nil {
		r.Result = "error: " + err.Error()
		return r
	}
	r.Link = "traceability.md"
	r.Detail = b.String()
	n := 0
	for _, row := range rows {
		if len(row.Funcs) > 0 {
			n++
		}
	}
	r.Figures = fmt.Sprintf("%d actions, %d with a Go function", len(rows), n)
	r.OK = len(problems) == 0
	if r.OK {
		r.Result = "every action has its function"
	} else {
		r.Result = fmt.Sprintf("%d problem(s): %s", len(problems), problems[0])
	}
	return r
}

var verifyTmpl = template.Must(template.New("verify").Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>veralloc verify</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
.ok { color: #060; font-weight: bold; } .fail { color: #b00; font-weight: bold; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; max-height: 40em; }
</style></head><body>
<h1>veralloc verify</h1>
<p>{{.When}} &mdash; {{len .Results}} checks, {{.Failed}} failed, {{.Total}}.</p>
<table><tr><th>check</th><th>result</th><th>verdict</th><th>states / ops / events</th><th>time</th></tr>
{{range $i, $r := .Results}}<tr><td><a href="#c{{$i}}">{{$r.Name}}</a></td><td>{{$r.Result}}</td>
<td>{{if $r.NotRun}}NOT RUN{{else if $r.OK}}<span class="ok">ok</span>{{else}}<span class="fail">FAIL</span>{{end}}</td><td>{{$r.Figures}}</td><td>{{$r.Elapsed}}</td></tr>
{{end}}</table>
{{range $i, $r := .Results}}<h2 id="c{{$i}}">{{$r.Name}}</h2>
<p>{{$r.Result}}{{if $r.Link}} &mdash; <a href="{{$r.Link}}">{{$r.Link}}</a>{{end}}</p>
{{if $r.Detail}}<pre>{{$r.Detail}}</pre>{{end}}
{{end}}</body></html>
`))

func writeVerifyHTML(path string, results []checkResult, total time.Duration, failed int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := range results {
		results[i].Elapsed = results[i].Elapsed.Round(10 * time.Millisecond)
	}
	return verifyTmpl.Execute(f, map[string]any{
		"When": time.Now().Format("2006-01-02 15:04:05"), "Results": results,
		"Failed": failed, "Total": total.Round(time.Second),
	})
}
