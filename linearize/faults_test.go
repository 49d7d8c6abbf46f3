//go:build faults

package linearize

import (
	"flag"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veralloc/veralloc/impl"
	"pgregory.net/rapid"
)

// captureTB is a rapid.TB that records a failure instead of failing the
// test, so that a test can assert that the machine DOES fail under a
// seeded bug. FailNow ends the goroutine running rapid.Check.
type captureTB struct {
	name   string
	mu     sync.Mutex
	failed bool
	log    []string
}

func (c *captureTB) Helper()      {}
func (c *captureTB) Name() string { return c.name }
func (c *captureTB) Logf(f string, a ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.log = append(c.log, fmt.Sprintf(f, a...))
}
func (c *captureTB) Log(a ...any)              { c.Logf("%s", fmt.Sprint(a...)) }
func (c *captureTB) Skipf(f string, a ...any)  { c.Logf(f, a...); runtime.Goexit() }
func (c *captureTB) Skip(a ...any)             { c.Log(a...); runtime.Goexit() }
func (c *captureTB) SkipNow()                  { runtime.Goexit() }
func (c *captureTB) Errorf(f string, a ...any) { c.Logf(f, a...); c.Fail() }
func (c *captureTB) Error(a ...any)            { c.Log(a...); c.Fail() }
func (c *captureTB) Fatalf(f string, a ...any) { c.Errorf(f, a...); runtime.Goexit() }
func (c *captureTB) Fatal(a ...any)            { c.Error(a...); runtime.Goexit() }
func (c *captureTB) FailNow()                  { c.Fail(); runtime.Goexit() }
func (c *captureTB) Fail()                     { c.mu.Lock(); c.failed = true; c.mu.Unlock() }
func (c *captureTB) Failed() bool              { c.mu.Lock(); defer c.mu.Unlock(); return c.failed }

// machineResult is what the rapid machine did under a fault.
type machineResult struct {
	failed  bool
	ops     int           // operations run (all test cases) before the first failure
	elapsed time.Duration // time to the first failure (before shrinking)
	message string        // rapid's report of the shrunk case
}

// runMachineCaptured runs the rapid machine with a fixed rapid seed
// and no fail files, and reports whether (and how fast) it failed.
func runMachineCaptured(t *testing.T, name string, opts impl.Options, size int) machineResult {
	t.Helper()
	for k, v := range map[string]string{"rapid.seed": "1", "rapid.nofailfile": "true", "rapid.shrinktime": "2s"} {
		old := flag.Lookup(k).Value.String()
		flag.Set(k, v)
		defer flag.Set(k, old)
	}
	var (
		res   machineResult
		stats = newMachineStats()
		done  = make(chan struct{})
		tb    = &captureTB{name: name}
	)
	go func() {
		defer close(done)
		rapid.Check(tb, func(rt *rapid.T) { machine(rt, opts, size, stats) })
	}()
	<-done
	res.failed = tb.Failed()
	res.ops, res.elapsed = stats.firstFail, stats.firstFailAt
	res.message = strings.Join(tb.log, "\n")
	return res
}

// faultCase says which checks must catch a seeded bug. A check marked
// false may still catch it (it is reported); a check marked true must.
type faultCase struct {
	name      string
	size      int  // request size of the rapid machine
	porcupine bool // lincheck's verdict: NOT linearizable
	audit     bool // lincheck's audit (contents, Check, every block back)
	checked   bool // checked mode: an operation returns ErrCorrupt
	machine   bool // the rapid machine (impl vs spec in lockstep)
	batch     bool // the machine runs with local batches (lockstepBatchOptions)
}

var faultCases = []faultCase{
	// B1 double-counts TotalActive: which blocks are handed out does not
	// change, so the history stays linearizable; the counters are wrong.
	{name: "B1", size: 16, audit: true, checked: true, machine: true},
	// B2 refuses valid blocks whose stride does not divide the slab base:
	// a Free of a block in use fails, which the abstract spec forbids.
	{name: "B2", size: 513, porcupine: true, audit: true, machine: true},
	// B3 drops the Sll at a splice: blocks are lost and SllCount lies.
	{name: "B3", size: 16, audit: true, checked: true, machine: true},
	// B4 loses a remote free that lands between the drain's read and its
	// clear: a race, invisible to the sequential machine.
	{name: "B4", size: 16, audit: true, machine: true},
	// AdoptNoDrain loses the remote frees of an orphan.
	{name: "AdoptNoDrain", size: 16, audit: true, machine: true},
	// SllBatch: SllCount rises by Batch, not by the blocks moved.
	{name: "SllBatch", size: 16, audit: true, checked: true, machine: true},
	// The bugs of local batches of remote frees (lincheck's SmallOptions
	// and the machine's lockstepBatchOptions batch 2 remote frees).
	// BatchLinksHead loses the blocks behind a batch's head.
	{name: "BatchLinksHead", size: 16, audit: true, checked: true, machine: true, batch: true},
	// BatchWrongSlab pushes a batch onto the heap's own current slab.
	{name: "BatchWrongSlab", size: 16, audit: true, checked: true, machine: true, batch: true},
	// ExitNoFlush leaks the blocks of a closing heap's batches: no list
	// is wrong, so checked mode has nothing to see; Close counts them.
	{name: "ExitNoFlush", size: 16, audit: true, machine: true, batch: true},
	// BatchCountLimit counts a short batch as RemoteBatch blocks.
	{name: "BatchCountLimit", size: 16, audit: true, checked: true, machine: true, batch: true},
}

// detection is how a check fared on one fault: caught or not, and after
// how many operations and how long.
type detection struct {
	caught  bool
	ops     int
	elapsed time.Duration
	note    string
}

func (d detection) String() string {
	if !d.caught {
		return "not caught"
	}
	return fmt.Sprintf("caught: %d ops, %.3fs", d.ops, d.elapsed.Seconds())
}

// lincheckLadder runs lincheck (4 goroutines) with growing -ops until the
// expected checks have caught the fault, and reports for each check the
// first run that caught it.
func lincheckLadder(t *testing.T, fc faultCase, checks bool) (porc, audit, checked detection) {
	t.Helper()
	for _, ops := range []int{25, 100, 250, 1000, 4000, 16000, 64000} {
		opts := SmallOptions()
		opts.Checks = checks
		start := time.Now()
		res, err := RunAndCheck(Config{Goroutines: 4, Ops: ops, Seed: 1, Options: opts}, time.Minute, "")
		if err != nil {
			t.Fatal(err)
		}
		el := time.Since(start)
		if !porc.caught && res.Check.Verdict == NotLinearizable {
			porc = detection{true, len(res.Run.Ops), el, ""}
			if len(res.Check.Bad) > 0 {
				porc.note = strings.Join(res.Check.Bad[0].Describe(3), "; ")
			}
		}
		if !audit.caught && len(res.Run.Problems) > 0 {
			audit = detection{true, len(res.Run.Ops), el, res.Run.Problems[0]}
		}
		if !checked.caught && res.Run.FirstCorrupt >= 0 {
			checked = detection{true, res.Run.FirstCorrupt, el, ""}
		}
		if (porc.caught || !fc.porcupine) && (audit.caught || !fc.audit) && (checked.caught || !fc.checked || !checks) {
			break
		}
	}
	return
}

// TestFaults: every seeded bug is caught by the checks the table above
// names; the figures (operations and time to detection) are logged for
// linearize/README.md.
func TestFaults(t *testing.T) {
	for _, fc := range faultCases {
		t.Run(fc.name, func(t *testing.T) {
			withFault(t, fc.name)
			porc, audit, _ := lincheckLadder(t, fc, false)
			_, _, checked := lincheckLadder(t, fc, true)
			mopts := lockstepOptions()
			if fc.batch {
				mopts = lockstepBatchOptions()
			}
			mr := runMachineCaptured(t, "TestFaults_"+fc.name+"_machine", mopts, fc.size)
			machine := detection{caught: mr.failed, ops: mr.ops, elapsed: mr.elapsed}
			t.Logf("| %s | %v | %v | %v | %v |", fc.name, porc, audit, checked, machine)
			if audit.caught {
				t.Logf("audit: %s", firstLine(audit.note))
			}
			if porc.caught {
				t.Logf("porcupine: %s", porc.note)
			}
			if mr.failed {
				t.Logf("machine: %s", mr.message)
			}
			for _, c := range []struct {
				name string
				want bool
				got  detection
			}{{"lincheck verdict", fc.porcupine, porc}, {"lincheck audit", fc.audit, audit},
				{"checked mode", fc.checked, checked}, {"rapid machine", fc.machine, machine}} {
				if c.want && !c.got.caught {
					t.Errorf("%s did not catch %s", c.name, fc.name)
				}
			}
			if !porc.caught && !audit.caught && !checked.caught && !machine.caught {
				t.Errorf("no check caught %s", fc.name)
			}
		})
	}
}

// withFault switches on seeded bug name alone (every other one off) for
// the rest of t, and off again when t ends.
func withFault(t *testing.T, name string) {
	t.Helper()
	impl.DisableFaults()
	if err := impl.EnableFault(name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(impl.DisableFaults)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// TestFaultScenarios: each kept scenario fails with its bug switched on
// (and passes without it: TestScenarios).
func TestFaultScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			withFault(t, sc.name)
			err := sc.run()
			if err == nil {
				t.Fatalf("scenario passed with %s switched on", sc.name)
			}
			t.Logf("%s caught: %s", sc.name, firstLine(err.Error()))
		})
	}
}
