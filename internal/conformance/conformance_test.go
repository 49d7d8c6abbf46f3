package conformance

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/internal/models"
	"github.com/veralloc/veralloc/internal/repo"
)

var (
	repoRoot  string
	corpusDir string

	buildOnce sync.Once
	buildDir  string
	gotlcPath string
	buildErr  error
)

func TestMain(m *testing.M) {
	root, err := repo.Root()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	repoRoot = root
	corpusDir = filepath.Join(root, "gotlc", "testdata", "corpus")
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// gotlcBinary builds cmd/gotlc once per test binary. A build failure fails
// the calling test: this is an acceptance test, not an optional one.
func gotlcBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "gotlc-conformance-")
		if buildErr != nil {
			return
		}
		gotlcPath = filepath.Join(buildDir, "gotlc")
		cmd := exec.Command("go", "build", "-o", gotlcPath, "./cmd/gotlc")
		cmd.Dir = repoRoot
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build ./cmd/gotlc: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatalf("cannot build gotlc, so it cannot be held to TLC: %v", buildErr)
	}
	return gotlcPath
}

func large() bool { return os.Getenv("VERALLOC_LARGE") == "1" }

const largeSkip = "large model: set VERALLOC_LARGE=1 to run it"

// timeoutFor bounds one checker run: generous, because TLC's start-up and
// a loaded 2-core machine can take minutes for a model of 10^4 states; a run
// that exceeds it is reported as a hang.
func timeoutFor(size string) time.Duration {
	if size == "large" {
		return 30 * time.Minute
	}
	return 6 * time.Minute
}

// recordedTrace parses the recorded TLC output of a run and returns its
// error trace (nil when there is none).
func recordedTrace(dir string, e Expect) ([]State, error) {
	if e.TLCOut == "" {
		return nil, nil
	}
	data, err := os.ReadFile(filepath.Join(dir, e.TLCOut))
	if err != nil {
		return nil, err
	}
	return output.Parse(string(data), e.Exit).Trace, nil
}

func runName(e Entry, x Expect) string {
	if len(e.Runs) == 1 {
		return e.Name
	}
	return e.Name + "/" + strings.TrimSuffix(x.Config, ".cfg") + strings.Join(x.Args, "")
}

// table collects one row per run and logs it as a compact table (-v).
type table struct {
	mu   sync.Mutex
	rows [][]string
}

func (tb *table) add(cols ...string) {
	tb.mu.Lock()
	tb.rows = append(tb.rows, cols)
	tb.mu.Unlock()
}

func (tb *table) log(t *testing.T, header ...string) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	sort.Slice(tb.rows, func(i, j int) bool { return tb.rows[i][0] < tb.rows[j][0] })
	all := append([][]string{header}, tb.rows...)
	width := make([]int, len(header))
	for _, r := range all {
		for i, c := range r {
			width[i] = max(width[i], len(c))
		}
	}
	var b strings.Builder
	b.WriteString("\n")
	for _, r := range all {
		for i, c := range r {
			fmt.Fprintf(&b, "%-*s  ", width[i], c)
		}
		b.WriteString("\n")
	}
	t.Log(b.String())
}

func fmtCount(n int64) string {
	if n < 0 {
		return "-"
	}
	return fmt.Sprint(n)
}

func status(d []string) string {
	if len(d) == 0 {
		return "ok"
	}
	return "FAIL"
}

// TestCorpus runs gotlc on every corpus entry and requires TLC's recorded
// verdict, exit code, distinct states, depth, violated name, trace length
// and final state.
func TestCorpus(t *testing.T) {
	entries, err := LoadCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	bin := gotlcBinary(t)
	var tb table
	t.Run("entries", func(t *testing.T) {
		for _, e := range entries {
			for _, x := range e.Runs {
				t.Run(runName(e, x), func(t *testing.T) {
					if x.Size == "large" && !large() {
						tb.add(runName(e, x), "skip", "", "", "", "")
						t.Skip(largeSkip)
					}
					t.Parallel()
					dir := t.TempDir()
					if err := CopyDir(e.Dir, dir); err != nil {
						t.Fatal(err)
					}
					got, err := RunGotlc(bin, Run{Dir: dir, Spec: x.Spec, Config: x.Config, Args: x.Args, Timeout: timeoutFor(x.Size)})
					if err != nil {
						tb.add(runName(e, x), "FAIL", "error", "", "", "")
						t.Fatal(err)
					}
					var d []string
					if x.GotlcExpect == "refuse" {
						d = CheckRefusal(got)
					} else {
						trace, err := recordedTrace(e.Dir, x)
						if err != nil {
							t.Fatal(err)
						}
						d = Diff(x.Summarize(trace), Summarize(got))
					}
					gs := Summarize(got)
					tb.add(runName(e, x), status(d), string(gs.Verdict)+" "+gs.Name, fmt.Sprint(gs.Exit), fmtCount(gs.Distinct), fmtCount(gs.Depth))
					if len(d) > 0 {
						t.Errorf("gotlc disagrees with TLC 2.18 on %s (%s):\n  %s\ngotlc output (tail):\n%s",
							x.Spec, x.Config, strings.Join(d, "\n  "), tail(got.Output, 3000))
					}
				})
			}
		}
	})
	tb.log(t, "entry", "status", "gotlc verdict", "exit", "distinct", "depth")
}

// TestCorpusRecords checks the corpus itself, without gotlc: every run names
// files that exist, its recorded TLC output says what expect.json says, and
// the corpus covers every verdict.
func TestCorpusRecords(t *testing.T) {
	entries, err := LoadCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 18 {
		t.Errorf("corpus has %d entries, want at least 18", len(entries))
	}
	seen := map[Verdict]bool{}
	refusals := 0
	for _, e := range entries {
		// Every .cfg in the entry is checked by some run.
		cfgs, _ := filepath.Glob(filepath.Join(e.Dir, "*.cfg"))
		for _, c := range cfgs {
			used := false
			for _, x := range e.Runs {
				used = used || x.Config == filepath.Base(c)
			}
			if !used {
				t.Errorf("%s: %s is not used by any run of expect.json", e.Name, filepath.Base(c))
			}
		}
		for _, x := range e.Runs {
			seen[x.Verdict] = true
			if x.GotlcExpect == "refuse" || x.Verdict == Refused {
				refusals++
			} else if x.GotlcExpect != "" {
				t.Errorf("%s: unknown gotlc_expect %q", runName(e, x), x.GotlcExpect)
			}
			for _, f := range []string{x.Spec, x.Config, x.TLCOut} {
				if f == "" {
					t.Errorf("%s: a file name is empty (spec %q, config %q, tlc_out %q)", runName(e, x), x.Spec, x.Config, x.TLCOut)
					continue
				}
				if _, err := os.Stat(filepath.Join(e.Dir, f)); err != nil {
					t.Errorf("%s: %v", runName(e, x), err)
				}
			}
			if !(strings.HasPrefix(x.TLCVersion, "2.18") || strings.HasPrefix(x.TLCVersion, "2.20")) || x.Recorded == "" {
				t.Errorf("%s: tlc_version %q recorded %q: want TLC 2.18 or 2.20 and a date", runName(e, x), x.TLCVersion, x.Recorded)
			}
			if x.TLCOut == "" {
				continue
			}
			data, err := os.ReadFile(filepath.Join(e.Dir, x.TLCOut))
			if err != nil {
				continue
			}
			r := output.Parse(string(data), x.Exit)
			if r.Version != x.TLCVersion {
				t.Errorf("%s: recorded output is from TLC %q, expect.json says %q", runName(e, x), r.Version, x.TLCVersion)
			}
			if d := Diff(x.Summarize(nil), Summarize(r)); len(d) > 0 {
				// Final state is nil in want, so only the figures are compared.
				t.Errorf("%s: expect.json disagrees with %s:\n  %s", runName(e, x), x.TLCOut, strings.Join(d, "\n  "))
			}
			if x.Generated != nil && *x.Generated != r.Generated {
				t.Errorf("%s: generated: expect.json %d, output %d", runName(e, x), *x.Generated, r.Generated)
			}
			if HasTrace(x.Verdict) && x.TraceLength == 0 {
				t.Errorf("%s: violation without a trace length", runName(e, x))
			}
		}
	}
	for _, v := range []Verdict{Success, Invariant, Deadlock, Property, Assumption, EvalError, ParseError, ConfigError} {
		if !seen[v] {
			t.Errorf("corpus has no entry with verdict %s", v)
		}
	}
	if refusals == 0 {
		t.Error("corpus has no temporal formula that gotlc must refuse")
	}
}

// modelsPath is the lead's list of the project's own models.
func modelsPath() string { return filepath.Join(repoRoot, "tla", "models.json") }

func modelName(m models.Entry) string { return m.Name }

// loadModels reads tla/models.json with its one reader, internal/models.
func loadModels() ([]models.Entry, error) {
	m, err := models.Load(modelsPath())
	if err != nil {
		return nil, err
	}
	return m.Select("all"), nil
}

// modelRun is how both checkers are run on a models.json entry: in the
// spec's directory, with the entry's module directories as the library.
func modelRun(m models.Entry) (Run, error) {
	specDir := filepath.Join(repoRoot, filepath.Dir(m.Spec))
	cfg, err := filepath.Rel(specDir, filepath.Join(repoRoot, m.Config))
	if err != nil {
		return Run{}, err
	}
	r := Run{Dir: specDir, Spec: filepath.Base(m.Spec), Config: cfg, Timeout: timeoutFor(m.Size)}
	if m.IsLiveness() {
		r.Args = []string{"-lncheck", "final"} // as the manifest's TLC figures were taken
	}
	for _, l := range m.Lib {
		r.Library = append(r.Library, filepath.Join(repoRoot, l))
	}
	return r, nil
}

// modelWant is the Summary a models.json entry requires of got: the
// recorded verdict (a violation names its invariant), distinct states and
// depth. Traces are not recorded in models.json, so they are not compared.
func modelWant(m models.Entry, got Summary) Summary {
	s := Summary{Verdict: Success, Exit: 0, Distinct: m.Distinct, Depth: int64(m.Depth), Generated: -1}
	if m.Expect == "violation" {
		s.Verdict, s.Exit, s.Name = Invariant, 12, m.Invariant
		if m.Distinct == 0 && m.Depth == 0 {
			// An initial state violates it: TLC prints no counts, and the
			// manifest records them as 0 (unknown to the report: -1).
			s.Distinct, s.Depth = -1, -1
		}
		if m.IsLiveness() { // TLC names no property: "Temporal properties were violated."
			s.Verdict, s.Exit, s.Name, s.Lasso = Property, 13, "", true
		}
		s.TraceLen, s.Final = got.TraceLen, got.Final
	}
	return s
}

// TestModels runs gotlc on every "ci" model of tla/models.json (and the
// "large" ones when VERALLOC_LARGE=1) and requires the recorded verdict,
// invariant, distinct states and depth.
func TestModels(t *testing.T) {
	entries, err := loadModels()
	if err != nil {
		t.Fatalf("tla/models.json is the list of the project's models that gotlc must check: %v", err)
	}
	bin := gotlcBinary(t)
	var tb table
	t.Run("models", func(t *testing.T) {
		for _, m := range entries {
			t.Run(modelName(m), func(t *testing.T) {
				if m.Size != "ci" {
					if !large() {
						t.Skip(largeSkip)
					}
				}
				t.Parallel()
				r, err := modelRun(m)
				if err != nil {
					t.Fatal(err)
				}
				got, err := RunGotlc(bin, r)
				if err != nil {
					t.Fatal(err)
				}
				gs := Summarize(got)
				want := modelWant(m, gs)
				d := Diff(want, gs)
				tb.add(modelName(m), status(d), string(gs.Verdict)+" "+gs.Name, fmt.Sprint(gs.Exit), fmtCount(gs.Distinct), fmtCount(gs.Depth))
				if len(d) > 0 {
					t.Errorf("gotlc disagrees with models.json on %s (%s):\n  %s\ngotlc output (tail):\n%s",
						m.Spec, m.Config, strings.Join(d, "\n  "), tail(got.Output, 3000))
				}
			})
		}
	})
	tb.log(t, "model", "status", "gotlc verdict", "exit", "distinct", "depth")
}

// TestAgainstTLC runs real TLC and gotlc side by side on every corpus entry
// and every models.json entry and compares them directly. It also checks that
// TLC still reports what the corpus recorded.
func TestAgainstTLC(t *testing.T) {
	jar := os.Getenv("TLA2TOOLS")
	if jar == "" {
		t.Skip("TLA2TOOLS is unset: set it to the path of tla2tools.jar (TLC 2.18) to compare gotlc with real TLC")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Fatalf("TLA2TOOLS is set but java is not on PATH: %v", err)
	}
	entries, err := LoadCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := loadModels()
	if err != nil {
		// Still compare the corpus; the missing models are a failure.
		t.Errorf("tla/models.json: %v", err)
	}
	bin := gotlcBinary(t)
	var tb table
	compare := func(t *testing.T, name string, r Run, rec *Expect, refuse bool) {
		meta := t.TempDir()
		tlc, err := RunTLC(jar, meta, r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := RunGotlc(bin, r)
		if err != nil {
			tb.add(name, "FAIL", string(tlc.Verdict), "error", fmtCount(tlc.Distinct), "")
			t.Fatal(err)
		}
		ts, gs := Summarize(tlc), Summarize(got)
		if rec == nil || !rec.CompareTrace {
			ts.Trace = nil // compare the final state only, as TestCorpus does
		}
		var d []string
		if rec != nil {
			if rd := Diff(rec.Summarize(nil), ts); len(rd) > 0 {
				t.Errorf("TLC no longer reports what the corpus recorded:\n  %s", strings.Join(rd, "\n  "))
			}
		}
		if refuse {
			d = CheckRefusal(got)
		} else {
			d = Diff(ts, gs)
		}
		tb.add(name, status(d), string(ts.Verdict)+" "+ts.Name, string(gs.Verdict)+" "+gs.Name,
			fmt.Sprintf("%d/%d", ts.Exit, gs.Exit), fmtCount(ts.Distinct)+"/"+fmtCount(gs.Distinct), fmtCount(ts.Depth)+"/"+fmtCount(gs.Depth))
		if len(d) > 0 {
			t.Errorf("gotlc disagrees with TLC on %s (%s):\n  %s\nTLC output (tail):\n%s\ngotlc output (tail):\n%s",
				r.Spec, r.Config, strings.Join(d, "\n  "), tail(tlc.Output, 3000), tail(got.Output, 3000))
		}
	}
	t.Run("tlc", func(t *testing.T) {
		for _, e := range entries {
			for _, x := range e.Runs {
				t.Run("corpus/"+runName(e, x), func(t *testing.T) {
					if x.Size == "large" && !large() {
						t.Skip(largeSkip)
					}
					t.Parallel()
					dir := t.TempDir()
					if err := CopyDir(e.Dir, dir); err != nil {
						t.Fatal(err)
					}
					r := Run{Dir: dir, Spec: x.Spec, Config: x.Config, Args: x.Args, Timeout: timeoutFor(x.Size)}
					compare(t, "corpus/"+runName(e, x), r, &x, x.GotlcExpect == "refuse")
				})
			}
		}
		for _, m := range mods {
			t.Run("models/"+modelName(m), func(t *testing.T) {
				if m.Size != "ci" && !large() {
					t.Skip(largeSkip)
				}
				t.Parallel()
				r, err := modelRun(m)
				if err != nil {
					t.Fatal(err)
				}
				compare(t, "models/"+modelName(m), r, nil, false)
			})
		}
	})
	tb.log(t, "run", "status", "TLC verdict", "gotlc verdict", "exit", "distinct", "depth")
}

// TestRecordCorpus is the tool that wrote the corpus's figures: with
// VERALLOC_RECORD_CORPUS=all (or a comma-separated list of entry names) and
// TLA2TOOLS set, it runs TLC on each run of each named entry and rewrites
// expect.json and the tlc_out file from TLC's output. Spec, config, args,
// size, gotlc_expect and note are kept.
func TestRecordCorpus(t *testing.T) {
	which := os.Getenv("VERALLOC_RECORD_CORPUS")
	jar := os.Getenv("TLA2TOOLS")
	if which == "" || jar == "" {
		t.Skip("recording tool: set VERALLOC_RECORD_CORPUS=all|name,... and TLA2TOOLS to rewrite expect.json from real TLC")
	}
	entries, err := LoadCorpus(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Split(which, ",")
	today := time.Now().UTC().Format("2006-01-02")
	for _, e := range entries {
		if which != "all" && !slices.Contains(names, e.Name) {
			continue
		}
		for i := range e.Runs {
			x := &e.Runs[i]
			dir := t.TempDir()
			if err := CopyDir(e.Dir, dir); err != nil {
				t.Fatal(err)
			}
			r, err := RunTLC(jar, t.TempDir(), Run{Dir: dir, Spec: x.Spec, Config: x.Config, Args: x.Args, Timeout: 15 * time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			s := Summarize(r)
			if s.Verdict == Unknown {
				// A killed or crashed TLC must not become a record.
				t.Fatalf("%s: TLC gave no recognisable verdict (exit %d); expect.json left as it was:\n%s", runName(e, *x), r.Exit, tail(r.Output, 2000))
			}
			x.Verdict, x.Exit = s.Verdict, s.Exit
			x.Invariant, x.Property = "", ""
			switch r.Verdict {
			case Invariant:
				x.Invariant = r.Name
			case Property:
				x.Property = r.Name
			}
			x.Distinct, x.Generated, x.Depth = known(r.Distinct), known(r.Generated), known(r.Depth)
			x.TraceLength = len(r.Trace)
			x.TLCVersion, x.Recorded = r.Version, today
			if x.TLCOut == "" {
				x.TLCOut = "expected_tlc.out"
				if len(e.Runs) > 1 {
					x.TLCOut = strings.TrimSuffix(x.Config, ".cfg") + ".expected_tlc.out"
				}
			}
			if err := os.WriteFile(filepath.Join(e.Dir, x.TLCOut), []byte(r.Output), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %s %s%s exit %d distinct %d generated %d depth %d trace %d",
				runName(e, *x), x.Config, x.Verdict, " "+x.Invariant+x.Property, x.Exit, r.Distinct, r.Generated, r.Depth, len(r.Trace))
		}
		if err := WriteExpect(filepath.Join(e.Dir, "expect.json"), e.Runs); err != nil {
			t.Fatal(err)
		}
	}
}

func known(n int64) *int64 {
	if n < 0 {
		return nil
	}
	return &n
}
