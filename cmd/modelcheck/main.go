// Command modelcheck runs every model of tla/models.json of one size with
// TLC (when TLA2TOOLS names tla2tools.jar and java exists) or with gotlc,
// and fails unless each result matches its manifest entry. It is what
// `make tlc` and `make tlc-large` run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/veralloc/veralloc/internal/models"
)

func main() {
	os.Exit(run())
}

func run() int {
	fs := flag.NewFlagSet("modelcheck", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `usage: modelcheck [flags] [model-name ...]

Runs the models of tla/models.json (all of the chosen size, or the named ones)
and compares verdict, violated invariant, distinct states and depth with the
manifest. Exits 1 if any model disagrees, 2 on a usage or setup error.

Checker choice (-checker auto): TLC when $TLA2TOOLS names tla2tools.jar and
java is on PATH, gotlc (run in this process) otherwise.

Flags:
`)
		fs.PrintDefaults()
	}
	size := fs.String("size", "ci", "which models: ci, large or all")
	checker := fs.String("checker", "auto", "auto, tlc or gotlc")
	workers := fs.Int("workers", 1, "checker workers (the manifest's figures were taken with 1)")
	root := fs.String("root", ".", "repository root")
	manifest := fs.String("manifest", "tla/models.json", "manifest, relative to the root")
	timeout := fs.Duration("timeout", 30*time.Minute, "time limit for each model")
	verbose := fs.Bool("v", false, "print each checker's output when it disagrees")
	if err := fs.Parse(os.Args[1:]); err != nil {
		return 2
	}
	// TLC resolves -DTLA-Library (a model's "lib") against its own
	// working directory, not ours: hand it absolute paths.
	if abs, err := filepath.Abs(*root); err == nil {
		*root = abs
	}
	m, err := models.Load(filepath.Join(*root, *manifest))
	if err != nil {
		fmt.Fprintln(os.Stderr, "modelcheck:", err)
		return 2
	}
	if missing, err := m.Uncovered(*root, "tla", "proofs"); err != nil {
		fmt.Fprintln(os.Stderr, "modelcheck:", err)
		return 2
	} else if len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "modelcheck: models not in %s: %s\n", *manifest, strings.Join(missing, ", "))
		return 1
	}
	entries := m.Select(*size)
	if fs.NArg() > 0 {
		want := map[string]bool{}
		for _, n := range fs.Args() {
			want[n] = true
		}
		var sel []models.Entry
		for _, e := range m.Select("all") {
			if want[e.Name] {
				sel = append(sel, e)
				delete(want, e.Name)
			}
		}
		for n := range want {
			fmt.Fprintf(os.Stderr, "modelcheck: no model named %q\n", n)
			return 2
		}
		entries = sel
	}
	c, err := pickChecker(*checker, *workers)
	if err != nil {
		fmt.Fprintln(os.Stderr, "modelcheck:", err)
		return 2
	}
	fmt.Printf("modelcheck: %d %s model(s) with %s (%d worker(s))\n", len(entries), *size, c.Name(), *workers)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "MODEL\tEXPECT\tRESULT\tDISTINCT\tDEPTH\tTIME\tVERDICT")
	failed := 0
	for _, e := range entries {
		ctx, cancel := context.WithTimeout(context.Background(), *timeout)
		fmt.Fprintf(os.Stderr, "modelcheck: checking %s (%s) ...\n", e.Name, e.Config)
		o := models.Check(ctx, c, *root, e)
		cancel()
		got := o.Result.Verdict
		if o.Result.Invariant != "" {
			got += " " + o.Result.Invariant
		}
		if o.Result.Temporal {
			got += " temporal (" + o.Lasso() + ")"
		}
		want := e.Expect
		if e.Invariant != "" {
			want += " " + e.Invariant
		}
		if e.Property != "" {
			want += " " + e.Property
		}
		verdict := "ok"
		if !o.OK() {
			failed++
			verdict = "MISMATCH: " + strings.Join(o.Diffs, "; ")
			if o.Err != nil {
				verdict = "ERROR: " + o.Err.Error()
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\t%s\n", e.Name, want, got, o.Result.Distinct, o.Result.Depth,
			o.Elapsed.Round(10*time.Millisecond), verdict)
		tw.Flush()
		if !o.OK() && *verbose {
			fmt.Println(o.Output)
		}
	}
	if failed > 0 {
		fmt.Printf("modelcheck: %d of %d model(s) disagree with the manifest\n", failed, len(entries))
		return 1
	}
	fmt.Printf("modelcheck: all %d model(s) match the manifest\n", len(entries))
	return 0
}

// pickChecker returns TLC (a java process) or gotlc (run in this process).
func pickChecker(kind string, workers int) (models.Checker, error) {
	jar := os.Getenv("TLA2TOOLS")
	_, javaErr := exec.LookPath("java")
	switch {
	case kind == "tlc" || (kind == "auto" && jar != "" && javaErr == nil):
		if jar == "" {
			return nil, fmt.Errorf("-checker tlc needs TLA2TOOLS to name tla2tools.jar")
		}
		if javaErr != nil {
			return nil, fmt.Errorf("-checker tlc needs java on PATH")
		}
		return models.TLC{Jar: jar, Workers: workers}, nil
	case kind == "gotlc" || kind == "auto":
		// The checker allocates many short-lived values; collecting less
		// often saves about a quarter of its CPU time (as cmd/gotlc does).
		debug.SetGCPercent(400)
		return models.Gotlc{Workers: workers}, nil
	}
	return nil, fmt.Errorf("unknown checker %q (want auto, tlc or gotlc)", kind)
}
