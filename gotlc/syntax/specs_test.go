package syntax

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tlaFiles returns the .tla files under dir (recursively), or nil when dir
// does not exist.
func tlaFiles(t *testing.T, dir string) []string {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".tla") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("walking %s: %v", dir, err)
	}
	return out
}

// TestProjectSpecs loads every module under tla/ and proofs/ (proofs extend
// the specs in tla/, so tla/ is on the library path). The directories may be
// empty; every file present must load.
func TestProjectSpecs(t *testing.T) {
	lib, _ := filepath.Abs("../../tla")
	n := 0
	for _, dir := range []string{"../../tla", "../../proofs"} {
		for _, f := range tlaFiles(t, dir) {
			n++
			p, err := LoadWithOptions(f, Options{Library: []string{lib}})
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			if len(p.Root.Units) == 0 {
				t.Errorf("%s: empty module", f)
			}
		}
	}
	t.Logf("loaded %d project modules", n)
}

// TestOwnSpecs loads the specs under testdata/specs and checks a few facts
// about each.
func TestOwnSpecs(t *testing.T) {
	files := tlaFiles(t, "testdata/specs")
	if len(files) < 4 {
		t.Fatalf("expected the testdata specs, found %v", files)
	}
	for _, f := range files {
		if _, err := Load(f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	p, err := Load("testdata/specs/instances/TwoChannels.tla")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Vars) != 3 || p.Vars[0].Name != "in" || p.Vars[2].Index != 2 {
		t.Errorf("vars: %v", p.Vars)
	}
	if len(p.Order) != 2 || p.Order[0].Name != "Channel" || p.Root.Name != "TwoChannels" {
		t.Errorf("order: %v", p.Order)
	}
	// The Channel variable is substituted, not a state variable.
	if ch := p.Modules["Channel"]; ch.Variables[0].Index != -1 {
		t.Errorf("Channel!chan index %d, want -1", ch.Variables[0].Index)
	}
	got := SexprResolved(p.Root.Def("BufSend").Body)
	want := `(/\| (#:builtin buf:var (tuple)) (Chan!Send:def@Chan (Head:builtin buf:var)) (=:builtin (':builtin buf:var) (Tail:builtin buf:var)) (UNCHANGED:builtin in:var))`
	if got != want {
		t.Errorf("BufSend:\n got %s\nwant %s", got, want)
	}
}

// TestCorpusSpecs loads the root modules of the conformance corpus
// (gotlc/testdata/corpus/*/expect.json): a parse_error entry must fail to
// load, every other one must load.
func TestCorpusSpecs(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/corpus/*")
	n := 0
	for _, dir := range dirs {
		raw, err := os.ReadFile(filepath.Join(dir, "expect.json"))
		if err != nil {
			continue
		}
		type entry struct{ Spec, Verdict string }
		var es []entry
		if err := json.Unmarshal(raw, &es); err != nil {
			var e entry
			if err := json.Unmarshal(raw, &e); err != nil {
				t.Errorf("%s: expect.json: %v", dir, err)
				continue
			}
			es = []entry{e}
		}
		for _, e := range es {
			if e.Spec == "" {
				continue
			}
			n++
			f := filepath.Join(dir, e.Spec)
			_, err := Load(f)
			switch {
			case e.Verdict == "parse_error" && err == nil:
				t.Errorf("%s: loaded, but TLC reports a parse error", f)
			case e.Verdict != "parse_error" && err != nil:
				t.Errorf("%s: %v", f, err)
			}
		}
	}
	t.Logf("checked %d corpus entries", n)
}

// CRLF line endings and a byte-order mark before the module are accepted;
// positions and error lines are unaffected.
func TestCRLFAndBOM(t *testing.T) {
	src := "\ufeff---- MODULE C ----\r\nEXTENDS Naturals\r\nA == /\\ 1 = 1\r\n     /\\ 2 = 2\r\nB == A +\r\n====\r\n"
	_, err := LoadSource("C.tla", []byte(src), nil)
	want := "C.tla:6:1: expected an expression, found `====` (end of module)\n    ====\n    ^"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	ok := strings.Replace(src, "B == A +\r\n", "B == A\r\n", 1)
	p, err := LoadSource("C.tla", []byte(ok), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := Sexpr(p.Root.Def("A").Body); got != `(/\| (= 1 1) (= 2 2))` {
		t.Errorf("A: %s", got)
	}
}
