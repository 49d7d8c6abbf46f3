package conformance

import (
	"testing"

	"github.com/veralloc/veralloc/internal/models"
)

func TestModelWant(t *testing.T) {
	okModel := models.Entry{Expect: "success", Distinct: 10, Depth: 3}
	good := Summary{Verdict: Success, Distinct: 10, Depth: 3}
	if d := Diff(modelWant(okModel, good), good); len(d) != 0 {
		t.Errorf("matching success rejected: %v", d)
	}
	bad := good
	bad.Distinct = 11
	if d := Diff(modelWant(okModel, bad), bad); len(d) == 0 {
		t.Error("wrong distinct count accepted")
	}
	inv := models.Entry{Expect: "violation", Invariant: "Safe", Distinct: 5, Depth: 2}
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
	dead := Summary{Verdict: Deadlock, Exit: 11, Distinct: 5, Depth: 2, TraceLen: 2}
	if d := Diff(modelWant(inv, dead), dead); len(d) == 0 {
		t.Error("deadlock accepted where an invariant violation is recorded")
	}
	evalErr := Summary{Verdict: EvalError, Exit: 75, Distinct: 5, Depth: -1}
	if d := Diff(modelWant(inv, evalErr), evalErr); len(d) == 0 {
		t.Error("evaluation error accepted as a violation")
	}
}

// TestDiffGenerated: for a successful run the total of generated states
// must agree with the record (the counting corpus entry relies on it); at
// a violation it is not compared.
func TestDiffGenerated(t *testing.T) {
	g := int64(7)
	want := Expect{Verdict: Success, Generated: &g}.Summarize(nil)
	if d := Diff(want, Summary{Verdict: Success, Generated: 7, Distinct: -1, Depth: -1}); len(d) != 0 {
		t.Errorf("matching count rejected: %v", d)
	}
	if d := Diff(want, Summary{Verdict: Success, Generated: 3}); len(d) == 0 {
		t.Error("wrong generated count accepted")
	}
	inv := Expect{Verdict: Invariant, Exit: 12, Generated: &g}.Summarize(nil)
	if d := Diff(inv, Summary{Verdict: Invariant, Exit: 12, Generated: 3}); len(d) != 0 {
		t.Errorf("generated compared at a violation: %v", d)
	}
}
