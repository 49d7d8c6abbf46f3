package models

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/gotlc/run"
)

// Checker runs one model and returns its report and its text output.
type Checker interface {
	Name() string
	Run(ctx context.Context, root string, e Entry) (rep output.Report, out string, err error)
}

// TLC runs the Java model checker from the jar named by TLA2TOOLS.
type TLC struct {
	Jar     string
	Workers int
	MetaDir string // scratch directory for TLC's states/ (outside the repository)
}

func (t TLC) Name() string { return "tlc" }

// Run runs TLC and reads its output with gotlc/output's parser.
func (t TLC) Run(ctx context.Context, root string, e Entry) (output.Report, string, error) {
	meta, err := os.MkdirTemp(t.MetaDir, "tlc-"+e.Name+"-")
	if err != nil {
		return output.Report{}, "", err
	}
	defer os.RemoveAll(meta)
	var lib []string
	for _, l := range e.Lib {
		lib = append(lib, filepath.Join(root, l))
	}
	args := []string{"-XX:+UseParallelGC"}
	if len(lib) > 0 {
		args = append(args, "-DTLA-Library="+strings.Join(lib, string(os.PathListSeparator)))
	}
	args = append(args, "-cp", t.Jar, "tlc2.TLC", "-workers", strconv.Itoa(max(t.Workers, 1)), "-metadir", meta)
	if e.IsLiveness() {
		// Check the temporal properties once, on the whole state graph:
		// the counts of a violation then do not depend on when TLC's
		// periodic liveness check ran (the manifest's figures are taken so).
		args = append(args, "-lncheck", "final")
	}
	args = append(args, "-config", filepath.Join(root, e.Config), filepath.Join(root, e.Spec))
	out, exit, err := runCommand(ctx, "java", args...)
	if err != nil {
		return output.Report{}, out, err
	}
	return output.Parse(out, exit), out, nil
}

// Gotlc runs the project's Go model checker in this process (gotlc/run):
// no binary is built and its output is not parsed; the Report is the one
// the checker's printer returned. The context's end cancels the search.
type Gotlc struct {
	Workers int
}

func (g Gotlc) Name() string { return "gotlc" }

func (g Gotlc) Run(ctx context.Context, root string, e Entry) (output.Report, string, error) {
	o := &run.Options{
		Spec:    filepath.Join(root, e.Spec),
		Config:  filepath.Join(root, e.Config),
		Workers: max(g.Workers, 1),
		Cancel:  ctx.Done(),
	}
	for _, l := range e.Lib {
		o.Library = append(o.Library, filepath.Join(root, l))
	}
	var out bytes.Buffer
	rep := run.Model(o, &out)
	if ctx.Err() != nil && errors.Is(resultErr(rep), check.ErrCanceled) {
		return rep, out.String(), fmt.Errorf("gotlc: %v (%v)", check.ErrCanceled, ctx.Err())
	}
	return rep, out.String(), nil
}

func resultErr(rep output.Report) error {
	if rep.Result == nil {
		return nil
	}
	return rep.Result.Err
}

func runCommand(ctx context.Context, name string, args ...string) (string, int, error) {
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return out.String(), ee.ExitCode(), nil
	}
	if err != nil {
		return out.String(), -1, fmt.Errorf("%s: %v", name, err)
	}
	return out.String(), 0, nil
}

// Outcome is one entry's run: the result, its differences from the
// manifest, and how long it took.
type Outcome struct {
	Entry   Entry
	Result  Result
	Output  string
	Diffs   []string
	Elapsed time.Duration
	Err     error
}

// OK reports whether the run agreed with the manifest.
func (o Outcome) OK() bool { return o.Err == nil && len(o.Diffs) == 0 }

// Lasso is a liveness counterexample's last line ("Back to state N: ..."
// or "State N: Stuttering"), "" when the output has none.
func (o Outcome) Lasso() string {
	lines := strings.Split(o.Output, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := lines[i]; strings.HasPrefix(l, "Back to state ") || strings.HasSuffix(l, ": Stuttering") {
			return l
		}
	}
	return ""
}

// Check runs c on e and compares the result with the manifest.
func Check(ctx context.Context, c Checker, root string, e Entry) Outcome {
	start := time.Now()
	rep, out, err := c.Run(ctx, root, e)
	o := Outcome{Entry: e, Output: out, Elapsed: time.Since(start), Err: err}
	if err == nil {
		o.Result = FromReport(rep)
		o.Diffs = Compare(e, o.Result)
	}
	return o
}
