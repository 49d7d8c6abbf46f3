package run_test

import (
	"bytes"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/gotlc/run"
	"github.com/veralloc/veralloc/internal/conformance"
	"github.com/veralloc/veralloc/internal/models"
)

// timeRE matches the output lines that differ between two runs of the same
// model: time stamps, durations and the number of workers.
var timeRE = regexp.MustCompile(`\d\d:\d\d:\d\d|Finished in|worker|\d+s at|states/min`)

// stable is gotlc's output without the lines timeRE matches.
func stable(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		if !timeRE.MatchString(l) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// TestLivenessDoesNotDependOnWorkers runs every liveness model of the
// corpus (its live* entries) and every ci liveness model of
// tla/models.json with 1, 2 and 4 workers: the verdict, the exit code, the
// counts, the depth and the printed counterexample (its states, the "Back
// to state N" or "Stuttering" line) must be the same, and the one-worker
// verdict must be the recorded one (TLC's), so that agreeing on a wrong
// verdict fails too.
func TestLivenessDoesNotDependOnWorkers(t *testing.T) {
	type job struct {
		name, spec, config string
		args               []string
		exit               int
	}
	var jobs []job
	entries, err := conformance.LoadCorpus("../testdata/corpus")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name, "live") {
			continue
		}
		for _, x := range e.Runs {
			if x.Size == "large" || x.GotlcExpect == "refuse" {
				continue
			}
			jobs = append(jobs, job{e.Name + "/" + x.Config, filepath.Join(e.Dir, x.Spec), filepath.Join(e.Dir, x.Config), x.Args, x.Exit})
		}
	}
	m, err := models.Load("../../tla/models.json")
	if err != nil {
		t.Fatal(err)
	}
	lassos := 0
	for _, e := range m.Select("ci") {
		if !e.IsLiveness() {
			continue
		}
		exit := output.ExitOK
		if e.Expect == "violation" {
			exit = output.ExitProperty
			lassos++
		}
		jobs = append(jobs, job{"tla/" + e.Name, filepath.Join("../..", e.Spec), filepath.Join("../..", e.Config), nil, exit})
	}
	if len(jobs) < 40 || lassos < 5 {
		t.Fatalf("only %d liveness models (%d allocator lassos) found", len(jobs), lassos)
	}
	t.Logf("%d liveness models, each with 1, 2 and 4 workers", len(jobs))
	for _, j := range jobs {
		var first output.Report
		var firstOut string
		for _, w := range []int{1, 2, 4} {
			o, err := run.ParseArgs(append(append([]string{}, j.args...), "-config", j.config, j.spec))
			if err != nil {
				t.Fatalf("%s: %v", j.name, err)
			}
			o.Workers = w
			var out bytes.Buffer
			rep := run.Model(o, &out)
			rep.Result = nil
			if w == 1 {
				first, firstOut = rep, stable(out.String())
				if rep.Exit != j.exit {
					t.Errorf("%s: exit %d, recorded %d\n%s", j.name, rep.Exit, j.exit, out.String())
				}
				continue
			}
			if !reflect.DeepEqual(rep, first) {
				t.Errorf("%s: %d workers report %+v, 1 worker %+v", j.name, w, rep, first)
			}
			if got := stable(out.String()); got != firstOut {
				t.Errorf("%s: the output with %d workers differs from one worker's:\n%s\n---\n%s", j.name, w, got, firstOut)
			}
		}
	}
}
