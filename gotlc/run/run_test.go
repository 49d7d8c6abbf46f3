package run

import (
	"bytes"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/veralloc/veralloc/gotlc/output"
)

// TestReportIsWhatWasPrinted runs every corpus run and the checker's test
// models in-process and requires the Report that Model returns to be what
// the one parser of TLC's text reads back from the output Model printed:
// callers that take the Report (veralloc verify, cmd/modelcheck) see what
// a reader of gotlc's output sees. It also requires the corpus's recorded
// TLC verdict, so a Report that agreed with a wrong print would not pass.
func TestReportIsWhatWasPrinted(t *testing.T) {
	entries := corpus(t)
	type job struct {
		name     string
		args     []string
		want     output.Verdict // "" when gotlc must refuse the model
		wantExit int
	}
	var jobs []job
	for _, e := range entries {
		for _, x := range e.Runs {
			if x.Size == "large" {
				continue
			}
			args := append(append([]string{}, x.Args...), "-config", filepath.Join(e.Dir, x.Config), filepath.Join(e.Dir, x.Spec))
			j := job{name: e.Name + "/" + x.Config + fmt.Sprint(x.Args), args: args, want: x.Verdict, wantExit: x.Exit}
			if x.GotlcExpect == "refuse" {
				j.want = ""
			}
			jobs = append(jobs, j)
		}
	}
	const td = "../check/testdata"
	for _, c := range []struct{ cfg, spec string }{{"CountersOK", "Counters"}, {"CountersInv", "Counters"}, {"Stop", "Stop"}, {"BufferLossy", "Buffer"}, {"TokensSym", "Tokens"}} {
		jobs = append(jobs, job{name: c.cfg, args: []string{"-config", filepath.Join(td, c.cfg+".cfg"), filepath.Join(td, c.spec+".tla")}, wantExit: -1})
	}
	if len(jobs) < 30 {
		t.Fatalf("only %d runs found", len(jobs))
	}
	for _, j := range jobs {
		o, err := ParseArgs(j.args)
		if err != nil {
			t.Fatalf("%s: %v", j.name, err)
		}
		var out bytes.Buffer
		rep := Model(o, &out)
		parsed := output.Parse(out.String(), rep.Exit)
		parsed.Output, parsed.Version = "", ""
		rep.Result = nil
		if !reflect.DeepEqual(rep, parsed) {
			t.Errorf("%s: the Report is not what was printed:\nreport %+v\nparsed %+v\n%s", j.name, rep, parsed, out.String())
		}
		switch {
		case j.wantExit < 0:
		case j.want == "":
			if rep.Exit == output.ExitOK || rep.Verdict == output.Success {
				t.Errorf("%s: a model gotlc must refuse got %s, exit %d", j.name, rep.Verdict, rep.Exit)
			}
		case rep.Verdict != j.want || rep.Exit != j.wantExit:
			t.Errorf("%s: %s exit %d, TLC recorded %s exit %d", j.name, rep.Verdict, rep.Exit, j.want, j.wantExit)
		}
	}
}
