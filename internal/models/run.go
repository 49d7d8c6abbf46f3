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
)

// Checker runs one model and returns its output and exit status.
type Checker interface {
	Name() string
	Run(ctx context.Context, root string, e Entry) (out string, exit int, err error)
}

// TLC runs the Java model checker from the jar named by TLA2TOOLS.
type TLC struct {
	Jar     string
	Workers int
	MetaDir string // scratch directory for TLC's states/ (outside the repository)
}

func (t TLC) Name() string { return "tlc" }

func (t TLC) Run(ctx context.Context, root string, e Entry) (string, int, error) {
	meta, err := os.MkdirTemp(t.MetaDir, "tlc-"+e.Name+"-")
	if err != nil {
		return "", 0, err
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
	return run(ctx, "java", args...)
}

// Gotlc runs the project's Go model checker binary.
type Gotlc struct {
	Binary  string
	Workers int
}

func (g Gotlc) Name() string { return "gotlc" }

// GotlcChecksLiveness says whether gotlc checks temporal properties under
// fairness. While it is false gotlc is not run on the manifest's liveness
// models: Check reports them as not run (their verdict is TLC's alone),
// never as passing. TestGotlcLivenessSwitch fails once gotlc stops refusing
// them, so the switch cannot go stale.
const GotlcChecksLiveness = false

// NotRunReason is why gotlc does not run e, or "" when it does.
func (g Gotlc) NotRunReason(e Entry) string {
	if e.IsLiveness() && !GotlcChecksLiveness {
		return "not run by gotlc: it does not check liveness yet (TLC-only model; tla/models.json holds TLC's verdict)"
	}
	return ""
}

// skipper is a Checker that declines some entries.
type skipper interface {
	NotRunReason(e Entry) string
}

func (g Gotlc) Run(ctx context.Context, root string, e Entry) (string, int, error) {
	args := []string{"-workers", strconv.Itoa(max(g.Workers, 1))}
	for _, l := range e.Lib {
		args = append(args, "-lib", filepath.Join(root, l))
	}
	args = append(args, "-config", filepath.Join(root, e.Config), filepath.Join(root, e.Spec))
	return run(ctx, g.Binary, args...)
}

func run(ctx context.Context, name string, args ...string) (string, int, error) {
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

// BuildGotlc compiles cmd/gotlc from the repository at root into dir.
func BuildGotlc(root, dir string) (string, error) {
	bin := filepath.Join(dir, "gotlc")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/gotlc")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building cmd/gotlc: %v\n%s", err, out)
	}
	return bin, nil
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
	NotRun  string // why the checker did not run the entry ("" when it ran)
}

// OK reports whether the run agreed with the manifest. An entry that was
// not run is not OK: callers report it apart, never as passing.
func (o Outcome) OK() bool { return o.NotRun == "" && o.Err == nil && len(o.Diffs) == 0 }

// Check runs c on e and compares the result with the manifest.
func Check(ctx context.Context, c Checker, root string, e Entry) Outcome {
	if s, ok := c.(skipper); ok {
		if why := s.NotRunReason(e); why != "" {
			return Outcome{Entry: e, NotRun: why}
		}
	}
	start := time.Now()
	out, exit, err := c.Run(ctx, root, e)
	o := Outcome{Entry: e, Output: out, Elapsed: time.Since(start), Err: err}
	if err == nil {
		o.Result = Parse(out, exit)
		o.Diffs = Compare(e, o.Result)
	}
	return o
}
