package check

import (
	"bytes"
	"io"
	"sync"
)

// Print and PrintT output in TLC's order. TLC with one worker prints, for
// each state it expands, what the generation of its successors prints,
// and right after each new successor is found what its invariants print.
// The search generates a batch's successors in parallel and checks the
// new states' invariants afterwards, so each expansion and each new
// state's check writes to a buffer of its own (the expansion recording,
// per successor, how much it had printed when the successor was emitted),
// and the merge writes the buffers out in TLC's order, up to the state
// where the search stops. The output is therefore the same for any
// -workers.

// printPos is where, in the output of the batch's expansions, a new state
// was found: after the first off bytes of exps[ex].prints.
type printPos struct {
	ex, off int
}

// printBufs are the buffers expansions print into (reused).
var printBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// batchPrinter writes a batch's output in TLC's order.
type batchPrinter struct {
	w    io.Writer
	exps []expansion
	ex   int // next output to write: exps[ex].prints[off:]
	off  int
}

// upTo writes the expansions' output up to position p.
func (b *batchPrinter) upTo(p printPos) {
	for b.ex < p.ex {
		b.w.Write(b.exps[b.ex].prints[b.off:])
		b.ex, b.off = b.ex+1, 0
	}
	if b.ex == p.ex && p.off > b.off {
		b.w.Write(b.exps[b.ex].prints[b.off:p.off])
		b.off = p.off
	}
}

// writePrints writes out what the batch printed, in TLC's order: the
// expansions' output up to end (the position where the merge stopped),
// with the invariants' output of each new state (invOut, indexed as at)
// after the output that preceded the state's generation; when stopAt >= 0
// (the new state whose invariant was violated, or could not be evaluated)
// it stops after that state's invariants' output.
func (c *checker) writePrints(exps []expansion, at []printPos, invOut [][]byte, end printPos, stopAt int) {
	if c.m.Prog == nil || c.m.Prog.Out == nil {
		return
	}
	printed := invOut != nil
	for i := range exps {
		if i > end.ex {
			break
		}
		if len(exps[i].prints) > 0 {
			printed = true
			break
		}
	}
	if !printed {
		return
	}
	b := &batchPrinter{w: c.m.Prog.Out, exps: exps}
	for k, p := range at {
		b.upTo(p)
		if invOut != nil {
			b.w.Write(invOut[k])
		}
		if k == stopAt {
			return
		}
	}
	b.upTo(end)
}

// lastPrints is the output of the batch's last expansion (nil if none).
func lastPrints(exps []expansion) []byte {
	if len(exps) == 0 {
		return nil
	}
	return exps[len(exps)-1].prints
}
