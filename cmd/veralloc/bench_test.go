package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/bench"
)

// smallArgs are quick parameters per workload (the default -iters 2000 with
// -slots 64 -rounds 2 where the workload takes them).
var smallArgs = map[string][]string{
	"xmalloc":       {"-iters", "1"},
	"mstress":       {"-iters", "1"},
	"cache_scratch": {"-iters", "20", "-reps", "10"},
	"sh6bench":      {"-iters", "1", "-slots", "500"},
	"alloc_test":    {"-iters", "2000", "-slots", "32768"},
	"glibc_simple":  {"-iters", "1600"},
}

func TestBenchPrintsOneMopsLine(t *testing.T) {
	for _, alloc := range bench.AllocatorNames() {
		for _, w := range bench.Workloads {
			var out, errb bytes.Buffer
			args := []string{"-workload", w, "-alloc", alloc, "-iters", "2000", "-slots", "64", "-rounds", "2"}
			args = append(args, smallArgs[w]...) // later flags win
			if alloc == "gofloor" && w != "random_mixed" {
				if code := dispatch(append([]string{"bench"}, args...), &out, &errb); code != 2 {
					t.Errorf("bench %v: exit %d, want 2 (gofloor runs random_mixed only)", args, code)
				}
				continue
			}
			if code := dispatch(append([]string{"bench"}, args...), &out, &errb); code != 0 {
				t.Fatalf("bench %v: exit %d: %s", args, code, errb.String())
			}
			line := out.String()
			if strings.Count(line, "\n") != 1 || !strings.Contains(line, "Mops/s=") ||
				!strings.Contains(line, "alloc="+alloc) || !strings.Contains(line, "workload="+w) {
				t.Errorf("bench %v printed %q", args, line)
			}
		}
	}
}

func TestBenchRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-alloc", "nope"},
		{"-workload", "nope"},
		{"-slots", "0"},
		{"extra"},
		{"-nosuchflag"},
	} {
		var out, errb bytes.Buffer
		if code := dispatch(append([]string{"bench"}, args...), &out, &errb); code != 2 {
			t.Errorf("bench %v: exit %d, want 2 (stderr %q)", args, code, errb.String())
		}
	}
	var out, errb bytes.Buffer
	if code := dispatch([]string{"bench", "-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "-workload") {
		t.Errorf("bench -h: exit %d, stderr %q", code, errb.String())
	}
}
