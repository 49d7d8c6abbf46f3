package linearize

import (
	"fmt"

	"github.com/anishathalye/porcupine"
	"github.com/veralloc/veralloc/spec"
)

// VisualizeSample writes Porcupine's view of a sample of a history (also a
// linearizable one) to path: whole per-block sub-histories
// (spec.PartitionOperations), in the order each block first appears, until
// adding the next would exceed maxOps operations. The abstract model checks
// each block's sub-history on its own, so the sample is checked exactly as
// in the full history; only the drawing is smaller. It returns how many
// blocks and operations the sample holds.
func VisualizeSample(history []porcupine.Operation, maxOps int, path string) (blocks, ops int, err error) {
	var sample []porcupine.Operation
	for _, p := range spec.PartitionOperations(history) {
		if len(sample)+len(p) > maxOps && len(sample) > 0 {
			break
		}
		sample = append(sample, p...)
		blocks++
	}
	if len(sample) == 0 {
		return 0, 0, fmt.Errorf("an empty history")
	}
	return blocks, len(sample), visualize(sample, path)
}
