package check

import (
	"bytes"
	"strings"
	"testing"
)

// TestPrintOrder: PrintT output in TLC's order. TLC 2.20 printed these
// lines for testdata/PrintOrder (java tlc2.TLC -workers 1): each initial
// state's invariant right after the state is found.
func TestPrintOrder(t *testing.T) {
	const tlc = `<<"init", 0>>|<<"inv", 0>>|<<"init", 1>>|<<"inv", 1>>|<<"next", 0>>|<<"next", 1>>|<<"inv", 2>>|<<"next", 2>>|<<"inv", 3>>`
	for _, workers := range []int{1, 2} {
		m := build(t, "PrintOrder", "PrintOrder")
		var out bytes.Buffer
		m.Prog.Out = &out
		if r := Check(m, Options{Workers: workers}); r.Verdict != Success {
			t.Fatalf("workers %d: %v %v", workers, r.Verdict, r.Err)
		}
		got := strings.Join(strings.Split(strings.TrimSpace(out.String()), "\n"), "|")
		if got != tlc {
			t.Errorf("workers %d: printed\n%s\nTLC printed\n%s", workers, got, tlc)
		}
	}
}
