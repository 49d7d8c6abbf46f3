package impl

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestFastPathsInline: the helpers of Alloc's and Free's fast paths must
// stay small enough for the compiler to inline them (a call to freeLocal
// cost every local Free a call and a frame; bench/results/2026-12-06.md).
// It asks the compiler (go build -gcflags=-m) and fails naming each one
// it no longer inlines, with the compiler's reason.
func TestFastPathsInline(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no compiler run")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goTool, "build", "-gcflags=-m=2", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -gcflags=-m=2: %v\n%s", err, out)
	}
	for _, fn := range []string{"(*Heap).freeLocal", "(*heapClass).pop", "(*slab).blockIndex", "(*Heap).pmGet", "(*Heap).release", "mkslice", "addrOf"} {
		can := regexp.MustCompile(`: can inline ` + regexp.QuoteMeta(fn) + ` with cost`)
		if can.Match(out) {
			continue
		}
		why := "not mentioned by the compiler"
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "cannot inline "+fn+":") {
				why = l
			}
		}
		t.Errorf("%s is no longer inlined: %s", fn, why)
	}
}
