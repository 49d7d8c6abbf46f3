package linearize

import (
	"fmt"
	"os"
	"path/filepath"
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
	Elapsed    time.Duration // time Porcupine took
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
		if porcupine.CheckOperations(spec.AbstractModel, ops[:mid]) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if porcupine.CheckOperations(spec.AbstractModel, ops[:hi]) {
		return ops
	}
	return ops[:hi]
}

// Check decides whether history is linearizable with respect to
// spec.AbstractModel, giving Porcupine at most timeout (0: no limit). When
// it is not and htmlPath is not "", the failing blocks' sub-histories are
// written to htmlPath as Porcupine's visualization (the whole history of
// a long run would make a page no browser opens).
func Check(history []porcupine.Operation, timeout time.Duration, htmlPath string) CheckResult {
	res := CheckResult{Operations: len(history)}
	parts := spec.PartitionOperations(history)
	res.Blocks = len(parts)
	start := time.Now()
	// The model's own partition, computed once: Porcupine would compute
	// it again from the history.
	model := spec.AbstractModel
	model.Partition = func([]porcupine.Operation) [][]porcupine.Operation { return parts }
	switch porcupine.CheckOperationsTimeout(model, history, timeout) {
	case porcupine.Ok:
		res.Verdict = Linearizable
	case porcupine.Illegal:
		res.Verdict = NotLinearizable
	default:
		res.Verdict = Unknown
	}
	res.Elapsed = time.Since(start)
	if res.Verdict != NotLinearizable {
		return res
	}
	var bad []porcupine.Operation
	for _, p := range parts {
		if len(res.Bad) == 8 {
			break
		}
		if porcupine.CheckOperations(spec.AbstractModel, p) {
			continue
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
