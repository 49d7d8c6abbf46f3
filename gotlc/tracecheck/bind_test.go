package tracecheck

import (
	"strconv"
	"strings"
	"testing"
)

// TestConfigModuleReplace: a -config's `C <- [M] D` replaces module M's
// definition C by the root's D, as in TLC (the binder is the model
// checker's, check.Bind): steps of 2 conform, steps of StepLib's own 1 do not.
func TestConfigModuleReplace(t *testing.T) {
	opts := Options{Config: "testdata/bind/Steps.cfg"}
	for _, tc := range []struct {
		step int
		ok   bool
	}{{2, true}, {1, false}} {
		var b strings.Builder
		b.WriteString(`{"trace": "steps"}` + "\n")
		for i := 1; i <= 3; i++ {
			b.WriteString(`{"a": "Inc", "p": [], "o": [["x", ` + strconv.Itoa(i*tc.step) + `]]}` + "\n")
		}
		res, err := Check("testdata/bind/Steps.tla", strings.NewReader(b.String()), opts)
		if err != nil {
			t.Fatalf("step %d: %v", tc.step, err)
		}
		if res.OK() != tc.ok {
			t.Errorf("step %d: OK = %v, want %v (%+v)", tc.step, res.OK(), tc.ok, res.Divergence)
		}
	}
}
