// Command examplesweep runs gotlc on the small models of a checkout of
// tlaplus/Examples and compares each outcome with the TLC run recorded in the
// repository's manifests (specifications/*/manifest.json).
//
// A model is selected when its manifest entry is an "exhaustive search"
// whose recorded TLC runtime is at most a minute. gotlc runs it as the
// Examples CI runs TLC (tla_utils.check_model: the module, -config, -workers,
// -lncheck final, -cleanup, with the community modules and the TLAPS library
// on the path), except that -workers is always 1 so that the depth is
// TLC's single-worker depth. A model agrees when the result is the recorded
// one and, for the successes with recorded counts, the distinct and total
// states are too; the depth is compared and reported, but, as in the
// Examples CI, a different depth alone is listed, not counted as a failure
// (the recorded depths were taken with several workers).
//
// Usage (scripts/examples-sweep.sh wraps it):
//
//	examplesweep -examples DIR [-community DIR] [-tlaps DIR] [-gotlc BIN] [-j N] [-only a,b] [-v] [-failures]
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/veralloc/veralloc/gotlc/output"
)

// Model is one selected manifest entry.
type Model struct {
	Name     string // the .cfg path without "specifications/" and ".cfg"
	Module   string // the .tla path, relative to the Examples root
	Config   string // the .cfg path, relative to the Examples root
	Runtime  time.Duration
	Result   string // TLC's recorded result: success, safety failure, ...
	Distinct int64  // -1 when not recorded
	Total    int64
	Depth    int64
	Liveness bool // the model needs liveness checking (see needsLiveness)
}

type manifest struct {
	Modules []struct {
		Path   string `json:"path"`
		Models []struct {
			Path     string          `json:"path"`
			Runtime  string          `json:"runtime"`
			Mode     json.RawMessage `json:"mode"`
			Result   string          `json:"result"`
			Distinct *int64          `json:"distinctStates"`
			Total    *int64          `json:"totalStates"`
			Depth    *int64          `json:"stateDepth"`
		} `json:"models"`
	} `json:"modules"`
}

// parseRuntime reads the manifest's HH:MM:SS; "unknown" is not a runtime.
func parseRuntime(s string) (time.Duration, bool) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return 0, false
	}
	var d time.Duration
	for i, unit := range []time.Duration{time.Hour, time.Minute, time.Second} {
		n, err := strconv.Atoi(parts[i])
		if err != nil || n < 0 {
			return 0, false
		}
		d += time.Duration(n) * unit
	}
	return d, true
}

// Select reads every manifest under root/specifications and returns the
// exhaustive-search models whose recorded runtime is at most limit, sorted
// by name.
func Select(root string, limit time.Duration) ([]Model, error) {
	paths, err := filepath.Glob(filepath.Join(root, "specifications", "*", "manifest.json"))
	if err != nil {
		return nil, err
	}
	var out []Model
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var m manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %v", p, err)
		}
		for _, mod := range m.Modules {
			for _, mo := range mod.Models {
				var mode string
				if json.Unmarshal(mo.Mode, &mode) != nil || mode != "exhaustive search" {
					continue
				}
				rt, ok := parseRuntime(mo.Runtime)
				if !ok || rt > limit {
					continue
				}
				e := Model{
					Name:     strings.TrimSuffix(strings.TrimPrefix(mo.Path, "specifications/"), ".cfg"),
					Module:   mod.Path,
					Config:   mo.Path,
					Runtime:  rt,
					Result:   mo.Result,
					Distinct: -1, Total: -1, Depth: -1,
				}
				if mo.Distinct != nil {
					e.Distinct = *mo.Distinct
				}
				if mo.Total != nil {
					e.Total = *mo.Total
				}
				if mo.Depth != nil {
					e.Depth = *mo.Depth
				}
				e.Liveness = needsLiveness(root, e)
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Outcome is what one gotlc run gave.
type Outcome struct {
	Exit     int
	Result   string // in the manifest's words, or "exit N"
	Distinct int64
	Total    int64
	Depth    int64
	Elapsed  time.Duration
	TimedOut bool
	FirstErr string // the first error line of the output, for classification
}

// resultOfExit is the Examples CI's resolve_tlc_exit_code.
func resultOfExit(code int) string {
	switch code {
	case output.ExitOK:
		return "success"
	case output.ExitAssumption:
		return "assumption failure"
	case output.ExitDeadlock:
		return "deadlock failure"
	case output.ExitSafety:
		return "safety failure"
	case output.ExitProperty:
		return "liveness failure"
	}
	return "exit " + strconv.Itoa(code)
}

// parseOutput fills the counts (read by output.Parse, the project's one
// reader of TLC's text: gotlc runs here as a separate process, with a
// timeout) and the first error line from gotlc's output.
func parseOutput(out []byte, o *Outcome) {
	r := output.Parse(string(out), o.Exit)
	o.Distinct, o.Total, o.Depth = r.Distinct, r.Generated, r.Depth
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var prev string
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "Error:") && line != "Error: The behavior up to this point is:" {
			o.FirstErr = line
			// A parse error is printed as file:line:col: message, then
			// the source line and a caret; an error with nothing after
			// "Error:" is followed by its message.
			if line == "Error:" {
				if sc.Scan() {
					o.FirstErr = "Error: " + strings.TrimSpace(sc.Text())
				}
			}
			return
		}
		if o.FirstErr == "" && parseErrRE.MatchString(line) {
			o.FirstErr = line
			return
		}
		prev = line
	}
	_ = prev
}

var parseErrRE = regexp.MustCompile(`^\S+\.(tla|cfg):\d+:\d+: `)

// Class reduces a first error line to a blocker class: locations, numbers,
// paths and quoted text are replaced so that the same cause in different
// models counts once.
func Class(line string) string {
	if line == "" {
		return ""
	}
	s := line
	if m := parseErrRE.FindString(s); m != "" {
		s = filepath.Base(strings.SplitN(m, ":", 2)[0]) + ": " + s[len(m):]
	}
	s = locRE.ReplaceAllString(s, "LOC")
	s = inModuleRE.ReplaceAllString(s, "in module M")
	s = quotedRE.ReplaceAllString(s, `"…"`)
	s = numRE.ReplaceAllString(s, "N")
	if len(s) > 140 {
		s = s[:140] + "…"
	}
	return s
}

var (
	locRE      = regexp.MustCompile(`line \d+, col \d+ to line \d+, col \d+ of module \S+`)
	quotedRE   = regexp.MustCompile(`"[^"]*"`)
	inModuleRE = regexp.MustCompile(`in module \w+`)
	numRE      = regexp.MustCompile(`\b\d+\b`)
)

// Run runs gotlc on one model.
func Run(ctx context.Context, bin, root string, lib []string, m Model, timeout time.Duration) Outcome {
	args := []string{m.Module, "-config", m.Config, "-workers", "1", "-lncheck", "final", "-cleanup"}
	if len(lib) > 0 {
		args = append(args, "-lib", strings.Join(lib, string(os.PathListSeparator)))
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = root
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	start := time.Now()
	err := cmd.Run()
	o := Outcome{Elapsed: time.Since(start)}
	if ctx.Err() == context.DeadlineExceeded {
		o.TimedOut = true
		o.Result = "timeout"
		parseOutput(buf.Bytes(), &o)
		o.FirstErr = fmt.Sprintf("timeout after %s", timeout.Round(time.Second))
		return o
	}
	if ee, ok := err.(*exec.ExitError); ok {
		o.Exit = ee.ExitCode()
	} else if err != nil {
		o.Exit = -1
		o.FirstErr = "cannot run gotlc: " + err.Error()
	}
	o.Result = resultOfExit(o.Exit)
	parseOutput(buf.Bytes(), &o)
	return o
}

// Verdict compares an outcome with the record: "agree", "depth" (agrees
// except for the depth) or "differ".
func Verdict(m Model, o Outcome) string {
	if o.Result != m.Result {
		return "differ"
	}
	if m.Result == "success" {
		if (m.Distinct >= 0 && o.Distinct != m.Distinct) || (m.Total >= 0 && o.Total != m.Total) {
			return "differ"
		}
		if m.Depth >= 0 && o.Depth != m.Depth {
			return "depth"
		}
	}
	return "agree"
}

func num(n int64) string {
	if n < 0 {
		return "-"
	}
	return strconv.FormatInt(n, 10)
}

func main() {
	examples := flag.String("examples", "", "root of a tlaplus/Examples checkout")
	community := flag.String("community", "", "CommunityModules modules directory (passed with -lib)")
	tlaps := flag.String("tlaps", "", "TLAPS library directory (passed with -lib)")
	bin := flag.String("gotlc", "bin/gotlc", "the gotlc binary")
	jobs := flag.Int("j", 1, "models run at once")
	only := flag.String("only", "", "comma-separated model names (or substrings of them) to run; default all")
	limit := flag.Duration("limit", time.Minute, "largest recorded TLC runtime selected")
	factor := flag.Float64("timeout-factor", 3, "timeout per model as a multiple of TLC's recorded runtime")
	minTimeout := flag.Duration("min-timeout", 60*time.Second, "smallest timeout per model")
	list := flag.Bool("list", false, "only list the selected models: name, recorded runtime, result, liveness=, module, config (tab-separated)")
	failures := flag.Bool("failures", false, "print only the rows that do not agree")
	flag.Parse()
	if *examples == "" {
		fmt.Fprintln(os.Stderr, "examplesweep: -examples DIR is required")
		os.Exit(2)
	}
	root, err := filepath.Abs(*examples)
	if err != nil {
		fatal(err)
	}
	models, err := Select(root, *limit)
	if err != nil {
		fatal(err)
	}
	if *only != "" {
		var keep []Model
		for _, m := range models {
			for _, w := range strings.Split(*only, ",") {
				if w != "" && (m.Name == w || strings.Contains(m.Name, w)) {
					keep = append(keep, m)
					break
				}
			}
		}
		models = keep
	}
	if *list {
		for _, m := range models {
			fmt.Printf("%s\t%s\t%s\tliveness=%v\t%s\t%s\n", m.Name, m.Runtime, m.Result, m.Liveness, m.Module, m.Config)
		}
		fmt.Printf("%d models\n", len(models))
		return
	}
	gotlc, err := filepath.Abs(*bin)
	if err != nil {
		fatal(err)
	}
	var lib []string
	for _, d := range []string{*community, *tlaps} {
		if d != "" {
			a, err := filepath.Abs(d)
			if err != nil {
				fatal(err)
			}
			lib = append(lib, a)
		}
	}
	outs := make([]Outcome, len(models))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, *jobs))
	for i, m := range models {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t := time.Duration(float64(m.Runtime) * *factor)
			t = max(t, *minTimeout)
			outs[i] = Run(context.Background(), gotlc, root, lib, m, t)
			fmt.Fprintf(os.Stderr, "%-60s %-7s %6.1fs\n", m.Name, Verdict(m, outs[i]), outs[i].Elapsed.Seconds())
		}()
	}
	wg.Wait()
	report(os.Stdout, models, outs, *failures)
}

func report(w io.Writer, models []Model, outs []Outcome, onlyFailures bool) {
	fmt.Fprintln(w, "| model | live | TLC result | gotlc result | distinct TLC / gotlc | total TLC / gotlc | depth TLC / gotlc | TLC s | gotlc s | verdict | first error |")
	fmt.Fprintln(w, "|---|---|---|---|---:|---:|---:|---:|---:|---|---|")
	type tally struct{ n, agree, depth int }
	var all, safety, live tally
	classes := map[string]int{}
	for i, m := range models {
		o := outs[i]
		v := Verdict(m, o)
		for _, t := range []*tally{&all, map[bool]*tally{true: &live, false: &safety}[m.Liveness]} {
			t.n++
			switch v {
			case "agree":
				t.agree++
			case "depth":
				t.agree++
				t.depth++
			}
		}
		first := ""
		if v == "differ" {
			first = o.FirstErr
			if first == "" {
				first = fmt.Sprintf("(result %s, distinct %s, total %s)", o.Result, num(o.Distinct), num(o.Total))
			}
			classes[Class(first)]++
		}
		if onlyFailures && v == "agree" {
			continue
		}
		lv := ""
		if m.Liveness {
			lv = "yes"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s / %s | %s / %s | %s / %s | %d | %.1f | %s | %s |\n",
			m.Name, lv, m.Result, o.Result, num(m.Distinct), num(o.Distinct), num(m.Total), num(o.Total),
			num(m.Depth), num(o.Depth), int(m.Runtime.Seconds()), o.Elapsed.Seconds(), v,
			strings.ReplaceAll(first, "|", `\|`))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "agree: %d of %d models (%d of %d that need no liveness checking, %d of %d that do); %d of the agreeing differ only in depth\n",
		all.agree, all.n, safety.agree, safety.n, live.agree, live.n, all.depth)
	type kv struct {
		k string
		n int
	}
	var cs []kv
	for k, n := range classes {
		cs = append(cs, kv{k, n})
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].n != cs[j].n {
			return cs[i].n > cs[j].n
		}
		return cs[i].k < cs[j].k
	})
	if len(cs) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "| models | blocker (first error line, normalised) |")
		fmt.Fprintln(w, "|---:|---|")
		for _, c := range cs {
			fmt.Fprintf(w, "| %d | %s |\n", c.n, strings.ReplaceAll(c.k, "|", `\|`))
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "examplesweep:", err)
	os.Exit(2)
}

// needsLiveness tells, from the text of the model's .cfg and the .tla files
// of its directory, whether checking it needs liveness checking: a PROPERTY
// that reaches (through the definitions of those files) a temporal operator
// TLC checks by liveness (<>, ~>, WF_, SF_, \AA, \EE, -+->), or a
// SPECIFICATION whose fairness conjunct is quantified (\A p \in S : WF_...),
// which TLC also checks by its liveness machinery. It is a textual
// over-approximation meant only to split the table.
func needsLiveness(root string, m Model) bool {
	data, err := os.ReadFile(filepath.Join(root, m.Config))
	if err != nil {
		return false
	}
	cfgText := stripComments(string(data))
	props := cfgSection(cfgText, "PROPERTY", "PROPERTIES")
	specs := cfgSection(cfgText, "SPECIFICATION")
	if len(props) == 0 && len(specs) == 0 {
		return false
	}
	defs := map[string]string{}
	files, _ := filepath.Glob(filepath.Join(root, filepath.Dir(m.Config), "*.tla"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for name, body := range definitions(stripComments(string(data))) {
			defs[name] += "\n" + body
		}
	}
	closure := func(names []string) string {
		var b strings.Builder
		seen := map[string]bool{}
		var visit func(string)
		visit = func(n string) {
			if seen[n] {
				return
			}
			seen[n] = true
			body, ok := defs[n]
			if !ok {
				return
			}
			b.WriteString(body)
			b.WriteByte('\n')
			for _, id := range identRE.FindAllString(body, -1) {
				visit(id)
			}
		}
		for _, n := range names {
			visit(n)
		}
		return b.String()
	}
	if p := closure(props); temporalRE.MatchString(strings.NewReplacer("<<", " ", ">>", " ").Replace(p)) {
		return true
	}
	return quantFairRE.MatchString(closure(specs))
}

var (
	identRE     = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	temporalRE  = regexp.MustCompile(`<>|~>|\bWF_|\bSF_|\\AA\b|\\EE\b|-\+->`)
	quantFairRE = regexp.MustCompile(`\\A[^:=]*:\s*\(?\s*(WF|SF)_`)
	defHeadRE   = regexp.MustCompile(`^(?:LOCAL\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\([^)]*\)|\[[^\]]*\])?\s*==`)
)

// stripComments removes \* line comments and (* *) block comments.
func stripComments(s string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(s); i++ {
		switch {
		case depth == 0 && strings.HasPrefix(s[i:], `\*`):
			for i < len(s) && s[i] != '\n' {
				i++
			}
			if i < len(s) {
				b.WriteByte('\n')
			}
		case strings.HasPrefix(s[i:], "(*"):
			depth++
			i++
		case depth > 0 && strings.HasPrefix(s[i:], "*)"):
			depth--
			i++
		case depth > 0:
			if s[i] == '\n' {
				b.WriteByte('\n')
			}
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// cfgSection returns the names listed after any of the given cfg keywords.
func cfgSection(text string, keywords ...string) []string {
	kw := map[string]bool{}
	for _, k := range keywords {
		kw[k] = true
	}
	sections := map[string]bool{"CONSTANT": true, "CONSTANTS": true, "INIT": true, "NEXT": true,
		"SPECIFICATION": true, "INVARIANT": true, "INVARIANTS": true, "PROPERTY": true, "PROPERTIES": true,
		"CONSTRAINT": true, "CONSTRAINTS": true, "ACTION_CONSTRAINT": true, "ACTION_CONSTRAINTS": true,
		"SYMMETRY": true, "VIEW": true, "CHECK_DEADLOCK": true, "POSTCONDITION": true, "ALIAS": true}
	var out []string
	in := false
	for _, w := range strings.Fields(text) {
		if sections[w] {
			in = kw[w]
			continue
		}
		if in {
			out = append(out, w)
		}
	}
	return out
}

// definitions splits a module's text (comments removed) into its top-level
// definitions: a line starting at column 0 with "Name ==", "Name(...) ==" or
// "Name[...] ==" opens one, which runs to the next such line.
func definitions(text string) map[string]string {
	out := map[string]string{}
	cur := ""
	var body strings.Builder
	flush := func() {
		if cur != "" {
			out[cur] += body.String()
		}
		body.Reset()
	}
	for _, line := range strings.Split(text, "\n") {
		if m := defHeadRE.FindStringSubmatch(line); m != nil {
			flush()
			cur = m[1]
			body.WriteString(line[len(m[0]):])
			body.WriteByte('\n')
			continue
		}
		if len(line) > 0 && line[0] != ' ' && line[0] != '\t' {
			// VARIABLE, CONSTANT, THEOREM, a separator ...: ends the definition.
			flush()
			cur = ""
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	flush()
	return out
}
