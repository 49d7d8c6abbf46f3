//go:build !faults

package impl

import "testing"

func TestFaultsCompiledOut(t *testing.T) {
	if err := EnableFault("B1"); err == nil {
		t.Fatal("EnableFault succeeded without -tags faults")
	}
	if len(Faults()) != 0 {
		t.Fatal("faults on without -tags faults")
	}
}
