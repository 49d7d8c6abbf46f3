package linearize

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/anishathalye/porcupine"
	"github.com/veralloc/veralloc/spec"
)

// Verdict is the outcome of a linearizability check.
type Verdict int

const (
	// Linearizable: Porcupine found a linearization of every per-block
	// sub-history within the time allowed.
	Linearizable Verdict = iota
	// NotLinearizable: some block's sub-history has no linearization.
	NotLinearizable
	// Unknown: the check timed out before deciding. Never a pass.
	Unknown
)

func (v Verdict) String() string {
	switch v {
	case Linearizable:
		return "linearizable"
	case NotLinearizable:
		return "NOT linearizable"
	}
	return "unknown (timed out)"
}

// CheckResult is what Check found.
type CheckResult struct {
	Verdict    Verdict
	Operations int           // operations checked
	Blocks     int           // per-block sub-histories (Porcupine partitions)
	Elapsed    time.Duration // time the check took (partition and search)
	// Bad lists, when NotLinearizable, the blocks whose sub-history has no
	// linearization (at most 8), as found by checking each on its own.
	Bad []BadBlock
	// HTML is the path of the visualization written for a failure ("" if
	// none was written), VisualizeErr why writing it failed.
	HTML         string
	VisualizeErr error
}

// BadBlock is one block whose sub-history is not linearizable.
type BadBlock struct {
	Block uintptr
	// Ops is the shortest prefix (in call order) of the block's
	// sub-history that is already not linearizable; its last operation is
	// the first one no linearization can accommodate.
	Ops   []porcupine.Operation
	Total int // operations in the block's whole sub-history
}

// shortestFailingPrefix sorts a non-linearizable sub-history by call time
// and returns its shortest prefix that is still not linearizable (binary
// search; the result is always verified to fail).
func shortestFailingPrefix(p []porcupine.Operation) []porcupine.Operation {
	ops := append([]porcupine.Operation(nil), p...)
	SortByCall(ops)
	lo, hi := 1, len(ops) // ops[:hi] fails
	for lo < hi {
		mid := (lo + hi) / 2
		if checkOps(ops[:mid]) == Linearizable {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if checkOps(ops[:hi]) == Linearizable {
		return ops
	}
	return ops[:hi]
}

// plainModel is spec.AbstractModel without its partition: checkBlock hands
// Porcupine one segment of one block's sub-history at a time.
var plainModel = func() porcupine.Model {
	m := spec.AbstractModel
	m.Partition, m.PartitionEvent = nil, nil
	return m
}()

// checkOps decides one block's sub-history ops, sorted by call time.
func checkOps(ops []porcupine.Operation) Verdict {
	idx := make([]int32, len(ops))
	for i := range idx {
		idx[i] = int32(i)
	}
	return checkBlock(ops, idx, time.Time{})
}

// checkBlock decides one block's sub-history, the operations h[idx[0]],
// h[idx[1]], ... sorted by call time, with the deadline (zero: none).
//
// The sub-history is cut at its quiescent points: before an operation
// called after every earlier operation (in call order) has returned. Every
// linearization orders the operations before a cut before those after it
// (real-time order), so the sub-history is linearizable iff each segment
// is, each from the state the segments before it leave. That state is
// determined: per block the abstract state is "in use or not", a legal
// sequence alternates successful Allocs and Frees of the block (refused
// Frees and failed Allocs change nothing), so after a linearizable segment
// the block is in use iff it was in use before plus the segment's
// successful Allocs minus its successful Frees is 1, whatever the order.
// A segment of one operation is one spec.AbstractStep; a longer one (the
// operations overlap in time) goes to Porcupine, preceded, when the block
// is in use, by an Alloc of it that returned before the segment began. So
// the search Porcupine does stays within the overlapping operations, where
// on the whole sub-history of a block used 100 000 times its cache of
// linearized sets grows with the square of the history.
func checkBlock(h []porcupine.Operation, idx []int32, deadline time.Time) Verdict {
	if len(idx) == 0 {
		return Linearizable
	}
	// The deadline holds for the blocks decided without Porcupine too: a
	// check past its time limit is Unknown, never a pass.
	if !deadline.IsZero() && !time.Now().Before(deadline) {
		return Unknown
	}
	segment := func(idx []int32) []porcupine.Operation {
		ops := make([]porcupine.Operation, 0, len(idx)+1)
		for _, i := range idx {
			ops = append(ops, h[i])
		}
		return ops
	}
	b, known := spec.OpBlock(h[idx[0]].Input, h[idx[0]].Output)
	if !known {
		// The partition of operations of unknown type: Porcupine decides
		// (and rejects) it whole.
		return porcupineVerdict(segment(idx), deadline)
	}
	free, held := spec.AbstractState{}, spec.AbstractState{b}
	inUse := false
	for i, n := 0, 0; i < len(idx); n++ {
		j, last := i+1, h[idx[i]].Return
		for j < len(idx) && h[idx[j]].Call <= last {
			last = max(last, h[idx[j]].Return)
			j++
		}
		if j == i+1 {
			op := &h[idx[i]]
			st := free
			if inUse {
				st = held
			}
			ok, next := spec.AbstractStep(st, op.Input, op.Output)
			if !ok {
				return NotLinearizable
			}
			inUse = next.Contains(b)
		} else {
			seg := segment(idx[i:j])
			if inUse {
				first := seg[0].Call
				seg = append([]porcupine.Operation{{ClientId: -1, Input: spec.AllocInput{Heap: -1},
					Output: spec.AllocOutput{Block: b}, Call: first - 2, Return: first - 1}}, seg...)
			}
			if v := porcupineVerdict(seg, deadline); v != Linearizable {
				return v
			}
			k := 0 // the synthetic Alloc, if any, counts the block in use
			for _, op := range seg {
				switch out := op.Output.(type) {
				case spec.AllocOutput:
					if !out.Err {
						k++
					}
				case spec.FreeOutput:
					if !out.Err {
						k--
					}
				}
			}
			inUse = k == 1
		}
		i = j
		if n%256 == 255 && !deadline.IsZero() && time.Now().After(deadline) {
			return Unknown
		}
	}
	return Linearizable
}

// byCall sorts the indices idx of operations of h by call time (sorting
// indices: swapping whole operations, which hold interfaces, costs write
// barriers).
func byCall(h []porcupine.Operation, idx []int32) {
	less := func(i, j int32) int { return cmp.Compare(h[i].Call, h[j].Call) }
	if !slices.IsSortedFunc(idx, less) {
		slices.SortStableFunc(idx, less)
	}
}

// porcupineVerdict is Porcupine's verdict on ops (one partition) within
// the deadline (zero: none).
func porcupineVerdict(ops []porcupine.Operation, deadline time.Time) Verdict {
	var timeout time.Duration
	if !deadline.IsZero() {
		if timeout = time.Until(deadline); timeout <= 0 {
			return Unknown
		}
	}
	switch porcupine.CheckOperationsTimeout(plainModel, ops, timeout) {
	case porcupine.Ok:
		return Linearizable
	case porcupine.Illegal:
		return NotLinearizable
	}
	return Unknown
}

// checkParts decides every per-block sub-history of parts, in parallel on
// GOMAXPROCS workers, within timeout (0: no limit). It returns the verdict
// and, when NotLinearizable, the indices of the failing parts found (the
// workers stop at the first).
func checkParts(h []porcupine.Operation, parts [][]int32, timeout time.Duration) (Verdict, []int) {
	var deadline time.Time
	if timeout > 0 {
		deadline = time.Now().Add(timeout)
	}
	var (
		next    atomic.Int64
		stop    atomic.Bool
		mu      sync.Mutex
		unknown bool
		bad     []int
		wg      sync.WaitGroup
	)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(parts) {
					return
				}
				byCall(h, parts[i])
				switch checkBlock(h, parts[i], deadline) {
				case NotLinearizable:
					mu.Lock()
					bad = append(bad, i)
					mu.Unlock()
					stop.Store(true)
				case Unknown:
					mu.Lock()
					unknown = true
					mu.Unlock()
					stop.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	switch {
	case len(bad) > 0:
		sort.Ints(bad)
		return NotLinearizable, bad
	case unknown:
		return Unknown, nil
	}
	return Linearizable, nil
}

// Check decides whether history is linearizable with respect to
// spec.AbstractModel, giving Porcupine at most timeout (0: no limit). When
// it is not and htmlPath is not "", the failing blocks' sub-histories are
// written to htmlPath as Porcupine's visualization (the whole history of
// a long run would make a page no browser opens).
func Check(history []porcupine.Operation, timeout time.Duration, htmlPath string) CheckResult {
	res := CheckResult{Operations: len(history)}
	start := time.Now()
	parts := spec.PartitionIndices(history)
	res.Blocks = len(parts)
	verdict, failing := checkParts(history, parts, timeout)
	res.Verdict = verdict
	res.Elapsed = time.Since(start)
	if res.Verdict != NotLinearizable {
		return res
	}
	// The failing blocks the workers found, then (up to 8) any others.
	order := failing
	for i := range parts {
		if !slices.Contains(failing, i) {
			order = append(order, i)
		}
	}
	var bad []porcupine.Operation
	for _, i := range order {
		if len(res.Bad) == 8 {
			break
		}
		byCall(history, parts[i])
		if checkBlock(history, parts[i], time.Time{}) == Linearizable {
			continue
		}
		p := make([]porcupine.Operation, len(parts[i]))
		for k, j := range parts[i] {
			p[k] = history[j]
		}
		ops := shortestFailingPrefix(p)
		bb := BadBlock{Ops: ops, Total: len(p)}
		if in, ok := ops[0].Input.(spec.FreeInput); ok {
			bb.Block = in.Block
		} else if out, ok := ops[0].Output.(spec.AllocOutput); ok {
			bb.Block = out.Block
		}
		res.Bad = append(res.Bad, bb)
		bad = append(bad, ops...)
	}
	if htmlPath != "" && len(bad) > 0 {
		res.VisualizeErr = visualize(bad, htmlPath)
		if res.VisualizeErr == nil {
			res.HTML = htmlPath
		}
	}
	return res
}

// visualize writes Porcupine's HTML view of ops to path (a failing
// prefix, or VisualizeSample's sample of a linearizable history).
func visualize(ops []porcupine.Operation, path string) error {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	_, info := porcupine.CheckOperationsVerbose(spec.AbstractModel, ops, time.Minute)
	if err := porcupine.VisualizePath(spec.AbstractModel, info, path); err != nil {
		return fmt.Errorf("writing the visualization %s: %w", path, err)
	}
	return nil
}

// Describe renders the last max operations of a bad block's failing
// prefix, one a line with its call and return times.
func (b BadBlock) Describe(max int) []string {
	var out []string
	ops := b.Ops
	if len(ops) > max {
		out = append(out, fmt.Sprintf("... %d earlier operations", len(ops)-max))
		ops = ops[len(ops)-max:]
	}
	for _, op := range ops {
		ret := fmt.Sprint(op.Return)
		if op.Return == 1<<63-1 {
			ret = "never (panicked)"
		}
		out = append(out, fmt.Sprintf("[%d, %s] %s  (%v)", op.Call, ret,
			spec.DescribeOperation(op.Input, op.Output), op.Metadata))
	}
	return out
}
