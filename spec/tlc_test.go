package spec

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDriftTLC compares the Go machine with real TLC: TLC's -dump of every
// distinct state of tla/MCAllocator.tla + MCAllocator.cfg, and the Go
// machine's states printed by State.Vars, must be the same set of states.
// TLC's values are compared as text, after undoing TLC's line breaking
// (whitespace runs become one space; no space after an opening or before a
// closing bracket), so this also checks that State.String prints values
// exactly as TLC does.
//
// It needs TLC: set TLA2TOOLS to tla2tools.jar (java on PATH), or set
// VERALLOC_TLC_DUMP to a dump TLC already wrote for this model.
func TestDriftTLC(t *testing.T) {
	t.Parallel()
	dump := os.Getenv("VERALLOC_TLC_DUMP")
	if dump == "" {
		jar := os.Getenv("TLA2TOOLS")
		if jar == "" {
			t.Skip("TLA2TOOLS is not set (path to tla2tools.jar): skipping the comparison with real TLC")
		}
		if testing.Short() {
			t.Skip("-short: runs TLC")
		}
		dump = runTLCDump(t, jar)
	}
	tlc, err := readTLCDump(dump)
	if err != nil {
		t.Fatal(err)
	}
	goSet := map[string]bool{}
	var first []string
	ci := ciModel()
	r := ci.r
	for _, st := range ci.states {
		k := strings.Join(st.Vars(), "\n")
		goSet[k] = true
		if _, ok := tlc[k]; !ok && len(first) < 1 {
			first = append(first, st.String())
		}
	}
	onlyTLC := 0
	var firstTLC string
	for k := range tlc {
		if !goSet[k] {
			onlyTLC++
			if firstTLC == "" {
				firstTLC = k
			}
		}
	}
	onlyGo := 0
	for k := range goSet {
		if _, ok := tlc[k]; !ok {
			onlyGo++
		}
	}
	t.Logf("TLC dump: %d states; Go machine: %d distinct, depth %d", len(tlc), r.Distinct, r.Depth)
	if onlyTLC+onlyGo > 0 {
		t.Errorf("%d states only in TLC's dump, %d only in the Go machine", onlyTLC, onlyGo)
		if firstTLC != "" {
			lines := strings.Split(firstTLC, "\n")
			for i := range lines {
				lines[i] = "/\\ " + VarNames[i] + " = " + lines[i]
			}
			t.Errorf("first TLC-only state:\n%s", strings.Join(lines, "\n"))
		}
		if len(first) > 0 {
			t.Errorf("first Go-only state:\n%s", first[0])
		}
	}
	if len(tlc) != 26282 || r.Distinct != 26282 {
		t.Errorf("TLC dumped %d states, the Go machine found %d; want 26282", len(tlc), r.Distinct)
	}
}

// runTLCDump runs TLC on a copy of tla/ and returns the path of its dump.
func runTLCDump(t *testing.T, jar string) string {
	t.Helper()
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join("..", "tla", "*.tla"))
	files = append(files, filepath.Join("..", "tla", "MCAllocator.cfg"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("java", "-XX:+UseSerialGC", "-cp", jar, "tlc2.TLC", "-workers", "1",
		"-metadir", filepath.Join(dir, "states"), "-dump", filepath.Join(dir, "dump"),
		"-config", "MCAllocator.cfg", "MCAllocator.tla")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No error has been found") {
		t.Fatalf("TLC failed (%v):\n%s", err, out)
	}
	return filepath.Join(dir, "dump.dump")
}

// readTLCDump reads the states of a TLC -dump file: each state as its
// variables' values, normalised, joined by newlines in VarNames order.
func readTLCDump(path string) (map[string]bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	vars := map[string]*strings.Builder{}
	var cur *strings.Builder
	line := 0
	flush := func() error {
		if len(vars) == 0 {
			return nil
		}
		vals := make([]string, len(VarNames))
		for i, n := range VarNames {
			b, ok := vars[n]
			if !ok {
				return fmt.Errorf("%s:%d: a state without variable %s", path, line, n)
			}
			vals[i] = normaliseTLC(b.String())
		}
		if len(vars) != len(VarNames) {
			return fmt.Errorf("%s:%d: a state with %d variables, want %d", path, line, len(vars), len(VarNames))
		}
		out[strings.Join(vals, "\n")] = true
		vars = map[string]*strings.Builder{}
		cur = nil
		return nil
	}
	for sc.Scan() {
		line++
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "State ") && strings.HasSuffix(l, ":"):
			if err := flush(); err != nil {
				return nil, err
			}
		case strings.HasPrefix(l, "/\\ "):
			name, val, ok := strings.Cut(l[3:], " = ")
			if !ok {
				return nil, fmt.Errorf("%s:%d: cannot read %q", path, line, l)
			}
			cur = &strings.Builder{}
			cur.WriteString(val)
			vars[name] = cur
		case strings.TrimSpace(l) == "":
		default:
			if cur == nil {
				return nil, fmt.Errorf("%s:%d: unexpected line %q", path, line, l)
			}
			cur.WriteByte(' ')
			cur.WriteString(l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// normaliseTLC undoes TLC's pretty-printing of a value: whitespace runs
// become one space, and brackets lose the padding TLC adds when it breaks a
// value over lines.
func normaliseTLC(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, open := range []string{"(", "{", "[", "<<"} {
		s = strings.ReplaceAll(s, open+" ", open)
	}
	for _, cl := range []string{")", "}", "]", ">>"} {
		s = strings.ReplaceAll(s, " "+cl, cl)
	}
	return s
}
