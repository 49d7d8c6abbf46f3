package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/gotlc/tracecheck"
	"github.com/veralloc/veralloc/internal/models"
	"github.com/veralloc/veralloc/internal/repo"
	"github.com/veralloc/veralloc/linearize"
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
	Result  string // e.g. "success", "violation ExactlyOnePlace (caught)", "linearizable"
	Figures string // states / operations / events
	Elapsed time.Duration
	Detail  string      // full output (counterexample trace, report)
	Link    string      // a file of the report (relative to its directory)
	Notes   []string    // explanations shown above the detail (e.g. why a warning is expected)
	Matrix  *matrixView `json:"-"` // the traceability matrix, for the HTML table

	// The structured result of the check, for the report: a model check's
	// gotlc report (verdict, counts, error trace), the linearizability
	// check's result, the trace validation's result. Only one is set.
	Model    *output.Report     `json:",omitempty"`
	Lincheck *linearize.Result  `json:"-"`
	Trace    *tracecheck.Result `json:"-"`
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outDir := fs.String("out", "out/verify", "directory of the HTML report (relative to the repository root)")
	linOps := fs.Int("lincheck-ops", 100000, "operations of the linearizability check")
	traceOps := fs.Int("trace-ops", 40000, "operations of the traced stress run (8 goroutines)")
	workers := fs.Int("workers", 2, "checks run at the same time (model checks, the traced run, lincheck)")
	timeout := fs.Duration("timeout", 5*time.Minute, "time allowed to each model check")
	manifest := fs.String("models", "tla/models.json", "the model manifest whose ci models are checked (relative to the repository root)")
	traceFault := fs.String("trace-fault", "", "seed a bug (B1, B3, B4, AdoptNoDrain, SllBatch) into the traced stress run (each makes validation fail; B4 when a push lands between the drain's read and store, which the runs seen always had)")
	if code, ok := parseFlags(fs, stderr, args, `usage: veralloc verify [flags]   (make verify)

Runs every check of the project with Go alone and prints one table:
  - gotlc on every ci model of tla/models.json: models expected to hold must hold with
    the recorded distinct states and depth; every mutant must be caught (the recorded
    invariant violated);
  - the linearizability check of the real allocator (veralloc lincheck, porcupine);
  - trace validation: a stress run of the allocator traced in this process (make
    verify builds with -tags trace; another build builds one that is), checked by
    gotlc/tracecheck against tla/Allocator.tla;
  - the traceability matrix (every action has its Go function).
gotlc and the linearizability check run in this process, through their Go APIs.
It writes an HTML report (results, the mutants' counterexample traces, the lincheck
report, the matrix) and results.json (every check with gotlc's structured report:
verdict, counts, error trace), and prints the report's path. Exit 1 when any check
fails.
`); !ok {
		return code
	}
	root, err := repo.Root()
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
	var mu sync.Mutex
	progress := func(r checkResult) {
		mu.Lock()
		defer mu.Unlock()
		mark := "ok"
		if !r.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(stderr, "verify: %-28s %-4s %s (%s)\n", r.Name, mark, r.Result, r.Elapsed.Round(10*time.Millisecond))
	}
	if os.Getenv("GOGC") == "" {
		// gotlc and trace validation run in this process: they allocate
		// many short-lived values, and collecting less often saves about a
		// quarter of their CPU time (cmd/gotlc does the same).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	mf := *manifest
	if !filepath.IsAbs(mf) {
		mf = filepath.Join(root, mf)
	}
	// Every check but the matrix is a job; -workers jobs run at a time, the
	// longest first (the model with the most states, then the traced run
	// and its validation), so that on 2 cores neither idles while the
	// other finishes. The table keeps the order models, trace, lincheck.
	jobs, err := modelJobs(root, mf, *timeout)
	if err != nil {
		msg := "error: " + err.Error()
		jobs = []verifyJob{{run: func() checkResult { return checkResult{Name: "model checking", Result: msg} }}}
	}
	nModels := len(jobs)
	var counts map[string]int
	traceJob := verifyJob{slot: nModels, run: func() checkResult {
		r, c := verifyTrace(root, dir, *traceOps, *traceFault)
		counts = c // read after every job is done
		return r
	}}
	order := append([]verifyJob{}, jobs...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].weight > order[j].weight })
	order = slices.Insert(order, min(1, len(order)), traceJob)
	order = append(order, verifyJob{slot: nModels + 1, run: func() checkResult { return verifyLincheck(dir, *linOps) }})
	results := make([]checkResult, nModels+2)
	queue := make(chan int)
	var wg sync.WaitGroup
	for range max(*workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range queue {
				r := order[k].run()
				results[order[k].slot] = r
				progress(r)
			}
		}()
	}
	for k := range order {
		queue <- k
	}
	close(queue)
	wg.Wait()
	m := verifyMatrix(root, dir, counts)
	progress(m)
	results = append(results, m)

	total := time.Since(start)
	failed := 0
	for _, r := range results {
		if !r.OK {
			failed++
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CHECK\tRESULT\tVERDICT\tSTATES / OPS / EVENTS\tTIME")
	for _, r := range results {
		v := "ok"
		if !r.OK {
			v = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Result, v, r.Figures, r.Elapsed.Round(10*time.Millisecond))
	}
	tw.Flush()
	report := filepath.Join(dir, "index.html")
	if err := writeVerifyHTML(report, results, total, failed); err != nil {
		fmt.Fprintf(stderr, "verify: writing the report: %v\n", err)
		failed++
	}
	if b, err := json.MarshalIndent(results, "", "  "); err != nil {
		fmt.Fprintf(stderr, "verify: %v\n", err)
		failed++
	} else if err := os.WriteFile(filepath.Join(dir, "results.json"), append(b, '\n'), 0o644); err != nil {
		fmt.Fprintf(stderr, "verify: writing results.json: %v\n", err)
		failed++
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "verify: FAILED: %d of %d checks failed (%s). Report: %s\n", failed, len(results), total.Round(time.Second), report)
		return 1
	}
	fmt.Fprintf(stdout, "verify: all %d checks passed in %s. Report: %s\n", len(results), total.Round(time.Second), report)
	return 0
}

// verifyJob is one check of verify: the row it fills, an estimate of its
// cost (the states of a model) and the check itself.
type verifyJob struct {
	slot   int
	weight int64
	run    func() checkResult
}

// modelJobs returns a job per ci model of the manifest (tla/models.json):
// gotlc, in this process, must find the recorded verdict, invariant,
// distinct states and depth.
func modelJobs(root, manifest string, timeout time.Duration) ([]verifyJob, error) {
	m, err := models.Load(manifest)
	if err != nil {
		return nil, err
	}
	var jobs []verifyJob
	for i, e := range m.Select("ci") {
		jobs = append(jobs, verifyJob{slot: i, weight: e.Distinct, run: func() checkResult { return verifyModel(root, e, timeout) }})
	}
	return jobs, nil
}

// verifyModel checks one model with gotlc.
func verifyModel(root string, e models.Entry, timeout time.Duration) checkResult {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	o := models.Check(ctx, models.Gotlc{Workers: 1}, root, e)
	r := checkResult{Name: "gotlc " + e.Name, OK: o.OK(), Elapsed: o.Elapsed, Detail: o.Output,
		Figures: fmt.Sprintf("%s, depth %d", plural(o.Result.Distinct, "state"), o.Result.Depth)}
	if o.Err == nil {
		rep := o.Result.Report
		r.Model = &rep
	}
	r.Result = o.Result.Verdict
	if o.Result.Invariant != "" {
		r.Result += " " + o.Result.Invariant
	}
	if o.Result.Temporal {
		r.Result += " temporal " + e.Property + " (lasso: " + o.Lasso() + ")"
	}
	switch {
	case e.Expect != "violation" || !o.OK():
	case e.IsLiveness() && !strings.Contains(e.Name, "Mutant"):
		r.Result += " (expected: the documented counterexample, tla/README.md)"
	default:
		r.Result += " (mutant caught)"
	}
	if neverEnabled(o.Result.Report.Result, "DrainRead") {
		r.Notes = append(r.Notes, "The warning that DrainRead was never enabled is expected: DrainRead is the read half of the "+
			"non-atomic drain of seeded bug B4 and is enabled only when Bug = \"B4\" (model MutantB4, where it is reached); "+
			"in every other model it is disabled by design.")
	}
	if !o.OK() {
		if o.Err != nil {
			r.Result += ": " + o.Err.Error()
		} else {
			r.Result += ": " + strings.Join(o.Diffs, "; ")
		}
	}
	return r
}

// neverEnabled reports whether the search res (gotlc's own result, nil for
// another checker) succeeded and action never had a successor in it: the
// case gotlc warns about ("Warning: action ... was never enabled").
func neverEnabled(res *check.Result, action string) bool {
	if res == nil || res.Verdict != check.Success || res.Distinct == 0 {
		return false
	}
	for _, a := range check.NeverEnabled(res.Coverage) {
		if a.Name == action {
			return true
		}
	}
	return false
}

// verifyTrace runs a traced stress run (with a seeded bug when fault is not
// empty) and validates it.
func verifyTrace(root, dir string, ops int, fault string) (checkResult, map[string]int) {
	r := checkResult{Name: "trace validation"}
	t0 := time.Now()
	defer func() { r.Elapsed = time.Since(t0) }()
	// The binary format: its check costs about 40% less CPU than NDJSON's
	// (decoding) and its file is a third of the size; gotlc -trace reads
	// both, and a failure's report quotes the diverging event in full (":N"
	// is then the number of the record in the file).
	file := filepath.Join(dir, "stress-trace.vatrace")
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
	r.Trace = res
	rate := float64(res.Events) / max(res.Elapsed.Seconds(), 1e-9)
	r.Figures = fmt.Sprintf("%d events of %d logs (%.0f/s validated)", res.Events, res.Logs, rate)
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
		r.Detail = strings.ReplaceAll(r.Detail, file, "stress-trace.vatrace (deleted after it validated; `veralloc tracerun -o FILE` writes one to keep, NDJSON unless -format binary)")
	} else if rel, err := filepath.Rel(dir, file); err == nil {
		r.Link = rel
	}
	return r, res.PerAction
}

// verifyLincheck records a concurrent run on real heaps and checks it is
// linearizable, through linearize's Go API (the settings of make lincheck:
// 8 goroutines, seed 1, model-sized slabs).
func verifyLincheck(dir string, ops int) checkResult {
	r := checkResult{Name: "linearizability (porcupine)"}
	html := filepath.Join(dir, "lincheck.html")
	os.Remove(html)
	cfg := linearize.Config{Goroutines: 8, Ops: ops, Seed: 1, MaxLive: 24, CloseEvery: 300, Options: linearize.SmallOptions()}
	t0 := time.Now()
	res, err := linearize.RunAndCheck(cfg, time.Minute, html)
	r.Elapsed = time.Since(t0)
	if err != nil {
		r.Result, r.Detail = "error", err.Error()
		return r
	}
	r.Lincheck = res
	var b strings.Builder
	res.Report(&b)
	r.Detail = b.String()
	r.OK = res.OK()
	r.Result = res.Check.Verdict.String()
	if n := len(res.Run.Problems); n > 0 {
		r.Result += fmt.Sprintf(", %d audit problem(s): %s", n, res.Run.Problems[0])
	}
	r.Figures = fmt.Sprintf("%d operations", len(res.Run.Ops))
	if res.Check.HTML != "" {
		if rel, err := filepath.Rel(dir, res.Check.HTML); err == nil && !strings.HasPrefix(rel, "..") {
			r.Link = rel
		}
	} else if r.OK {
		// The checked history is linearizable: draw a sample of it (whole
		// per-block sub-histories, up to 2000 operations; the full
		// history is too large for porcupine's page).
		blocks, n, err := linearize.VisualizeSample(res.Run.Ops, 2000, html)
		if err != nil {
			r.Notes = append(r.Notes, "porcupine's visualization of a sample was not written: "+err.Error())
		} else {
			r.Link = "lincheck.html"
			r.Notes = append(r.Notes, fmt.Sprintf("lincheck.html is porcupine's visualization of a sample of the checked history: the complete sub-histories of its first %d blocks, %d of the %d operations (each block's sub-history is checked on its own, so the sample is linearizable as the whole is).", blocks, n, len(res.Run.Ops)))
		}
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
	rel, _ := filepath.Rel(root, dir)
	writeMatrix(&b, rows, problems, note, rel)
	if err := os.WriteFile(filepath.Join(dir, "traceability.md"), b.Bytes(), 0o644); err != nil {
		r.Result = "error: " + err.Error()
		return r
	}
	r.Link = "traceability.md"
	r.Matrix = &matrixView{Rows: rows, Counted: counts != nil}
	if rel2, err := filepath.Rel(dir, root); err == nil {
		r.Matrix.Up = filepath.ToSlash(rel2) + "/"
	}
	r.Notes = append(r.Notes, problems...)
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

// counterExample is a model check's error trace as a table: one row per
// state, one column per variable, the action that led to each state, and
// the cells whose value changed in that step marked. A lasso (a liveness
// counterexample) ends with one more row: the step back to the state where
// its cycle starts, or the stuttering step repeated forever.
type counterExample struct {
	Title string
	Vars  []string
	Rows  []ceRow
}

type ceRow struct {
	Action string // the action of the step into this state ("Initial predicate" for the first)
	Cells  []ceCell
	Loop   string // in a lasso's last row, what the state column shows instead of a number
}

type ceCell struct {
	Value   string
	Changed bool
}

// CounterExample returns the error trace of a model check (nil when there
// is none), from gotlc's report, not from its text.
func (r checkResult) CounterExample() *counterExample {
	if r.Model == nil || len(r.Model.Trace) == 0 {
		return nil
	}
	rep := r.Model
	states := rep.Trace
	stutter := rep.Lasso && rep.Loop == 0
	if stutter {
		states = states[:len(states)-1] // the empty "State N: Stuttering"
	}
	ce := &counterExample{Title: fmt.Sprintf("%s %s: a trace of %s", rep.Verdict, rep.Name, plural(int64(len(states)), "state"))}
	switch {
	case stutter:
		ce.Title = fmt.Sprintf("%s: a lasso of %s, then stuttering forever", rep.Verdict, plural(int64(len(states)), "state"))
	case rep.Lasso:
		ce.Title = fmt.Sprintf("%s: a lasso of %s; the last steps back to state %d, forever", rep.Verdict, plural(int64(len(states)), "state"), rep.Loop)
	}
	for v := range states[0] {
		ce.Vars = append(ce.Vars, v)
	}
	sort.Strings(ce.Vars)
	loop := ""
	row := func(action string, st, prev output.State) {
		r := ceRow{Action: action, Loop: loop}
		for _, v := range ce.Vars {
			r.Cells = append(r.Cells, ceCell{Value: st[v], Changed: prev != nil && prev[v] != st[v]})
		}
		ce.Rows = append(ce.Rows, r)
	}
	for k, st := range states {
		action, prev := "Initial predicate", output.State(nil)
		if k > 0 {
			action, prev = "?", states[k-1]
		}
		if res := rep.Result; res != nil && len(res.Trace) == len(states) && res.Trace[k].Label != nil {
			action = res.Trace[k].Label.Name
		}
		row(action, st, prev)
	}
	last := states[len(states)-1]
	switch {
	case stutter:
		loop = "stutters"
		row("Stuttering (forever)", last, last)
	case rep.Lasso && rep.Loop >= 1 && rep.Loop <= len(states):
		loop = fmt.Sprintf("back to %d", rep.Loop)
		row(fmt.Sprintf("Back to state %d: <%s>", rep.Loop, rep.Back), states[rep.Loop-1], last)
	}
	return ce
}

// matrixView is the traceability matrix for the HTML report; Up leads from
// the report's directory to the repository root.
type matrixView struct {
	Rows    []matrixRow
	Up      string
	Counted bool
}

// plural is "1 state", "2 states".
func plural(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

var verifyTmpl = template.Must(template.New("verify").Funcs(template.FuncMap{
	"inc":   func(i int) int { return i + 1 },
	"short": func(ts []testRef) []testRef { return ts[:min(len(ts), matrixTestsShown)] },
	"more":  func(ts []testRef) int { return max(len(ts)-matrixTestsShown, 0) },
}).Parse(`<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>veralloc verify</title>
<style>
body { font-family: sans-serif; margin: 2em; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
.ok { color: #060; font-weight: bold; } .fail { color: #b00; font-weight: bold; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; max-height: 40em; }
table.trace td.chg { background: #ffe08a; }
table.trace td.act { font-weight: bold; white-space: nowrap; }
.note { background: #eef5ff; border-left: 4px solid #69c; padding: 4px 8px; }
</style></head><body>
<h1>veralloc verify</h1>
<p>{{.When}} &mdash; {{len .Results}} checks, {{.Failed}} failed, {{.Total}}.</p>
<table id="summary"><tr><th>check</th><th>result</th><th>verdict</th><th>states / ops / events</th><th>time</th></tr>
{{range $i, $r := .Results}}<tr><td><a href="#c{{$i}}">{{$r.Name}}</a></td><td>{{$r.Result}}</td>
<td>{{if $r.OK}}<span class="ok">ok</span>{{else}}<span class="fail">FAIL</span>{{end}}</td><td>{{$r.Figures}}</td><td>{{$r.Elapsed}}</td></tr>
{{end}}</table>
{{range $i, $r := .Results}}<h2 id="c{{$i}}">{{$r.Name}}</h2>
<p>{{$r.Result}}{{if $r.Link}} &mdash; <a href="{{$r.Link}}">{{$r.Link}}</a>{{end}}</p>
{{range $r.Notes}}<p class="note">{{.}}</p>{{end}}
{{with $r.CounterExample}}<p>{{.Title}}; the cells that changed in each step are highlighted.</p>
<table class="trace"><tr><th>state</th><th>action</th>{{range .Vars}}<th>{{.}}</th>{{end}}</tr>
{{range $k, $row := .Rows}}<tr><td>{{with $row.Loop}}{{.}}{{else}}{{$k | inc}}{{end}}</td><td class="act">{{$row.Action}}</td>{{range $row.Cells}}<td{{if .Changed}} class="chg"{{end}}><code>{{.Value}}</code></td>{{end}}</tr>
{{end}}</table>{{end}}
{{with $r.Matrix}}<table id="matrix"><tr><th>spec action</th><th>Go function</th><th>tests, most direct first</th>{{if .Counted}}<th>events in validated trace</th>{{end}}</tr>
{{$up := .Up}}{{$counted := .Counted}}{{range .Rows}}<tr><td><code>{{.Action.Name}}</code> (<a href="{{$up}}tla/Allocator.tla#L{{.Action.Line}}">Allocator.tla:{{.Action.Line}}</a>){{if .Action.Composite}} &mdash; composite: its steps below{{end}}</td>
<td>{{if .Action.Mutant}}none: exists only for seeded bug {{.Action.Mutant}}{{else}}{{range .Funcs}}<code>{{.Name}}</code> (<a href="{{$up}}{{.File}}#L{{.Line}}">{{.File}}:{{.Line}}</a>){{else}}<span class="fail">MISSING</span>{{end}}{{end}}{{range .Spec}}<br>Go spec: <code>{{.Name}}</code> (<a href="{{$up}}{{.File}}#L{{.Line}}">{{.File}}:{{.Line}}</a>){{end}}</td>
<td>{{range short .Tests}}<a href="{{$up}}{{.File}}#L{{.Line}}"><code>{{.}}</code></a> {{end}}{{with more .Tests}}and {{.}} more{{end}}</td>
{{if $counted}}<td>{{if ge .Seen 0}}{{.Seen}}{{if .Action.Composite}} (completed refills){{end}}{{else}}&mdash;{{end}}</td>{{end}}</tr>
{{end}}</table>
<p>Tests are ranked: named after the action first, then tests whose body calls the function, then by call depth; [faults], [trace], [race] mark tests that need that build tag.</p>{{end}}
{{if $r.Detail}}<details{{if and (not $r.CounterExample) (not $r.Matrix)}} open{{end}}><summary>{{if $r.Model}}TLC-format output{{else}}output{{end}}</summary><pre>{{$r.Detail}}</pre></details>{{end}}
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
