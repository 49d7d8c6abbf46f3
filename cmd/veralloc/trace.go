package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/tracecheck"
	"github.com/veralloc/veralloc/impl"
	"github.com/veralloc/veralloc/internal/repo"
)

func init() {
	register("trace", command{
		summary: "print the traceability matrix: spec action -> Go function -> tests -> times seen in a validated trace",
		run:     runTrace,
	})
}

// specAction is an action of tla/Allocator.tla's Next.
type specAction struct {
	Name      string
	Line      int    // line of its definition in the spec
	Composite bool   // a definition Next splits further (Refill = its steps)
	Mutant    string // non-empty: the action exists only for this seeded bug (its body requires Bug = "...")
}

// goFunc is a Go function carrying a "// spec: Allocator!X" marker.
type goFunc struct {
	Action string
	Name   string // e.g. (*Heap).refill
	File   string
	Line   int
}

// matrixRow is one line of the matrix.
type matrixRow struct {
	Action specAction
	Funcs  []goFunc
	Spec   []goFunc  // the Go copy of the spec's function for the action (spec/), if any
	Tests  []testRef // ranked, most direct first (matrix.go)
	Seen   int       // events in the validated trace (-1: no trace)
}

var markerRe = regexp.MustCompile(`^\s*//\s*spec:\s*(\w+)!(\w+)\s*$`)

// specActions lists the actions of Next in the spec at path: the leaf
// actions (what trace events name) and the definitions Next splits into
// them (Refill).
func specActions(path string) ([]specAction, error) {
	prog, err := syntax.Load(path)
	if err != nil {
		return nil, err
	}
	next := prog.Root.Def("Next")
	if next == nil {
		return nil, fmt.Errorf("%s: no Next", path)
	}
	var out []specAction
	seen := map[string]bool{}
	add := func(d *syntax.OpDef, composite bool) {
		if seen[d.Name] {
			return
		}
		seen[d.Name] = true
		out = append(out, specAction{Name: d.Name, Line: d.Span.Line, Composite: composite, Mutant: mutantOnly(d)})
	}
	// The leaves are Next's sub-actions (syntax.SplitNext, as coverage and
	// trace validation split it); the definitions split on the way to
	// them are the composites.
	for _, sa := range syntax.SplitNext(next) {
		if sa.Def == nil {
			continue
		}
		for _, v := range sa.Via {
			add(v, true)
		}
		add(sa.Def, false)
	}
	return out, nil
}

// mutantOnly returns the bug an action is reserved for: its body is a
// conjunction whose first item is Bug = "X" with X other than "none".
func mutantOnly(d *syntax.OpDef) string {
	b := d.Body
	for {
		p, ok := b.(*syntax.Paren)
		if !ok {
			break
		}
		b = p.X
	}
	j, ok := b.(*syntax.Junction)
	if !ok || j.Kind != syntax.And || len(j.Items) == 0 {
		return ""
	}
	eq, ok := j.Items[0].(*syntax.OpApp)
	if !ok || eq.Op.Kind != syntax.RefBuiltin || eq.Op.Builtin != syntax.BEq || len(eq.Args) != 2 {
		return ""
	}
	r, ok := eq.Args[0].(*syntax.Ref)
	lit, ok2 := eq.Args[1].(*syntax.StrLit)
	if !ok || !ok2 || r.Kind != syntax.RefConst || r.Name != "Bug" || lit.Value == "none" {
		return ""
	}
	return lit.Value
}

// funcName is the printed name of a declaration: f or (*T).m.
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	star := ""
	if s, ok := t.(*ast.StarExpr); ok {
		star, t = "*", s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return "(" + star + id.Name + ")." + fd.Name.Name
	}
	return fd.Name.Name
}

// markerProblem is a marker that is not where it should be.
type markerProblem struct {
	File string
	Line int
	Msg  string
}

// scanMarkers finds the spec markers in the non-test Go files of dir: each
// must be in the doc comment of a function and name module module.
func scanMarkers(dir, module string) ([]goFunc, []markerProblem, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, err
	}
	var funcs []goFunc
	var probs []markerProblem
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		onFunc := map[*ast.Comment]*ast.FuncDecl{}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Doc != nil {
				for _, c := range fd.Doc.List {
					onFunc[c] = fd
				}
			}
		}
		for _, cg := range af.Comments {
			for _, c := range cg.List {
				m := markerRe.FindStringSubmatch(c.Text)
				if m == nil {
					continue
				}
				pos := fset.Position(c.Pos())
				if m[1] != module {
					probs = append(probs, markerProblem{f, pos.Line, fmt.Sprintf("marker names module %s, not %s", m[1], module)})
					continue
				}
				fd := onFunc[c]
				if fd == nil {
					probs = append(probs, markerProblem{f, pos.Line, "marker for " + m[2] + " is not in a function's doc comment"})
					continue
				}
				funcs = append(funcs, goFunc{Action: m[2], Name: funcName(fd), File: f, Line: fset.Position(fd.Pos()).Line})
			}
		}
	}
	return funcs, probs, nil
}

// checkTraceability returns every way the spec's actions and the Go
// markers disagree: an action (other than a mutant-only one) without
// exactly one implementing function, a marker naming no action of Next.
func checkTraceability(acts []specAction, funcs []goFunc, probs []markerProblem) []string {
	var errs []string
	for _, p := range probs {
		errs = append(errs, fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg))
	}
	known := map[string]bool{}
	for _, a := range acts {
		known[a.Name] = true
	}
	byAction := map[string][]goFunc{}
	for _, f := range funcs {
		if !known[f.Action] {
			errs = append(errs, fmt.Sprintf("%s:%d: %s is marked as Allocator!%s, which is no action of Next", f.File, f.Line, f.Name, f.Action))
			continue
		}
		byAction[f.Action] = append(byAction[f.Action], f)
	}
	for _, a := range acts {
		n := len(byAction[a.Name])
		switch {
		case a.Mutant != "" && n > 0:
			errs = append(errs, fmt.Sprintf("action %s exists only for seeded bug %s, yet %s is marked as implementing it", a.Name, a.Mutant, byAction[a.Name][0].Name))
		case a.Mutant == "" && n == 0:
			errs = append(errs, fmt.Sprintf("action %s (tla/Allocator.tla:%d) has no Go function marked // spec: Allocator!%s", a.Name, a.Line, a.Name))
		case n > 1:
			var names []string
			for _, f := range byAction[a.Name] {
				names = append(names, f.Name)
			}
			errs = append(errs, fmt.Sprintf("action %s has %d implementing functions (%s), want one", a.Name, n, strings.Join(names, ", ")))
		}
	}
	return errs
}

// bareName is the function name a call resolves to: (*Heap).refill -> refill.
func bareName(n string) string {
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		return n[i+1:]
	}
	return n
}

// buildMatrix assembles the rows; counts may be nil (no validated trace).
func buildMatrix(root string, counts map[string]int) ([]matrixRow, []string, error) {
	acts, err := specActions(filepath.Join(root, "tla", "Allocator.tla"))
	if err != nil {
		return nil, nil, err
	}
	funcs, probs, err := scanMarkers(filepath.Join(root, "impl"), "Allocator")
	if err != nil {
		return nil, nil, err
	}
	problems := checkTraceability(acts, funcs, probs)
	// The Go copy of the spec marks its actions the same way; its markers
	// of other modules (AllocatorAbstract) are not this matrix's concern.
	specFuncs, _, err := scanMarkers(filepath.Join(root, "spec"), "Allocator")
	if err != nil {
		return nil, nil, err
	}
	g, err := scanTests(root)
	if err != nil {
		return nil, nil, err
	}
	var rows []matrixRow
	for _, a := range acts {
		r := matrixRow{Action: a, Seen: -1}
		var names []string
		r.Funcs, names = implementing(root, a.Name, "impl:", funcs, names)
		r.Spec, names = implementing(root, a.Name, "spec:", specFuncs, names)
		r.Tests = g.rankTests(a.Name, names)
		if counts != nil {
			r.Seen = counts[a.Name]
			if a.Composite { // Refill: its steps come in fours; count its splices
				r.Seen = counts["SpliceToSll"]
			}
		}
		rows = append(rows, r)
	}
	return rows, problems, nil
}

// implementing returns the functions of fs marked as implementing action,
// their files relative to root, and names with each one's bare name added
// after prefix (what rankTests looks for in test bodies).
func implementing(root, action, prefix string, fs []goFunc, names []string) ([]goFunc, []string) {
	var out []goFunc
	for _, f := range fs {
		if f.Action != action {
			continue
		}
		if rel, err := filepath.Rel(root, f.File); err == nil {
			f.File = rel
		}
		out = append(out, f)
		names = append(names, prefix+bareName(f.Name))
	}
	return out, names
}

// matrixTestsShown is how many tests a matrix row names (the rest are
// counted).
const matrixTestsShown = 8

// writeMatrix prints the matrix as Markdown; links are relative to the
// file's directory, which is rel from the repository root (e.g. "docs").
// Without counts (no row has Seen >= 0) the last column counts the tests
// per package instead: the committed docs/traceability.md holds nothing
// that changes from run to run.
func writeMatrix(w io.Writer, rows []matrixRow, problems []string, traceNote, rel string) {
	up := ""
	if rel = filepath.ToSlash(filepath.Clean(rel)); rel != "." {
		up = strings.Repeat("../", strings.Count(rel, "/")+1)
	}
	counts := false
	for _, r := range rows {
		counts = counts || r.Seen >= 0
	}
	fmt.Fprintln(w, "# Traceability matrix")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Generated by `go run ./cmd/veralloc trace -no-run -o docs/traceability.md` (`make trace`). Each")
	fmt.Fprintln(w, "action of `Next` in `tla/Allocator.tla` → the Go function marked `// spec: Allocator!<Action>`")
	fmt.Fprintln(w, "in `impl/` (and the Go copy of the spec's function in `spec/`, marked the same way) → the")
	fmt.Fprintln(w, "tests of `impl/`, `spec/` and `linearize/` from which one of those functions is")
	fmt.Fprintln(w, "reachable, most direct first: tests named after the action, then tests whose body calls the")
	fmt.Fprintln(w, "function, then the rest by call depth (a static scan of the Go files, calls resolved by name,")
	fmt.Fprintln(w, "so a test calling a method of the same name on another type counts too). `[faults]`,")
	fmt.Fprintln(w, "`[trace]`, `[race]` mark tests that need that build tag (`go test -tags faults`).")
	if counts {
		fmt.Fprintln(w, "The last column is the number of events of that action in a trace of a stress run that")
		fmt.Fprintln(w, "`gotlc -trace` validated against the spec (`make verify` shows it).")
	}
	fmt.Fprintln(w)
	if traceNote != "" {
		fmt.Fprintf(w, "Trace: %s\n\n", traceNote)
	}
	last := "tests per package"
	if counts {
		last = "events in validated trace"
	}
	fmt.Fprintf(w, "| spec action | Go function | tests, most direct first | %s |\n", last)
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, r := range rows {
		name := fmt.Sprintf("`%s` ([Allocator.tla:%d](%stla/Allocator.tla#L%d))", r.Action.Name, r.Action.Line, up, r.Action.Line)
		if r.Action.Composite {
			name += " — composite: its steps below"
		}
		var fs []string
		for _, f := range r.Funcs {
			fs = append(fs, fmt.Sprintf("`%s` ([%s:%d](%s%s#L%d))", f.Name, f.File, f.Line, up, filepath.ToSlash(f.File), f.Line))
		}
		fn := strings.Join(fs, "<br>")
		if r.Action.Mutant != "" {
			fn = fmt.Sprintf("none: exists only for seeded bug %s (its body requires `Bug = \"%s\"`); the faults build's %s drain (load, then store, in `(*Heap).drainRemote`) is what it models", r.Action.Mutant, r.Action.Mutant, r.Action.Mutant)
		} else if fn == "" {
			fn = "**MISSING**"
		}
		for _, f := range r.Spec {
			fn += fmt.Sprintf("<br>Go spec: `%s` ([%s:%d](%s%s#L%d))", f.Name, f.File, f.Line, up, filepath.ToSlash(f.File), f.Line)
		}
		tests := "—"
		if len(r.Tests) > 0 {
			var ts []string
			for k, t := range r.Tests {
				if k == matrixTestsShown {
					ts = append(ts, fmt.Sprintf("and %d more", len(r.Tests)-k))
					break
				}
				ts = append(ts, fmt.Sprintf("[`%s`](%s%s#L%d)", t, up, filepath.ToSlash(t.File), t.Line))
			}
			tests = strings.Join(ts, ", ")
		}
		col := perPackage(r.Tests)
		if counts {
			col = "—"
			if r.Seen >= 0 {
				col = fmt.Sprint(r.Seen)
				if r.Action.Composite {
					col += " (completed refills)"
				}
			}
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, fn, tests, col)
	}
	fmt.Fprintln(w)
	if len(problems) == 0 {
		fmt.Fprintln(w, "Every action of `Next` has exactly one implementing function (mutant-only actions none), and every marker names an action.")
	} else {
		fmt.Fprintln(w, "**Problems:**")
		for _, p := range problems {
			fmt.Fprintf(w, "- %s\n", p)
		}
	}
}

// tracedStressRun runs tracerun into file and returns its output. A binary
// built with -tags trace (and faults, when fault is set) runs it in this
// process (make verify is built so); any other builds cmd/veralloc with
// those tags first and runs that.
func tracedStressRun(root, file string, ops int, seed uint64, fault string) (string, error) {
	return tracedStressRunG(root, file, ops, seed, 0, 0, fault)
}

// tracedStressRunG is tracedStressRun with goroutines goroutines and local
// batches of remoteBatch blocks (Options.RemoteBatch, -1: none; 0 for
// either: tracerun's default). A file named *.vatrace gets the binary
// format.
func tracedStressRunG(root, file string, ops int, seed uint64, goroutines, remoteBatch int, fault string) (string, error) {
	bin := strings.HasSuffix(file, ".vatrace")
	if inProcessTrace(fault) {
		c := defaultTraceRun()
		c.Out, c.Ops, c.Seed, c.Fault, c.Binary = file, ops, seed, fault, bin
		if goroutines > 0 {
			c.Goroutines = goroutines
		}
		if remoteBatch != 0 {
			c.Options.RemoteBatch = remoteBatch
		}
		res, err := traceRun(c)
		if err != nil {
			return "", fmt.Errorf("tracerun: %v", err)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "trace: %s: %d events from %d operations in %.2fs (traced in this process)\n", res.File, res.Events, res.Ops, res.Seconds)
		for _, p := range res.Problems {
			fmt.Fprintf(&b, "problem: %s\n", p)
		}
		if len(res.Problems) > 0 && fault == "" {
			return b.String(), fmt.Errorf("tracerun: %s", res.Problems[0])
		}
		return b.String(), nil
	}
	tags := "trace"
	if fault != "" {
		tags = "trace,faults"
	}
	dir, err := os.MkdirTemp("", "veralloc-trace-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	exe := filepath.Join(dir, "veralloc-trace")
	build := exec.Command("go", "build", "-tags", tags, "-o", exe, "./cmd/veralloc")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build -tags %s ./cmd/veralloc: %v\n%s", tags, err, out)
	}
	args := []string{"tracerun", "-o", file, "-ops", fmt.Sprint(ops), "-seed", fmt.Sprint(seed)}
	if goroutines > 0 {
		args = append(args, "-goroutines", fmt.Sprint(goroutines))
	}
	if remoteBatch != 0 {
		args = append(args, "-remote-batch", fmt.Sprint(remoteBatch))
	}
	if bin {
		args = append(args, "-format", "binary")
	}
	if fault != "" {
		args = append(args, "-fault", fault)
	}
	cmd := exec.Command(exe, args...)
	out, err := cmd.CombinedOutput()
	if err != nil && fault == "" {
		return string(out), fmt.Errorf("tracerun: %v\n%s", err, out)
	}
	return string(out), nil
}

// inProcessTrace reports whether this binary can run a traced stress run
// with the seeded bug fault ("" for none) itself.
func inProcessTrace(fault string) bool {
	if !impl.TraceBuild {
		return false
	}
	if fault == "" {
		return true
	}
	if impl.EnableFault(fault) != nil { // a build without -tags faults
		return false
	}
	impl.DisableFaults()
	return true
}

func runTrace(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("veralloc trace", flag.ContinueOnError)
	fs.SetOutput(stderr)
	outFile := fs.String("o", "", "write the matrix to this file instead of standard output")
	traceFile := fs.String("trace", "", "count events in this trace (validated first) instead of running a traced stress run")
	ops := fs.Int("ops", 30000, "operations of the traced stress run")
	noRun := fs.Bool("no-run", false, "no trace: leave the last column empty")
	if code, ok := parseFlags(fs, stderr, args, `usage: veralloc trace [-o FILE] [-trace FILE | -ops N | -no-run]

Prints the traceability matrix (Markdown): each action of Next in tla/Allocator.tla, the
Go function of impl/ marked // spec: Allocator!<Action>, the impl tests that reach it
(static call scan, by name), and how often it occurs in a trace validated by gotlc -trace
(by default a stress run built with -tags trace). Exit 1 when an action lacks its
function, a marker names no action, or the trace does not validate.
`); !ok {
		return code
	}
	root, err := repo.Root()
	if err != nil {
		return fail(stderr, "trace", err)
	}
	code := 0
	var counts map[string]int
	note := ""
	if !*noRun {
		file := *traceFile
		if file == "" {
			tmp, err := os.CreateTemp("", "veralloc-*.ndjson")
			if err != nil {
				return fail(stderr, "trace", err)
			}
			tmp.Close()
			defer os.Remove(tmp.Name())
			file = tmp.Name()
			if _, err := tracedStressRun(root, file, *ops, 1, ""); err != nil {
				return fail(stderr, "trace", err)
			}
		}
		res, err := tracecheck.CheckFile(filepath.Join(root, "tla", "Allocator.tla"), file,
			tracecheck.Options{Config: filepath.Join(root, "tla", "Trace.cfg")})
		if err != nil {
			return fail(stderr, "trace", err)
		}
		if !res.OK() {
			res.Divergence.Report(stderr, file)
			note = fmt.Sprintf("the trace did NOT validate (line %d); counts are of the %d events before it", res.Divergence.Line, res.Events)
			code = 1
		} else if *traceFile != "" {
			note = fmt.Sprintf("%s, %d events, validated by gotlc -trace in %.2fs", *traceFile, res.Events, res.Elapsed.Seconds())
		} else {
			note = fmt.Sprintf("`veralloc tracerun -ops %d -seed 1` (4 goroutines, slabs of 8 blocks, batch 4, SllMax 4, LowWater 1), %d events, validated by gotlc -trace in %.2fs", *ops, res.Events, res.Elapsed.Seconds())
		}
		counts = res.PerAction
	}
	rows, problems, err := buildMatrix(root, counts)
	if err != nil {
		return fail(stderr, "trace", err)
	}
	var w io.Writer = stdout
	if *outFile != "" {
		f, err := os.Create(*outFile)
		if err != nil {
			return fail(stderr, "trace", err)
		}
		defer f.Close()
		w = f
	}
	rel := "."
	if *outFile != "" {
		if abs, err := filepath.Abs(filepath.Dir(*outFile)); err == nil {
			if r, err := filepath.Rel(root, abs); err == nil {
				rel = r
			}
		}
	}
	writeMatrix(w, rows, problems, note, rel)
	if *outFile != "" {
		fmt.Fprintf(stdout, "traceability matrix written to %s\n", *outFile)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(stderr, "trace: %s\n", p)
		}
		code = 1
	}
	return code
}
