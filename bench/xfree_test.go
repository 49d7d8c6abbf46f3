package bench

import (
	"runtime/debug"
	"testing"
	"time"

	"github.com/veralloc/veralloc/internal/testutil"
)

// TestXfreeDoesNotStallUnderGC runs xfree on gomake with very frequent
// garbage collections. A ring wait that the Go scheduler cannot preempt or
// that never lets a goroutine queued on its P run stalls here for minutes
// (seen with a RawSyscall sched_yield loop); the test allows 60 s for what
// takes well under a second.
func TestXfreeDoesNotStallUnderGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(5))
	err := testutil.Within(t, 60*time.Second, "xfree on gomake with GOGC=5 did not finish in 60 s: the ring wait stalls the Go scheduler", func() error {
		_, err := Run(Config{Workload: "xfree", Alloc: "gomake", Iters: 300000, Pairs: 1, Seed: 42})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
