package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
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
// the spec, without local batches of remote frees and with them, and every
// action of Next but the mutant-only DrainRead occurs in one of them.
func TestTraceOfStressRunValidates(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with -tags trace and runs a stress workload")
	}
	r := root(t)
	seen := map[string]int{}
	for _, rb := range []int{-1, 4} {
		file := filepath.Join(t.TempDir(), fmt.Sprintf("stress-rb%d.ndjson", rb))
		if out, err := tracedStressRunG(r, file, 20000, 7, 0, rb, ""); err != nil {
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
			t.Fatalf("RemoteBatch %d: the trace of a correct run does not validate:\n%s", rb, b.String())
		}
		t.Logf("RemoteBatch %d: %d events validated in %.2fs: %v", rb, res.Events, res.Elapsed.Seconds(), res.PerAction)
		for a, n := range res.PerAction {
			seen[a] += n
		}
		if rb > 0 && (res.PerAction["FreeRemote"] != 0 || res.PerAction["FreeToBatch"] == 0) {
			t.Errorf("RemoteBatch %d: remote frees not batched: %v", rb, res.PerAction)
		}
	}
	for _, a := range []string{"Alloc", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll", "AcquireSlab",
		"RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas", "FreeToBatch", "FreeRemoteBatch",
		"FreeRemoteBatchCas", "HeapExit", "Adopt"} {
		if seen[a] == 0 {
			t.Errorf("action %s never occurs in the traces", a)
		}
	}
}

// Every seeded bug (-tags faults,trace) makes the validation of a traced
// 8-goroutine run fail on each of 8 seeds (the even ones in the binary
// format), at the action and variable the
// bug breaks. B4 is caught through the versions of the remote head: its
// drain reads version v and writes v+1 after a push already wrote over v
// (two writes from one version); its code has no tracer call
// (TestB4FaultHasNoTracerCall).
func TestTraceCatchesSeededBugs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds with -tags trace,faults")
	}
	r := root(t)
	bin := filepath.Join(t.TempDir(), "veralloc-trace-faults")
	build := exec.Command("go", "build", "-tags", "trace,faults", "-o", bin, "./cmd/veralloc")
	build.Dir = r
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build -tags trace,faults: %v\n%s", err, out)
	}
	cases := []struct {
		fault, action, kind, what string
		batch                     bool // run with local batches of remote frees (-remote-batch 4)
	}{
		{"B1", "(end record)", "values differ", "TotalActive[", false}, // counted twice: the final counters disagree
		{"B3", "SpliceToSll", "values differ", "next[", false},         // the chain's tail drops the Sll
		{"B4", "", "ordering", "two writes from one version", false},   // a push between the drain's read and store is lost
		{"SllBatch", "SpliceToSll", "values differ", "SllCount[", false},
		{"AdoptNoDrain", "Adopt", "values differ", "Freelist[", false},
		// The faults of local batches (impl/remotebatch.go).
		{"BatchLinksHead", "FreeRemoteBatch", "values differ", "next[", true}, // the head's link, not the tail's, is set
		{"BatchWrongSlab", "FreeRemoteBatch", "values differ", "LocalBatch[", true},
		{"ExitNoFlush", "HeapExit", "not enabled", "", true}, // the exit leaves a batch behind
		// The stack's packed count is wrong: what goes wrong next (a drain
		// or an adopt moving too few blocks, a step the spec does not
		// enable, a count overflowing into the version) depends on the run.
		{"BatchCountLimit", "", "any", "", true},
	}
	for _, c := range cases {
		t.Run(c.fault, func(t *testing.T) {
			for seed := uint64(1); seed <= 8; seed++ {
				// Even seeds write the binary format, odd ones NDJSON.
				file := filepath.Join(t.TempDir(), fmt.Sprintf("%s-%d.ndjson", c.fault, seed))
				args := []string{"tracerun", "-o", file, "-ops", "3000", "-seed", fmt.Sprint(seed), "-fault", c.fault}
				if seed%2 == 0 {
					file = strings.TrimSuffix(file, ".ndjson") + ".vatrace"
					args = append(args, "-format", "binary")
					args[2] = file
				}
				if c.batch {
					args = append(args, "-remote-batch", "4")
				}
				run := exec.Command(bin, args...)
				if out, err := run.CombinedOutput(); err != nil && !bytes.Contains(out, []byte("trace:")) {
					t.Fatalf("seed %d: tracerun: %v\n%s", seed, err, out)
				}
				// A small search budget: past the first dead end the
				// search only looks for a shorter one.
				res, err := tracecheck.CheckFile(filepath.Join(r, "tla", "Allocator.tla"), file,
					tracecheck.Options{Config: filepath.Join(r, "tla", "Trace.cfg"), MaxBacktracks: 500})
				if err != nil {
					t.Fatalf("seed %d: %v", seed, err)
				}
				if res.OK() {
					t.Fatalf("seed %d: %d events validated: fault %s not caught", seed, res.Events, c.fault)
				}
				d := res.Divergence
				var b strings.Builder
				d.Report(&b, file)
				if !faultReported(d, c.action, c.kind, c.what) {
					t.Fatalf("seed %d: caught, but not as %s %s naming %q:\n%s", seed, c.action, c.kind, c.what, b.String())
				}
				if seed == 1 {
					t.Logf("seed 1, caught after %d events:\n%s", d.Merged, b.String())
				}
			}
		})
	}
}

// faultReported reports whether d (or one of its log heads) is a failure of
// the given kind ("any": values differ, not enabled or ordering) at action
// (any action when "") naming what in a difference or its message.
func faultReported(d *tracecheck.Divergence, action, kind, what string) bool {
	match := func(a, k, msg string, diffs []tracecheck.Diff) bool {
		if kind == "any" && (k == "values differ" || k == "not enabled" || k == "ordering") {
			k = kind
		}
		if (action != "" && a != action) || k != kind {
			return false
		}
		if strings.Contains(msg, what) {
			return true
		}
		for _, df := range diffs {
			if strings.HasPrefix(df.What, what) {
				return true
			}
		}
		return false
	}
	if match(d.Action, d.Kind, d.Msg, d.Diffs) {
		return true
	}
	for _, h := range d.Heads {
		if match(h.Action, h.Kind, h.Msg, h.Diffs) {
			return true
		}
	}
	return false
}

// The seeded B4 cannot cooperate with the tracer: drainTake in
// impl/faults_on.go, which holds its code, calls nothing of the tracer.
func TestB4FaultHasNoTracerCall(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root(t), "impl", "faults_on.go"))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(src, []byte("func drainTake("))
	if i < 0 {
		t.Fatal("impl/faults_on.go has no drainTake (the seeded B4)")
	}
	body := src[i:]
	if j := bytes.Index(body, []byte("\n}\n")); j >= 0 {
		body = body[:j]
	}
	if !bytes.Contains(body, []byte("faultB4")) {
		t.Fatalf("drainTake does not hold the B4 fault:\n%s", body)
	}
	if m := regexp.MustCompile(`(?i)trace\w*\(`).Find(body); m != nil {
		t.Fatalf("the B4 fault calls the tracer (%s):\n%s", m, body)
	}
}

// The default build pays nothing for tracing: every call of traceBegin,
// traceBeginUser and traceAction in impl/ is inlined away (the bodies in
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
	re := regexp.MustCompile(`(?m)^(?:\./)?impl/(\w+\.go):(\d+):\d+: inlining call to (trace(?:BeginUser|Begin|End|Action))$`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		inlined[m[1]+":"+m[2]+":"+m[3]] = true
	}
	call := regexp.MustCompile(`\b(trace(?:BeginUser|Begin|End|Action))\(`)
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

// BenchmarkTraceValidation validates the traces of two real stress runs,
// one heap (1 goroutine, 40000 operations) and 8 goroutines (40000
// operations), written as NDJSON and in the binary format, and reports
// events/s, wall and CPU (targets, issue 15: 1000000 and 300000 events/s).
// Its peer is decoding the NDJSON file with encoding/json only. The
// -cli-gc rows run the binary check with the collector set as cmd/gotlc
// sets it (the others run at the test binary's default, GOGC=100).
func BenchmarkTraceValidation(b *testing.B) {
	r, err := repo.Root()
	if err != nil {
		b.Fatal(err)
	}
	spec := filepath.Join(r, "tla", "Allocator.tla")
	opts := tracecheck.Options{Config: filepath.Join(r, "tla", "Trace.cfg")}
	for _, g := range []int{1, 8} {
		file := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.ndjson", g))
		if out, err := tracedStressRunG(r, file, 40000, 1, g, 0, ""); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		binFile := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.vatrace", g))
		if out, err := tracedStressRunG(r, binFile, 40000, 1, g, 0, ""); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
		name := fmt.Sprintf("goroutines-%d", g)
		validate := func(file string) func(b *testing.B) {
			return func(b *testing.B) {
				b.ReportAllocs() // bytes and allocations per check: independent of the machine's load
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
			}
		}
		b.Run(name+"/gotlc-trace", validate(file))
		b.Run(name+"/gotlc-trace-binary", validate(binFile))
		// The binary check with the garbage collector at GOGC=400, as
		// cmd/gotlc sets it when GOGC is not given: what gotlc -trace costs.
		b.Run(name+"/gotlc-trace-binary-cli-gc", func(b *testing.B) {
			defer debug.SetGCPercent(debug.SetGCPercent(400))
			validate(binFile)(b)
		})
		b.Run(name+"/json-decode-only", func(b *testing.B) {
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

// TestMatrixRanksTests: each action's tests come most direct first (named
// after the action, then calling its function, then by call depth),
// linearize/ tests are listed beside impl/'s, and tests of build-tagged
// files carry their tag. (spec/ is scanned too, but its tests drive the Go
// copy of the spec, never an impl function, so no row lists them.)
func TestMatrixRanksTests(t *testing.T) {
	rows, problems, err := buildMatrix(root(t), nil)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	pkgs, tags := map[string]bool{}, map[string]bool{}
	for _, r := range rows {
		for k, tr := range r.Tests {
			pkgs[tr.Pkg], tags[tr.Tag] = true, true
			if k > 0 {
				p := r.Tests[k-1]
				if p.Score < tr.Score || (p.Score == tr.Score && p.Depth > tr.Depth) {
					t.Errorf("%s: %v (score %d, depth %d) ranked after %v (score %d, depth %d)",
						r.Action.Name, tr, tr.Score, tr.Depth, p, p.Score, p.Depth)
				}
			}
		}
		if r.Action.Mutant == "" && (len(r.Spec) != 1 || !strings.HasPrefix(r.Spec[0].File, "spec/")) {
			t.Errorf("%s: Go spec functions %v, want one in spec/", r.Action.Name, r.Spec)
		}
		if r.Action.Name == "FreeToBatch" && (len(r.Tests) == 0 || !namedAfter(r.Tests[0].Name, "FreeToBatch")) {
			t.Errorf("FreeToBatch: the first test is not named after the action: %v", r.Tests)
		}
	}
	for _, want := range []string{"impl", "linearize", "spec"} {
		if !pkgs[want] {
			t.Errorf("no test of %s/ in the matrix", want)
		}
	}
	if !tags["faults"] {
		t.Errorf("no test marked [faults] in the matrix")
	}
}
