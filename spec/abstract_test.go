package spec

import (
	"testing"

	"github.com/anishathalye/porcupine"
)

// op builds an operation of client c over the closed interval [call, ret].
func allocOp(c int, call, ret int64, block uintptr, err bool) porcupine.Operation {
	return porcupine.Operation{ClientId: c, Input: AllocInput{Heap: c, Size: 16},
		Output: AllocOutput{Block: block, Err: err}, Call: call, Return: ret}
}

func freeOp(c int, call, ret int64, block uintptr, err bool) porcupine.Operation {
	return porcupine.Operation{ClientId: c, Input: FreeInput{Heap: c, Block: block},
		Output: FreeOutput{Err: err}, Call: call, Return: ret}
}

// toEvents turns operations into a call/return event history ordered by time
// (calls before returns at equal times, as the intervals are closed).
func toEvents(ops []porcupine.Operation) []porcupine.Event {
	type ev struct {
		t    int64
		ret  bool
		id   int
		op   porcupine.Operation
		kind porcupine.EventKind
	}
	var evs []ev
	for i, o := range ops {
		evs = append(evs, ev{o.Call, false, i, o, porcupine.CallEvent}, ev{o.Return, true, i, o, porcupine.ReturnEvent})
	}
	for i := 1; i < len(evs); i++ { // insertion sort: stable and small
		for j := i; j > 0; j-- {
			a, b := evs[j-1], evs[j]
			if a.t > b.t || (a.t == b.t && a.ret && !b.ret) {
				evs[j-1], evs[j] = b, a
			}
		}
	}
	out := make([]porcupine.Event, len(evs))
	for i, e := range evs {
		v := e.op.Input
		if e.ret {
			v = e.op.Output
		}
		out[i] = porcupine.Event{ClientId: e.op.ClientId, Kind: e.kind, Value: v, Id: e.id}
	}
	return out
}

func TestAbstractHistories(t *testing.T) {
	const a, b = uintptr(0x1000), uintptr(0x2000)
	cases := []struct {
		name string
		ops  []porcupine.Operation
		want bool
	}{
		{"empty", nil, true},
		{"alloc free alloc same block", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), freeOp(0, 2, 3, a, false), allocOp(1, 4, 5, a, false)}, true},
		{"double alloc without free", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), allocOp(1, 2, 3, a, false)}, false},
		{"overlapping double alloc without free", []porcupine.Operation{
			allocOp(0, 0, 3, a, false), allocOp(1, 1, 2, a, false)}, false},
		{"free before alloc succeeds", []porcupine.Operation{
			freeOp(0, 0, 1, a, false), allocOp(1, 2, 3, a, false)}, false},
		{"free before alloc refused", []porcupine.Operation{
			freeOp(0, 0, 1, a, true), allocOp(1, 2, 3, a, false)}, true},
		{"double free both succeed", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), freeOp(0, 2, 3, a, false), freeOp(1, 4, 5, a, false)}, false},
		{"double free second refused", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), freeOp(0, 2, 3, a, false), freeOp(1, 4, 5, a, true)}, true},
		{"concurrent double free, one refused", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), freeOp(0, 2, 5, a, true), freeOp(1, 3, 4, a, false)}, true},
		{"free of a block in use refused", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), freeOp(1, 2, 3, a, true)}, false},
		{"alloc error is a no-op", []porcupine.Operation{
			allocOp(0, 0, 1, 0, true), allocOp(0, 2, 3, a, false), allocOp(1, 4, 5, 0, true)}, true},
		{"alloc of nil without error", []porcupine.Operation{
			allocOp(0, 0, 1, 0, false)}, false},
		{"remote free overlapping a re-alloc", []porcupine.Operation{
			// h0 allocates a; h1 frees it while h0 allocates again and gets a back:
			// legal because the free may take effect first.
			allocOp(0, 0, 1, a, false), freeOp(1, 2, 5, a, false), allocOp(0, 3, 6, a, false)}, true},
		{"re-alloc that returned before the free began", []porcupine.Operation{
			allocOp(0, 0, 1, a, false), allocOp(0, 2, 3, a, false), freeOp(1, 4, 5, a, false)}, false},
		{"two blocks interleaved", []porcupine.Operation{
			allocOp(0, 0, 2, a, false), allocOp(1, 1, 3, b, false), freeOp(1, 4, 6, a, false),
			freeOp(0, 5, 7, b, false), allocOp(0, 8, 9, b, false)}, true},
		{"bad block among good ones", []porcupine.Operation{
			allocOp(0, 0, 2, a, false), allocOp(1, 1, 3, b, false), allocOp(0, 4, 5, b, false)}, false},
		{"unknown operation type", []porcupine.Operation{
			{Input: "x", Output: "y", Call: 0, Return: 1}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := porcupine.CheckOperations(AbstractModel, c.ops); got != c.want {
				t.Errorf("CheckOperations = %v, want %v", got, c.want)
			}
			if got := porcupine.CheckEvents(AbstractModel, toEvents(c.ops)); got != c.want {
				t.Errorf("CheckEvents = %v, want %v", got, c.want)
			}
			// The same verdict without partitioning: the partitions are sound.
			whole := AbstractModel
			whole.Partition, whole.PartitionEvent = nil, nil
			if got := porcupine.CheckOperations(whole, c.ops); got != c.want {
				t.Errorf("CheckOperations unpartitioned = %v, want %v", got, c.want)
			}
		})
	}
}

func TestAbstractStep(t *testing.T) {
	s := AbstractInit()
	ok, s1 := AbstractStep(s, AllocInput{}, AllocOutput{Block: 8})
	if !ok || !s1.Contains(8) || s.Contains(8) {
		t.Fatalf("alloc: ok=%v s1=%v s=%v (the old state must not change)", ok, s1, s)
	}
	if ok, _ := AbstractStep(s1, AllocInput{}, AllocOutput{Block: 8}); ok {
		t.Fatal("alloc of a block in use accepted")
	}
	if ok, _ := AbstractStep(s1, AllocInput{}, FreeOutput{}); ok {
		t.Fatal("alloc with a free output accepted")
	}
	ok, s2 := AbstractStep(s1, FreeInput{Block: 8}, FreeOutput{})
	if !ok || s2.Contains(8) || !s1.Contains(8) {
		t.Fatalf("free: ok=%v s2=%v s1=%v", ok, s2, s1)
	}
	if got := AbstractModel.DescribeState(AbstractState{0x10, 0x20}); got != "{0x10, 0x20}" {
		t.Errorf("DescribeState = %q", got)
	}
	if got := DescribeOperation(AllocInput{Heap: 1, Size: 16}, AllocOutput{Block: 0x10}); got != "h1.Alloc(16) -> 0x10" {
		t.Errorf("DescribeOperation = %q", got)
	}
	if got := DescribeOperation(FreeInput{Heap: 0, Block: 0x10}, FreeOutput{Err: true}); got != "h0.Free(0x10) -> error" {
		t.Errorf("DescribeOperation = %q", got)
	}
}

func TestPartitionByBlock(t *testing.T) {
	ops := []porcupine.Operation{
		allocOp(0, 0, 1, 0x10, false), allocOp(1, 0, 1, 0, true), allocOp(1, 0, 2, 0x20, false),
		freeOp(0, 3, 4, 0x10, false), freeOp(1, 3, 4, 0x30, true),
	}
	parts := PartitionOperations(ops)
	if len(parts) != 3 || len(parts[0]) != 2 || len(parts[1]) != 1 || len(parts[2]) != 1 {
		t.Fatalf("partitions = %v", parts)
	}
	eparts := PartitionEvents(toEvents(ops))
	if len(eparts) != 3 {
		t.Fatalf("event partitions = %d, want 3", len(eparts))
	}
	n := 0
	for _, p := range eparts {
		n += len(p)
	}
	if n != 8 { // 4 operations with a block, a call and a return each
		t.Fatalf("event partitions hold %d events, want 8", n)
	}
}
