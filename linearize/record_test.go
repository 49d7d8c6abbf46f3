package linearize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRecordAndCheck(t *testing.T) {
	ops := 20000
	if testing.Short() || raceEnabled {
		ops = 4000
	}
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"small", Config{Goroutines: 8, Ops: ops, Seed: 1}},
		{"small-checked", Config{Goroutines: 4, Ops: ops / 2, Seed: 2, Options: SmallOptionsChecked()}},
		{"defaults", Config{Goroutines: 8, Ops: ops, Seed: 3, DefaultOpt: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := RunAndCheck(tc.cfg, time.Minute, filepath.Join(t.TempDir(), "fail.html"))
			if err != nil {
				t.Fatal(err)
			}
			var sb strings.Builder
			res.Report(&sb)
			t.Log("\n" + sb.String())
			if !res.OK() {
				t.Fatal("run failed")
			}
			c, e := res.Run.Counts, res.Run.Events
			if c.HandedOver == 0 || c.HeapCloses == 0 || c.Allocs == 0 {
				t.Fatalf("workload did not exercise hand-over/close: %+v", c)
			}
			if e.Refills == 0 || e.RemotePushes == 0 || e.RemoteDrained == 0 || e.Orphaned == 0 || e.Adopted == 0 ||
				e.Acquired == 0 || e.LargeAllocs == 0 {
				t.Fatalf("workload did not exercise the protocol: %+v", e)
			}
		})
	}
	_ = os.Stdout
}
