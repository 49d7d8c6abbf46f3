package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/veralloc/veralloc/gotlc/tracecheck"
	"github.com/veralloc/veralloc/internal/cputime"
	"github.com/veralloc/veralloc/internal/repo"
	"github.com/veralloc/veralloc/internal/testutil"
)

func root(t *testing.T) string {
	t.Helper()
	r, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every action of Next in tla/Allocator.tla has exactly one Go function
// marked // spec: Allocator!<Action> in impl/, and every marker names an
// action. DrainRead, which exists only for the B4 mutant, must have none.
func TestTraceabilityMarkers(t *testing.T) {
	rows, problems, err := buildMatrix(root(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	want := []string{"Alloc", "Refill", "DrainRead", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll",
		"AcquireSlab", "RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas",
		"FreeToBatch", "FreeRemoteBatch", "FreeRemoteBatchCas", "HeapExit", "Adopt"}
	got := map[string]matrixRow{}
	for _, r := range rows {
		got[r.Action.Name] = r
	}
	for _, w := range want {
		r, ok := got[w]
		if !ok {
			t.Errorf("the matrix has no row for %s", w)
			continue
		}
		if w == "DrainRead" {
			if r.Action.Mutant != "B4" || len(r.Funcs) != 0 {
				t.Errorf("DrainRead: mutant %q, %d functions; want mutant-only B4 with none", r.Action.Mutant, len(r.Funcs))
			}
			continue
		}
		if len(r.Funcs) != 1 {
			t.Errorf("%s: %d functions", w, len(r.Funcs))
		}
	}
	if len(rows) != len(want) {
		t.Errorf("%d actions in Next, want %d: the list above needs updating", len(rows), len(want))
	}
}

// The check itself fails on a missing action, a marker naming no action,
// a marker outside a doc comment, two functions for one action, and a
// function for a mutant-only action.
func TestTraceabilityCheckerCatches(t *testing.T) {
	acts, err := specActions(filepath.Join(root(t), "tla", "Allocator.tla"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := "package x\n\n"
	for _, a := range acts {
		if a.Mutant != "" || a.Name == "Adopt" { // Adopt left out on purpose
			continue
		}
		src += fmt.Sprintf("// spec: Allocator!%s\nfunc f%s() {}\n\n", a.Name, a.Name)
	}
	src += "// spec: Allocator!Teleport\nfunc teleport() {}\n\n"
	src += "// spec: Allocator!Alloc\nfunc alloc2() {}\n\n"
	src += "// spec: Allocator!DrainRead\nfunc drainRead() {}\n\n"
	src += "func g() {\n\t// spec: Allocator!FreeLocal\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	funcs, probs, err := scanMarkers(dir, "Allocator")
	if err != nil {
		t.Fatal(err)
	}
	errs := strings.Join(checkTraceability(acts, funcs, probs), "\n")
	for _, want := range []string{
		"action Adopt (tla/Allocator.tla:",
		"marked as Allocator!Teleport, which is no action of Next",
		"action Alloc has 2 implementing functions",
		"exists only for seeded bug B4",
		"marker for FreeLocal is not in a function's doc comment",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("no error containing %q in:\n%s", want, errs)
		}
	}
}

// A stress run of the allocator built with -tags trace validates against
// the spec, and every action of Next but the mutant-only DrainRead occurs
// in it.
func TestTraceOfStressRunValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with -tags trace and runs a stress workload")
	}
	r := root(t)
	file := filepath.Join(t.TempDir(), "stress.ndjson")
	if out, err := tracedStressRun(r, file, 20000, 7, ""); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	res, err := tracecheck.CheckFile(filepath.Join(r, "tla", "Allocator.tla"), file,
		tracecheck.Options{Config: filepath.Join(r, "tla", "Trace.cfg")})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		var b strings.Builder
		res.Divergence.Report(&b, file)
		t.Fatalf("the trace of a correct run does not validate:\n%s", b.String())
	}
	t.Logf("%d events validated in %.2fs: %v", res.Events, res.Elapsed.Seconds(), res.PerAction)
	for _, a := range []string{"Alloc", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll", "AcquireSlab",
		"RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas", "HeapExit", "Adopt"} {
		if res.PerAction[a] == 0 {
			t.Errorf("action %s never occurs in the trace", a)
		}
	}
}

// Seeded bugs B1, B3 and B4 (-tags faults,trace) make the validation stop
// at the event where the implementation left the spec, naming the action
// and the variable that differs.
func TestTraceCatchesSeededBugs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with -tags trace,faults")
	}
	r := root(t)
	cases := []struct {
		fault, action, variable string
	}{
		{"B1", "SpliceToSll", "TotalActive["}, // counted twice
		{"B3", "SpliceToSll", "next["},        // the chain's tail drops the Sll
		{"B4", "DrainRemote", "Used["},        // a push between read and clear is lost
	}
	for _, c := range cases {
		t.Run(c.fault, func(t *testing.T) {
			var last string
			// B4 needs a push to land between the drain's two halves;
			// a run rarely misses it, so try a few seeds.
			for seed := uint64(1); seed <= 5; seed++ {
				file := filepath.Join(t.TempDir(), c.fault+".ndjson")
				if out, err := tracedStressRun(r, file, 20000, seed, c.fault); err != nil {
					t.Fatalf("%v\n%s", err, out)
				}
				res, err := tracecheck.CheckFile(filepath.Join(r, "tla", "Allocator.tla"), file,
					tracecheck.Options{Config: filepath.Join(r, "tla", "Trace.cfg")})
				if err != nil {
					t.Fatal(err)
				}
				if res.OK() {
					last = fmt.Sprintf("seed %d: %d events validated, bug not seen", seed, res.Events)
					continue
				}
				d := res.Divergence
				var b strings.Builder
				d.Report(&b, file)
				if d.Action != c.action || d.Kind != "values differ" {
					t.Fatalf("diverged at %s (%s), want %s:\n%s", d.Action, d.Kind, c.action, b.String())
				}
				found := false
				for _, df := range d.Diffs {
					if strings.HasPrefix(df.What, c.variable) {
						found = true
					}
				}
				if !found {
					t.Fatalf("the report does not name %s...:\n%s", c.variable, b.String())
				}
				t.Logf("caught at line %d:\n%s", d.Line, b.String())
				return
			}
			t.Fatalf("fault %s never made the trace diverge (%s)", c.fault, last)
		})
	}
}

// The default build pays nothing for tracing: every call of traceBegin,
// traceEnd and traceAction in impl/ is inlined away (the bodies in
// trace_off.go are empty), as the compiler's -m report shows.
func TestTraceHooksInlinedInDefaultBuild(t *testing.T) {
	r := root(t)
	cmd := exec.Command("go", "build", "-gcflags=-m", "-o", os.DevNull, "./impl/")
	cmd.Dir = r
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m ./impl/: %v\n%s", err, out)
	}
	inlined := map[string]bool{}
	re := regexp.MustCompile(`(?m)^(?:\./)?impl/(\w+\.go):(\d+):\d+: inlining call to (trace(?:Begin|End|Action))$`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		inlined[m[1]+":"+m[2]+":"+m[3]] = true
	}
	call := regexp.MustCompile(`\b(trace(?:Begin|End|Action))\(`)
	deadIf := regexp.MustCompile(`^\s*if fault\w+ \{$`)
	sites := 0
	files, _ := filepath.Glob(filepath.Join(r, "impl", "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || strings.Contains(f, "trace_") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dead := "" // indentation of an open `if faultX {` block (compiled out without -tags faults)
		for i, l := range strings.Split(string(src), "\n") {
			indent := l[:len(l)-len(strings.TrimLeft(l, "\t"))]
			if dead != "" {
				if indent == dead && strings.HasPrefix(strings.TrimSpace(l), "}") {
					dead = ""
				}
				continue
			}
			if deadIf.MatchString(l) {
				dead = indent
				continue
			}
			if strings.HasPrefix(strings.TrimSpace(l), "//") {
				continue
			}
			for _, m := range call.FindAllStringSubmatch(l, -1) {
				sites++
				k := fmt.Sprintf("%s:%d:%s", filepath.Base(f), i+1, m[1])
				if !inlined[k] {
					t.Errorf("impl/%s: the call of %s is not inlined in the default build", k, m[1])
				}
			}
		}
	}
	if sites < 20 {
		t.Fatalf("found only %d trace hook calls in impl/", sites)
	}
}

// BenchmarkTraceValidation validates the trace of a real stress run (about
// 100000 events) and reports events/s, wall and CPU. Its peer is decoding
// the same file with encoding/json only.
func BenchmarkTraceValidation(b *testing.B) {
	r, err := repo.Root()
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "bench.ndjson")
	if out, err := tracedStressRun(r, file, 30000, 1, ""); err != nil {
		b.Fatalf("%v\n%s", err, out)
	}
	spec := filepath.Join(r, "tla", "Allocator.tla")
	opts := tracecheck.Options{Config: filepath.Join(r, "tla", "Trace.cfg")}
	b.Run("gotlc-trace", func(b *testing.B) {
		events := 0
		cpu0 := cputime.Process()
		for i := 0; i < b.N; i++ {
			res, err := tracecheck.CheckFile(spec, file, opts)
			if err != nil || !res.OK() {
				b.Fatal(err, res.Divergence)
			}
			events += res.Events
		}
		testutil.ReportRate(b, events, cpu0, "events")
	})
	b.Run("json-decode-only", func(b *testing.B) {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		lines := bytes.Split(bytes.TrimSpace(data), []byte("\n"))
		events := 0
		cpu0 := cputime.Process()
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				var v map[string]any
				if err := json.Unmarshal(l, &v); err != nil {
					b.Fatal(err)
				}
				events++
			}
		}
		testutil.ReportRate(b, events, cpu0, "events")
	})
}

// TestTraceabilityDocIsCurrent: docs/traceability.md (written by make trace)
// names the same functions, file:line positions and tests as the code does
// now; only the event counts of its last column come from a run and are not
// compared. When it fails, run make trace.
func TestTraceabilityDocIsCurrent(t *testing.T) {
	r := root(t)
	committed, err := os.ReadFile(filepath.Join(r, "docs", "traceability.md"))
	if err != nil {
		t.Fatal(err)
	}
	var fresh bytes.Buffer
	mrows, problems, err := buildMatrix(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeMatrix(&fresh, mrows, problems, "", "docs")
	rows := func(doc string) []string { // the first three columns of each table row
		var out []string
		for _, l := range strings.Split(doc, "\n") {
			if !strings.HasPrefix(l, "| `") {
				continue
			}
			cols := strings.Split(l, " | ")
			if len(cols) < 4 {
				t.Fatalf("a matrix row without four columns: %s", l)
			}
			out = append(out, strings.Join(cols[:3], " | "))
		}
		return out
	}
	want, got := rows(fresh.String()), rows(string(committed))
	if len(want) == 0 {
		t.Fatal("veralloc trace -no-run printed no rows")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("docs/traceability.md is stale; run make trace (-code now +committed):\n%s", diff)
	}
}
