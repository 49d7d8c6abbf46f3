package eval

import (
	"fmt"
	"io"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Print and PrintT write to the context's output buffer when it has one
// (SetOutput), else to the Program's Out. The search gives every state it
// expands, and every new state whose invariants it checks, a buffer of its
// own, and writes the buffers out in the order TLC with one worker would
// have printed them (the successors' generation interleaved with the
// invariants of each new successor), whatever -workers.

// SetOutput makes Print and PrintT evaluated in c write to w.
func (c *Ctx) SetOutput(w io.Writer) { c.out = w }

// compilePrint compiles Print(out, val) (TLC prints out, two spaces, val,
// and returns val) and PrintT(out) (prints out, returns TRUE).
func (p *Program) compilePrint(b syntax.Builtin, args []syntax.Expr, s *scope) fn {
	fs := p.compileList(args, s)
	return func(c *Ctx, e *env) value.Value {
		x := fs[0](c, e)
		line := value.String(x)
		res := value.Value(value.True)
		if b == syntax.BPrint {
			res = fs[1](c, e)
			line += "  " + value.String(res)
		}
		w := c.out
		if w == nil {
			w = p.Out
		}
		fmt.Fprintln(w, line)
		return res
	}
}
