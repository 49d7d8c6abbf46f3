//go:build race && faults

package impl

import (
	"os"
	"testing"
)

// TestFaultPlainRemoteHeadIsARace: with one atomic access of the remote
// head made plain in the implementation (the PlainRemoteHead fault:
// FreeRemote's read), go test -race fails. The child frees two blocks of
// one slab remotely from two goroutines at once; each push reads the head
// and CASes it, so one's plain read races with the other's CAS. The
// control child, without the fault, must pass.
func TestFaultPlainRemoteHeadIsARace(t *testing.T) {
	switch os.Getenv(seededRaceEnv) {
	case "fault", "control":
		if os.Getenv(seededRaceEnv) == "fault" {
			if err := EnableFault("PlainRemoteHead"); err != nil {
				t.Fatal(err)
			}
			defer DisableFaults()
		}
		a := small(t, func(o *Options) { o.Checks = false })
		h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
		x, y := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
		done := make(chan error)
		go func() { done <- h2.Free(x) }()
		mustFree(t, h3, y)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		closeClean(t, a, h1, h2, h3)
		return
	}
	wantSeededRace(t, "TestFaultPlainRemoteHeadIsARace", "fault", "control", "loadRemote")
}
