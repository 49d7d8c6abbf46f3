//go:build faults

package impl

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

// Each seeded bug must make one of the allocator's own checks fail.

func withFault(t *testing.T, name string) {
	t.Helper()
	DisableFaults()
	if err := EnableFault(name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(DisableFaults)
	if f := Faults(); len(f) != 1 {
		t.Fatalf("Faults() = %v", f)
	}
}

func TestFaultNames(t *testing.T) {
	if err := EnableFault("B9"); err == nil {
		t.Fatal("unknown fault accepted")
	}
	for _, n := range []string{"B1", "B2", "B3", "B4", "AdoptNoDrain", "SllBatch", "UseAfterFree", "PlainRemoteHead"} {
		if err := EnableFault(n); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Join(Faults(), ","); got != "AdoptNoDrain,B1,B2,B3,B4,PlainRemoteHead,SllBatch,UseAfterFree" {
		t.Fatalf("Faults() = %s", got)
	}
	DisableFaults()
	if len(Faults()) != 0 {
		t.Fatal("DisableFaults left faults on")
	}
}

// B1: checked mode reports CounterBalance (TotalActive != Σ Used) at the
// refill that double counts.
func TestFaultB1(t *testing.T) {
	withFault(t, "B1")
	a := small(t, nil)
	h := a.NewHeap()
	_, err := h.Alloc(16)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "CounterBalance") || !strings.Contains(err.Error(), "TotalActive") {
		t.Fatalf("B1 not caught: %v", err)
	}
	t.Log(err)
}

// B2: with the alignment guard testing p % size, checked mode rejects
// valid blocks of class 528 (513-byte requests), whose size does not
// divide the page-aligned slab base, but not of class 512.
func TestFaultB2(t *testing.T) {
	withFault(t, "B2")
	a, _ := New(Options{Checks: true})
	h := a.NewHeap()
	for i := 0; i < 200; i++ {
		b, err := h.Alloc(512)
		if err != nil {
			t.Fatalf("class 512 rejected under B2: %v", err)
		}
		defer h.Free(b)
	}
	// A slab whose base happens to be a multiple of 528 (1 in 33 of the
	// 64 KiB-aligned bases) passes the faulty guard: use several slabs.
	var caught error
	var bs [][]byte
	for i := 0; i < 400 && caught == nil; i++ {
		b, err := h.Alloc(513)
		if err != nil {
			caught = err
			break
		}
		bs = append(bs, b)
	}
	for _, b := range bs {
		if err := h.Free(b); err != nil && caught == nil {
			caught = err
		}
	}
	if caught == nil || !(errors.Is(caught, ErrCorrupt) || errors.Is(caught, ErrNotBlockStart)) {
		t.Fatalf("B2 not caught: %v", caught)
	}
	t.Log(caught)
}

// B3: a refill that splices onto a non-empty cache list drops it; checked
// mode reports CountsMatchLists, and without checks the walk of the real
// lists finds the dropped block in no place.
func TestFaultB3(t *testing.T) {
	withFault(t, "B3")
	mod := func(o *Options) { o.LowWater = 1; o.SlabBlocks = 8; o.SllMax = 8 }
	a := small(t, mod)
	h := a.NewHeap()
	mustAlloc(t, h, 16)
	_, err := h.Alloc(16)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "CountsMatchLists") {
		t.Fatalf("B3 not caught in checked mode: %v", err)
	}
	t.Log(err)

	a = small(t, func(o *Options) { mod(o); o.Checks = false })
	h = a.NewHeap()
	b1 := mustAlloc(t, h, 16)
	b2 := mustAlloc(t, h, 16)
	err = account(a, [][]byte{b1, b2})
	if err == nil || !strings.Contains(err.Error(), "ExactlyOnePlace") && !strings.Contains(err.Error(), "CountsMatchLists") {
		t.Fatalf("B3 not caught by the list walk: %v", err)
	}
	t.Log(err)
}

// xfreeRun: a producer allocates, two consumers free remotely; the producer
// refills (drains) all the time. Returns the result of walking the real
// lists after everything was freed.
func xfreeRun(t *testing.T, a *Allocator, n int) error {
	ch := make(chan []byte, 64)
	var wg sync.WaitGroup
	for c := 0; c < 2; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := a.NewHeap()
			for b := range ch {
				if err := h.Free(b); err != nil {
					t.Error(err)
				}
			}
			h.Close()
		}()
	}
	h := a.NewHeap()
	for i := 0; i < n; i++ {
		ch <- mustAlloc(t, h, 16)
	}
	close(ch)
	wg.Wait()
	h.Close()
	a.Trim()
	if err := account(a, nil); err != nil {
		return err
	}
	return allZero(a)
}

func TestXfreeClean(t *testing.T) {
	a := small(t, func(o *Options) { o.SlabBlocks = 64; o.SllMax = 4; o.Checks = false })
	if err := xfreeRun(t, a, 20000); err != nil {
		t.Fatal(err)
	}
}

// B4: a remote push between the drain's read and its clear is lost: the
// block is in no place and the counters never return to zero.
func TestFaultB4(t *testing.T) {
	withFault(t, "B4")
	for round := 0; round < 20; round++ {
		a := small(t, func(o *Options) { o.SlabBlocks = 64; o.SllMax = 4; o.Checks = false })
		if err := xfreeRun(t, a, 20000); err != nil {
			t.Logf("round %d: %v", round, err)
			return
		}
	}
	t.Fatal("B4 lost no push in 20 rounds")
}

// AdoptNoDrain: adopting an orphan without draining its remote stack loses
// the frees pushed into it.
func TestFaultAdoptNoDrain(t *testing.T) {
	withFault(t, "AdoptNoDrain")
	a := small(t, nil)
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	b2 := mustAlloc(t, h1, 16)
	b3 := mustAlloc(t, h1, 16)
	h1.Close()
	mustFree(t, h2, b1) // pushed into the orphan
	b4 := mustAlloc(t, h3, 16)
	err := account(a, [][]byte{b2, b3, b4})
	if err == nil || !strings.Contains(err.Error(), "ExactlyOnePlace") {
		t.Fatalf("AdoptNoDrain not caught: %v", err)
	}
	t.Log(err)
}

// SllBatch: SllCount rises by Batch, not by the blocks spliced; checked
// mode reports CountsMatchLists.
func TestFaultSllBatch(t *testing.T) {
	withFault(t, "SllBatch")
	a := small(t, nil)
	h := a.NewHeap()
	var err error
	for i := 0; i < 3 && err == nil; i++ {
		_, err = h.Alloc(16)
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "CountsMatchLists") {
		t.Fatalf("SllBatch not caught: %v", err)
	}
	t.Log(err)
}

// UseAfterFree: a write into a freed block forges its link; the next Alloc
// of that block ends in ErrCorrupt, never a signal, in both modes, and the
// heap goes on from fresh blocks.
func TestFaultUseAfterFree(t *testing.T) {
	for _, checks := range []bool{false, true} {
		withFault(t, "UseAfterFree")
		a, err := New(Options{Checks: checks})
		if err != nil {
			t.Fatal(err)
		}
		h := a.NewHeap()
		b := mustAlloc(t, h, 64)
		mustFree(t, h, b)
		_, err = h.Alloc(64)
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "holds link 0x4141414141414141") {
			t.Fatalf("checks %v: Alloc after the write into a freed block = %v, want ErrCorrupt naming the link", checks, err)
		}
		DisableFaults()
		if _, err := h.Alloc(64); err != nil {
			t.Fatalf("checks %v: the heap did not go on: %v", checks, err)
		}
		h.Close()
		if err := a.Close(); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("checks %v: Close after corruption = %v", checks, err)
		}
	}
}
