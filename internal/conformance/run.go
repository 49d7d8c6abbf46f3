package conformance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/output"
)

// Run describes one model-checker invocation. Dir is the directory the
// checker runs in; Spec and Config are relative to it.
type Run struct {
	// Library lists directories of modules a spec EXTENDS or INSTANCEs
	// from elsewhere: TLC gets them as the JVM option -DTLA-Library, gotlc
	// as its TLC-compatible argument -DTLA-Library=.
	Library []string
	Dir     string
	Spec    string
	Config  string
	Args    []string
	Timeout time.Duration
}

// RunTLC runs real TLC (tla2tools.jar at jar) with -workers 1, a metadir in
// meta (outside the repository). TLC 2.18 writes no trace-explorer spec unless
// asked to (-generateSpecTE). It returns the parsed output.
func RunTLC(jar, meta string, r Run) (Result, error) {
	// Action composition (\cdot) is experimental in TLC and off unless this
	// property is set (as tlaplus/Examples' CI sets it); it changes nothing
	// for specs that do not use \cdot. gotlc always implements \cdot.
	args := []string{"-XX:+UseParallelGC", "-Dtlc2.tool.impl.Tool.cdot=true"}
	if len(r.Library) > 0 {
		args = append(args, "-DTLA-Library="+strings.Join(r.Library, string(os.PathListSeparator)))
	}
	args = append(args, "-cp", jar, "tlc2.TLC", "-workers", "1", "-metadir", meta, "-config", r.Config)
	args = append(args, r.Args...)
	args = append(args, r.Spec)
	return run(r, "java", args)
}

// RunGotlc runs the gotlc binary at bin with TLC's flags and -workers 1.
func RunGotlc(bin string, r Run) (Result, error) {
	args := []string{"-workers", "1", "-config", r.Config}
	if len(r.Library) > 0 {
		args = append(args, "-DTLA-Library="+strings.Join(r.Library, string(os.PathListSeparator)))
	}
	args = append(args, r.Args...)
	args = append(args, r.Spec)
	return run(r, bin, args)
}

func run(r Run, prog string, args []string) (Result, error) {
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = r.Dir
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if ctx.Err() != nil {
		return Result{}, fmt.Errorf("%s %v: no result within %v (hang?); output so far:\n%s", filepath.Base(prog), args, timeout, tail(out.String(), 2000))
	}
	exit := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return Result{}, fmt.Errorf("%s: %v", prog, err)
		}
		exit = ee.ExitCode()
	}
	return output.Parse(out.String(), exit), nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// CopyDir copies the regular files of src (not subdirectories) into dst, so
// that a checker run cannot leave files in the repository.
func CopyDir(src, dst string) error {
	des, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, de := range des {
		if !de.Type().IsRegular() {
			continue
		}
		if err := copyFile(filepath.Join(src, de.Name()), filepath.Join(dst, de.Name())); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
