package linearize

import (
	"cmp"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
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

// randomBlockHistory is a history of n operations on block 0x40 (Allocs
// that return it, Frees that succeed or are refused) with random
// overlapping windows: most are not linearizable, many are.
func randomBlockHistory(r *rand.Rand, n int) []porcupine.Operation {
	var ops []porcupine.Operation
	t := int64(0)
	for i := 0; i < n; i++ {
		t += int64(r.IntN(4))
		call := t
		ret := call + 1 + int64(r.IntN(6))
		var op porcupine.Operation
		switch r.IntN(3) {
		case 0:
			op = porcupine.Operation{Input: spec.AllocInput{Heap: i}, Output: spec.AllocOutput{Block: 0x40}}
		case 1:
			op = porcupine.Operation{Input: spec.FreeInput{Heap: i, Block: 0x40}, Output: spec.FreeOutput{}}
		default:
			op = porcupine.Operation{Input: spec.FreeInput{Heap: i, Block: 0x40}, Output: spec.FreeOutput{Err: true}}
		}
		op.ClientId, op.Call, op.Return = i, call, ret
		ops = append(ops, op)
	}
	r.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	return ops
}

// The cut at quiescent points (checkBlock) decides exactly what Porcupine
// decides on the whole sub-history, on random single-block histories with
// overlapping operations; both verdicts occur in the sample.
func TestCheckBlockAgreesWithPorcupine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var yes, no, cut int
	for k := 0; k < 3000; k++ {
		h := randomBlockHistory(r, 2+r.IntN(12))
		want := porcupine.CheckOperations(plainModel, h)
		ops := append([]porcupine.Operation(nil), h...)
		SortByCall(ops)
		got := checkOps(ops)
		if (got == Linearizable) != want {
			t.Fatalf("history %d: checkBlock %v, porcupine linearizable=%v:\n%v", k, got, want, ops)
		}
		if want {
			yes++
		} else {
			no++
		}
		for i := 1; i < len(ops); i++ {
			if last := slices.MaxFunc(ops[:i], func(x, y porcupine.Operation) int { return cmp.Compare(x.Return, y.Return) }); ops[i].Call > last.Return && i < len(ops)-1 {
				cut++
				break
			}
		}
	}
	if yes < 100 || no < 100 || cut < 100 {
		t.Fatalf("sample too one-sided: %d linearizable, %d not, %d with a cut inside", yes, no, cut)
	}
	t.Logf("%d linearizable, %d not, %d cut", yes, no, cut)
}
