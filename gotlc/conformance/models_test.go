package conformance

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLoadModelsFormats(t *testing.T) {
	dir := t.TempDir()
	arr := `[{"spec":"tla/A.tla","config":"tla/A.cfg","expect":"success","distinct":10,"depth":3,"size":"ci"}]`
	obj := `{"models":` + arr + `}`
	for name, text := range map[string]string{"array": arr, "object": obj} {
		p := filepath.Join(dir, name+".json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		ms, err := LoadModels(p)
		if err != nil || len(ms) != 1 || *ms[0].Distinct != 10 || ms[0].Size != "ci" {
			t.Errorf("%s: %v %+v", name, err, ms)
		}
	}
	for name, text := range map[string]string{
		"empty":     `[]`,
		"badexpect": `[{"spec":"a","config":"b","expect":"maybe"}]`,
		"nospec":    `[{"config":"b","expect":"success"}]`,
		"notjson":   `{`,
		"emptywrap": `{"models":[]}`,
	} {
		p := filepath.Join(dir, name+".json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadModels(p); err == nil {
			t.Errorf("%s: accepted %s", name, text)
		}
	}
}

func TestModelWant(t *testing.T) {
	ten, three := int64(10), int64(3)
	okModel := Model{Expect: "success", Distinct: &ten, Depth: &three}
	good := Summary{Verdict: Success, Distinct: 10, Depth: 3}
	if d := Diff(modelWant(okModel, good), good); len(d) != 0 {
		t.Errorf("matching success rejected: %v", d)
	}
	bad := good
	bad.Distinct = 11
	if d := Diff(modelWant(okModel, bad), bad); len(d) == 0 {
		t.Error("wrong distinct count accepted")
	}
	inv := Model{Expect: "violation", Invariant: "Safe"}
	gotInv := Summary{Verdict: Invariant, Name: "Safe", Exit: 12, Distinct: 5, Depth: 2, TraceLen: 2, Final: State{"x": "1"}}
	if d := Diff(modelWant(inv, gotInv), gotInv); len(d) != 0 {
		t.Errorf("matching violation rejected: %v", d)
	}
	other := gotInv
	other.Name = "Other"
	if d := Diff(modelWant(inv, other), other); len(d) == 0 {
		t.Error("violation of the wrong invariant accepted")
	}
	if d := Diff(modelWant(inv, good), good); len(d) == 0 {
		t.Error("success accepted where a violation is recorded")
	}
	anyViolation := Model{Expect: "violation"}
	dead := Summary{Verdict: Deadlock, Exit: 11, Distinct: 4, Depth: 2, TraceLen: 2}
	if d := Diff(modelWant(anyViolation, dead), dead); len(d) != 0 {
		t.Errorf("deadlock rejected for a violation naming no invariant: %v", d)
	}
	evalErr := Summary{Verdict: EvalError, Exit: 75, Distinct: 1, Depth: -1}
	if d := Diff(modelWant(anyViolation, evalErr), evalErr); len(d) == 0 {
		t.Error("evaluation error accepted as a violation")
	}
}
