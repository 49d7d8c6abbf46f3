package spec

import (
	"fmt"
	"slices"
	"strings"

	"github.com/anishathalye/porcupine"
)

// This file is the sequential specification of veralloc, the module
// AllocatorAbstract of tla/AllocatorAbstract.tla, written as a Porcupine model.
//
//	VARIABLE InUse                              -- AbstractState: the set of blocks in the users' hands
//	Alloc == \E b \in Blocks \ InUse : InUse' = InUse \cup {b}
//	Free  == \E b \in InUse : InUse' = InUse \ {b}
//
// A history records the operations of the implementation (impl.Heap.Alloc and
// impl.Heap.Free) with their real results, so the model also has to say which
// error results are legal:
//
//   - Alloc that returns a block (Err false) is the abstract Alloc: legal iff
//     the block is non-zero and not in use; the block enters InUse.
//   - Alloc that returns an error (Err true, out of memory or a closed heap) is a
//     legal no-op in every state: the abstract spec has as many blocks as memory
//     allows, and the history cannot tell how much that is.
//   - Free that succeeds (Err false) is the abstract Free: legal iff the block
//     is in use; the block leaves InUse.
//   - Free that fails (Err true) is legal iff the block is NOT in use, and it
//     leaves the state unchanged: the implementation must refuse a double free,
//     a free of a block never handed out, or a foreign address, and it must never
//     refuse a block that is in use.
//
// Blocks are identified by their address. Per block the state is just "in use
// or not", and the operations on different blocks commute, so a history is
// linearizable iff its sub-history on each block is (P-compositionality):
// Partition and PartitionEvent split a history by block. An Alloc that failed
// mentions no block; it is a no-op in every state, so the partitions leave it
// out.

// AllocInput is the input of an Alloc operation: the heap that ran it (an index
// chosen by the recorder; it does not change the abstract state) and the size
// asked for (informational).
type AllocInput struct {
	Heap int
	Size int
}

// AllocOutput is the result of an Alloc: the address of the block handed out,
// or Err when the allocator returned an error (then Block is ignored).
type AllocOutput struct {
	Block uintptr
	Err   bool
}

// FreeInput is the input of a Free operation: the heap that ran it and the
// address of the block given back.
type FreeInput struct {
	Heap  int
	Block uintptr
}

// FreeOutput is the result of a Free: Err when the allocator refused the block.
type FreeOutput struct {
	Err bool
}

// AbstractState is the value of InUse: the addresses of the blocks in the
// users' hands, sorted ascending, without duplicates. A value is never mutated
// after it is built (Porcupine needs pure steps); Step returns a new one.
type AbstractState []uintptr

// Contains reports whether block b is in use.
func (s AbstractState) Contains(b uintptr) bool {
	_, ok := slices.BinarySearch(s, b)
	return ok
}

func (s AbstractState) with(b uintptr) AbstractState {
	i, _ := slices.BinarySearch(s, b)
	out := make(AbstractState, 0, len(s)+1)
	out = append(out, s[:i]...)
	out = append(out, b)
	return append(out, s[i:]...)
}

func (s AbstractState) without(b uintptr) AbstractState {
	i, ok := slices.BinarySearch(s, b)
	if !ok {
		return s
	}
	out := make(AbstractState, 0, len(s)-1)
	out = append(out, s[:i]...)
	return append(out, s[i+1:]...)
}

// String renders the state like TLC prints a set: {0x10, 0x20}.
func (s AbstractState) String() string {
	parts := make([]string, len(s))
	for i, b := range s {
		parts[i] = fmt.Sprintf("%#x", b)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// AbstractInit is Init == InUse = {}.
func AbstractInit() AbstractState { return AbstractState{} }

// AbstractStep is one step of the abstract allocator for an operation with the
// given input and output: whether the step is legal in state s, and the next
// state. Unknown input or output types are illegal steps.
func AbstractStep(s AbstractState, input, output any) (bool, AbstractState) {
	switch in := input.(type) {
	case AllocInput:
		out, ok := output.(AllocOutput)
		if !ok {
			return false, s
		}
		if out.Err {
			return true, s // out of memory / closed heap: a legal no-op
		}
		return abstractAlloc(s, out.Block)
	case FreeInput:
		out, ok := output.(FreeOutput)
		if !ok {
			return false, s
		}
		if out.Err {
			return !s.Contains(in.Block), s // refusing is right only for a block not in use
		}
		return abstractFree(s, in.Block)
	}
	return false, s
}

// abstractAlloc: block b, not in use, passes into the user's hands.
//
// spec: AllocatorAbstract!Alloc
func abstractAlloc(s AbstractState, b uintptr) (bool, AbstractState) {
	if b == 0 || s.Contains(b) {
		return false, s
	}
	return true, s.with(b)
}

// abstractFree: block b, in use, is given back.
//
// spec: AllocatorAbstract!Free
func abstractFree(s AbstractState, b uintptr) (bool, AbstractState) {
	if !s.Contains(b) {
		return false, s
	}
	return true, s.without(b)
}

// DescribeOperation renders one operation, e.g. "h1.Alloc(16) -> 0xc000010000"
// or "h0.Free(0xc000010000) -> error".
func DescribeOperation(input, output any) string {
	switch in := input.(type) {
	case AllocInput:
		out, _ := output.(AllocOutput)
		if out.Err {
			return fmt.Sprintf("h%d.Alloc(%d) -> error", in.Heap, in.Size)
		}
		return fmt.Sprintf("h%d.Alloc(%d) -> %#x", in.Heap, in.Size, out.Block)
	case FreeInput:
		out, _ := output.(FreeOutput)
		if out.Err {
			return fmt.Sprintf("h%d.Free(%#x) -> error", in.Heap, in.Block)
		}
		return fmt.Sprintf("h%d.Free(%#x) -> ok", in.Heap, in.Block)
	}
	return fmt.Sprintf("unknown operation %T -> %T", input, output)
}

// OpBlock is the block an operation is about, and false for an operation that
// mentions no block (a failed Alloc) or is not an allocator operation.
func OpBlock(input, output any) (uintptr, bool) { return opBlock(input, output) }

// opBlock is OpBlock.
func opBlock(input, output any) (uintptr, bool) {
	switch in := input.(type) {
	case AllocInput:
		out, ok := output.(AllocOutput)
		if !ok || out.Err {
			return 0, false
		}
		return out.Block, true
	case FreeInput:
		return in.Block, true
	}
	return 0, false
}

// failedAlloc reports whether an operation is an Alloc that returned an error.
func failedAlloc(input, output any) bool {
	_, isAlloc := input.(AllocInput)
	out, ok := output.(AllocOutput)
	return isAlloc && ok && out.Err
}

// PartitionOperations splits a history into one sub-history per block, in the
// order each block first appears. Failed Allocs (legal no-ops) are left out.
// Operations of unknown type are kept together in a partition of their own so
// that the checker still sees (and rejects) them.
func PartitionOperations(history []porcupine.Operation) [][]porcupine.Operation {
	idx := PartitionIndices(history)
	out := make([][]porcupine.Operation, len(idx))
	for i, ix := range idx {
		out[i] = make([]porcupine.Operation, len(ix))
		for k, j := range ix {
			out[i][k] = history[j]
		}
	}
	return out
}

// PartitionIndices is PartitionOperations as indices into history (which
// a checker of a long history can sort and walk without copying
// operations).
func PartitionIndices(history []porcupine.Operation) [][]int32 {
	var p partitions[int32]
	for j, op := range history {
		if failedAlloc(op.Input, op.Output) {
			continue
		}
		b, ok := opBlock(op.Input, op.Output)
		if !ok {
			p.unknown = append(p.unknown, int32(j))
			continue
		}
		i := p.of(b)
		p.parts[i] = append(p.parts[i], int32(j))
	}
	return p.result()
}

// partitions collects the per-block sub-histories of PartitionOperations
// and PartitionEvents: one partition a block, in the order the blocks first
// appear, and the unknown operations in a last one of their own.
type partitions[T any] struct {
	index   map[uintptr]int
	parts   [][]T
	unknown []T
}

// of returns the index of block b's partition, adding it if b is new.
func (p *partitions[T]) of(b uintptr) int {
	i, seen := p.index[b]
	if !seen {
		if p.index == nil {
			p.index = map[uintptr]int{}
		}
		i = len(p.parts)
		p.index[b] = i
		p.parts = append(p.parts, nil)
	}
	return i
}

func (p *partitions[T]) result() [][]T {
	if len(p.unknown) > 0 {
		return append(p.parts, p.unknown)
	}
	return p.parts
}

// PartitionEvents is PartitionOperations for a history of call and return
// events: a call and its return (matched by Id) go to the partition of the
// block the operation is about. An Alloc's block is known from its return.
// Calls without a return are left out (Porcupine needs complete histories).
func PartitionEvents(history []porcupine.Event) [][]porcupine.Event {
	calls := map[int]any{}
	outs := map[int]any{}
	for _, e := range history {
		if e.Kind == porcupine.CallEvent {
			calls[e.Id] = e.Value
		} else {
			outs[e.Id] = e.Value
		}
	}
	const drop, other = -1, -2
	key := map[int]int{} // event id -> partition index, drop or other
	var p partitions[porcupine.Event]
	for _, e := range history {
		k, done := key[e.Id]
		if !done {
			in, out := calls[e.Id], outs[e.Id]
			_, hasOut := outs[e.Id]
			_, hasIn := calls[e.Id]
			switch {
			case !hasIn || !hasOut:
				k = drop
			default:
				if failedAlloc(in, out) {
					k = drop
					break
				}
				b, ok := opBlock(in, out)
				if !ok {
					k = other
					break
				}
				k = p.of(b)
			}
			key[e.Id] = k
		}
		switch k {
		case drop:
		case other:
			p.unknown = append(p.unknown, e)
		default:
			p.parts[k] = append(p.parts[k], e)
		}
	}
	return p.result()
}

func hashState(s AbstractState) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range s {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return h
}

// AbstractModel is AllocatorAbstract as a Porcupine model. States are
// AbstractState values; inputs are AllocInput or FreeInput; outputs are
// AllocOutput or FreeOutput (see the top of this file for which results are
// legal). Histories are partitioned per block.
var AbstractModel = porcupine.Model{
	Partition:      PartitionOperations,
	PartitionEvent: PartitionEvents,
	Init:           func() any { return AbstractInit() },
	Step: func(state, input, output any) (bool, any) {
		return AbstractStep(state.(AbstractState), input, output)
	},
	Equal: func(a, b any) bool {
		return slices.Equal(a.(AbstractState), b.(AbstractState))
	},
	Hash:              func(s any) uint64 { return hashState(s.(AbstractState)) },
	DescribeOperation: DescribeOperation,
	DescribeState:     func(s any) string { return s.(AbstractState).String() },
}
