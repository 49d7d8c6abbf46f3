package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A manifest written here: Select keeps the exhaustive searches of at most a
// minute and reads their record; needsLiveness tells the temporal property
// and the quantified fairness from the safety model.
func TestSelectAndClassify(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "specifications/A/manifest.json"), `{"modules": [
	 {"path": "specifications/A/A.tla", "models": [
	  {"path": "specifications/A/Safe.cfg", "runtime": "00:00:59", "mode": "exhaustive search", "result": "success", "distinctStates": 3, "totalStates": 5, "stateDepth": 2},
	  {"path": "specifications/A/Live.cfg", "runtime": "00:01:00", "mode": "exhaustive search", "result": "success"},
	  {"path": "specifications/A/Fair.cfg", "runtime": "00:00:01", "mode": "exhaustive search", "result": "safety failure"},
	  {"path": "specifications/A/Slow.cfg", "runtime": "00:01:01", "mode": "exhaustive search", "result": "success"},
	  {"path": "specifications/A/Sym.cfg", "runtime": "00:00:01", "mode": "symbolic", "result": "success"},
	  {"path": "specifications/A/Sim.cfg", "runtime": "00:00:01", "mode": {"simulate": {"traceCount": 100}}, "result": "success"},
	  {"path": "specifications/A/Unk.cfg", "runtime": "unknown", "mode": "exhaustive search", "result": "success"}]}]}`)
	write(t, filepath.Join(root, "specifications/A/A.tla"), `---- MODULE A ----
VARIABLE x
Init == x = <<>>
Next == x' = x
Spec == Init /\ [][Next]_x
FairSpec == Spec /\ \A p \in {1} : WF_x(Next)
Safety == [][Next]_x \* <> in a comment
Ev == Eventually
Eventually == <>(x = <<>>)
====`)
	write(t, filepath.Join(root, "specifications/A/Safe.cfg"), "SPECIFICATION Spec\nPROPERTY Safety\n")
	write(t, filepath.Join(root, "specifications/A/Live.cfg"), "SPECIFICATION Spec\nPROPERTIES Safety Ev\n")
	write(t, filepath.Join(root, "specifications/A/Fair.cfg"), "SPECIFICATION FairSpec\n")
	ms, err := Select(root, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Model{}
	for _, m := range ms {
		got[m.Name] = m
	}
	if len(ms) != 3 || got["A/Safe"].Name == "" || got["A/Live"].Name == "" || got["A/Fair"].Name == "" {
		t.Fatalf("selected %v, want A/Fair, A/Live, A/Safe", ms)
	}
	if s := got["A/Safe"]; s.Distinct != 3 || s.Total != 5 || s.Depth != 2 || s.Liveness {
		t.Errorf("A/Safe = %+v", s)
	}
	if l := got["A/Live"]; !l.Liveness || l.Distinct != -1 {
		t.Errorf("A/Live = %+v, want liveness and no counts", l)
	}
	if !got["A/Fair"].Liveness {
		t.Errorf("A/Fair: quantified fairness not classified as liveness")
	}
}

func TestOutputAndVerdict(t *testing.T) {
	out := []byte("Starting...\n1,234 states generated, 56 distinct states found, 0 states left on queue.\n" +
		"The depth of the complete state graph search is 7.\n")
	var o Outcome
	parseOutput(out, &o)
	o.Result = resultOfExit(0)
	if o.Total != 1234 || o.Distinct != 56 || o.Depth != 7 || o.FirstErr != "" {
		t.Fatalf("parsed %+v", o)
	}
	m := Model{Result: "success", Distinct: 56, Total: 1234, Depth: 7}
	if v := Verdict(m, o); v != "agree" {
		t.Errorf("verdict %s, want agree", v)
	}
	m.Depth = 8
	if v := Verdict(m, o); v != "depth" {
		t.Errorf("verdict %s, want depth", v)
	}
	m.Total = 1235
	if v := Verdict(m, o); v != "differ" {
		t.Errorf("verdict %s, want differ", v)
	}
	if v := Verdict(Model{Result: "safety failure", Distinct: -1, Total: -1, Depth: -1}, o); v != "differ" {
		t.Errorf("success against a recorded safety failure: %s", v)
	}

	parseOutput([]byte("gotlc\nError: Invariant Inv is violated.\nError: The behavior up to this point is:\n"), &o)
	if o.FirstErr != "Error: Invariant Inv is violated." {
		t.Errorf("first error %q", o.FirstErr)
	}
	o = Outcome{}
	parseOutput([]byte("/x/y/Functions.tla:173:53: expected an expression, found `+`\n"), &o)
	if c := Class(o.FirstErr); c != "Functions.tla: expected an expression, found `+`" {
		t.Errorf("class %q", c)
	}
	a := Class(`Error: x at line 3, col 4 to line 5, col 6 of module M is "foo" 12`)
	b := Class(`Error: x at line 9, col 1 to line 9, col 2 of module N is "bar" 7`)
	if a != b {
		t.Errorf("classes differ: %q, %q", a, b)
	}
}
