package linearize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/veralloc/veralloc/spec"
)

// hardHistory is a history no linearization exists for, built so that the
// search must try very many orders: 31 Allocs of one block and 29
// successful Frees of it, all concurrent.
func hardHistory() []porcupine.Operation {
	var ops []porcupine.Operation
	for i := 0; i < 31; i++ {
		ops = append(ops, porcupine.Operation{ClientId: i, Input: spec.AllocInput{Heap: i, Size: 16},
			Output: spec.AllocOutput{Block: 0x1000}, Call: int64(i), Return: 1000})
	}
	for i := 0; i < 29; i++ {
		ops = append(ops, porcupine.Operation{ClientId: 31 + i, Input: spec.FreeInput{Heap: 31 + i, Block: 0x1000},
			Output: spec.FreeOutput{}, Call: int64(100 + i), Return: 1000})
	}
	return ops
}

// A timeout is Unknown, never a pass (cmd/veralloc's lincheck turns it into exit 3).
func TestCheckTimeoutIsUnknown(t *testing.T) {
	res := Check(hardHistory(), 50*time.Millisecond, "")
	if res.Verdict != Unknown {
		t.Fatalf("verdict %v, want unknown", res.Verdict)
	}
	if res.Verdict.String() == "linearizable" {
		t.Fatal("unknown prints as linearizable")
	}
	r := &Result{Run: &Run{}, Check: res}
	if r.OK() {
		t.Fatal("an unknown verdict is OK")
	}
	var sb strings.Builder
	r.Report(&sb)
	if !strings.Contains(sb.String(), "verdict: unknown") || !strings.Contains(sb.String(), "result: FAIL") {
		t.Fatalf("report:\n%s", sb.String())
	}
}

// A block handed out twice is NOT linearizable; the failing block, its
// shortest failing prefix and the visualization are reported.
func TestCheckNotLinearizable(t *testing.T) {
	op := func(c int, in, out any, call, ret int64) porcupine.Operation {
		return porcupine.Operation{ClientId: c, Input: in, Output: out, Call: call, Return: ret}
	}
	hist := []porcupine.Operation{
		op(0, spec.AllocInput{Heap: 0, Size: 16}, spec.AllocOutput{Block: 0x10}, 1, 2),
		op(1, spec.AllocInput{Heap: 1, Size: 16}, spec.AllocOutput{Block: 0x20}, 3, 4),
		op(1, spec.AllocInput{Heap: 1, Size: 16}, spec.AllocOutput{Block: 0x10}, 5, 6), // 0x10 is still in use
		op(0, spec.FreeInput{Heap: 0, Block: 0x10}, spec.FreeOutput{}, 7, 8),
		op(1, spec.FreeInput{Heap: 1, Block: 0x20}, spec.FreeOutput{}, 9, 10),
	}
	path := filepath.Join(t.TempDir(), "sub", "fail.html")
	res := Check(hist, time.Minute, path)
	if res.Verdict != NotLinearizable || len(res.Bad) != 1 || res.Bad[0].Block != 0x10 || len(res.Bad[0].Ops) != 2 {
		t.Fatalf("%+v", res)
	}
	if res.HTML != path {
		t.Fatalf("visualization not written: %v", res.VisualizeErr)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "<html") {
		t.Fatalf("visualization: %v", err)
	}
	d := strings.Join(res.Bad[0].Describe(6), "\n")
	if !strings.Contains(d, "h1.Alloc(16) -> 0x10") {
		t.Fatalf("describe:\n%s", d)
	}
	// The same history without the second Alloc is linearizable.
	ok := Check(append(append([]porcupine.Operation{}, hist[:2]...), hist[3:]...), time.Minute, "")
	if ok.Verdict != Linearizable {
		t.Fatalf("verdict %v", ok.Verdict)
	}
}
