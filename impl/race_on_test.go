//go:build race

package impl

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

const raceEnabled = true

// seededRaceEnv names the racy access a child test process performs.
const seededRaceEnv = "VERALLOC_SEEDED_RACE"

// runSeededRace runs test (a test of this binary) in a child process with
// seededRaceEnv=variant and returns its output and whether it failed.
func runSeededRace(t *testing.T, test, variant string) (string, bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), seededRaceEnv+"="+variant)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("running the child: %v", err)
		}
	}
	return string(out), err != nil
}

// remoteFreeRace frees x (a block of heap h1's slab s) through heap h2 on
// another goroutine, a remote push whose CAS writes s.remote, while this
// goroutine calls read(s), with no synchronisation between the two.
func remoteFreeRace(t *testing.T, a *Allocator, read func(s *slab)) {
	h1, h2 := a.NewHeap(), a.NewHeap()
	x := mustAlloc(t, h1, 16)
	s := slabFor(a, addrOf(x))
	done := make(chan error)
	go func() { done <- h2.Free(x) }()
	read(s)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	h1.Close()
	h2.Close()
}

// plainRemoteRead is the seeded bug: a plain read of the remote stack's
// head, a field documented as atomic (as user code that scribbles on
// allocator metadata, or an allocator bug, would do).
//
//go:noinline
func plainRemoteRead(s *slab) uint64 { return s.remote }

// TestRaceDetectorSeesSlabRecords: under the race detector the slab records
// live on the Go heap (records_race.go), so a plain read of a slab's remote
// head racing with a remote free's CAS is reported. With the records in the
// mapping, as in the default build, the detector sees neither access and
// the child passes: this test then fails. The control child does the same
// with an atomic read and must pass (the protocol's own accesses are not
// reported).
func TestRaceDetectorSeesSlabRecords(t *testing.T) {
	switch os.Getenv(seededRaceEnv) {
	case "plain":
		remoteFreeRace(t, small(t, func(o *Options) { o.Checks = false }), func(s *slab) { _ = plainRemoteRead(s) })
		return
	case "atomic":
		remoteFreeRace(t, small(t, func(o *Options) { o.Checks = false }), func(s *slab) { _ = s.remoteCount() })
		return
	}
	wantSeededRace(t, "TestRaceDetectorSeesSlabRecords", "plain", "atomic", "plainRemoteRead")
}

// wantSeededRace runs test's child with the racy variant, which must fail
// with the race detector's report naming frame, and with the control
// variant, which must pass.
func wantSeededRace(t *testing.T, test, racy, control, frame string) {
	t.Helper()
	out, failed := runSeededRace(t, test, racy)
	if !failed || !strings.Contains(out, "WARNING: DATA RACE") || !strings.Contains(out, frame) {
		t.Fatalf("%s: the seeded racy access (%s) was not reported by the race detector (child failed: %v):\n%s", test, frame, failed, out)
	}
	if out, failed := runSeededRace(t, test, control); failed {
		t.Fatalf("%s: the control child (%s) failed:\n%s", test, control, out)
	}
}
