package main

import (
	"strings"
	"testing"
)

func runLincheckArgs(args ...string) (int, string, string) {
	var out, errb strings.Builder
	rc := runLincheck(args, &out, &errb)
	return rc, out.String(), errb.String()
}

func TestLincheckPass(t *testing.T) {
	rc, out, errs := runLincheckArgs("-goroutines", "4", "-ops", "2000", "-seed", "7")
	if rc != 0 || !strings.Contains(out, "verdict: linearizable") || !strings.Contains(out, "result: PASS") {
		t.Fatalf("rc %d\n%s\n%s", rc, out, errs)
	}
	rc, out, errs = runLincheckArgs("-goroutines", "4", "-ops", "2000", "-profile", "default", "-checks")
	if rc != 0 || !strings.Contains(out, "Checks true") || !strings.Contains(out, "result: PASS") {
		t.Fatalf("rc %d\n%s\n%s", rc, out, errs)
	}
}

func TestLincheckUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-goroutines", "0"}, "-goroutines 0"},
		{[]string{"-ops", "-5"}, "-ops -5"},
		{[]string{"-timeout", "0s"}, "-timeout"},
		{[]string{"-profile", "huge"}, `-profile "huge"`},
		{[]string{"-close-every", "0"}, "-close-every 0"},
		{[]string{"extra"}, "unexpected arguments"},
		{[]string{"-nosuchflag"}, "not defined"},
	} {
		rc, _, errs := runLincheckArgs(c.args...)
		if rc != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: rc %d, stderr %q, want 2 and %q", c.args, rc, errs, c.want)
		}
	}
	if rc, _, errs := runLincheckArgs("-h"); rc != 0 || !strings.Contains(errs, "Exit status") {
		t.Errorf("-h: rc %d, %q", rc, errs)
	}
}

// A checker timeout is exit 3 (unknown), never a pass.
func TestLincheckTimeoutIsExitUnknown(t *testing.T) {
	rc, out, errs := runLincheckArgs("-goroutines", "8", "-ops", "20000", "-timeout", "1ns")
	if rc != exitUnknown || !strings.Contains(out, "verdict: unknown") || !strings.Contains(errs, "not a pass") {
		// A check can beat a 1 ns timer only if it has nothing to do.
		t.Fatalf("rc %d\n%s\n%s", rc, out, errs)
	}
}
