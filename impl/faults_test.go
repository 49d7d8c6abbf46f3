//go:build faults

package impl

import (
	"errors"
	"strings"
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

// caught fails t with what unless err is set, wraps want (when want is not
// nil) and its text holds every one of texts; otherwise it logs err, the
// check's report of the seeded bug.
func caught(t *testing.T, what string, err, want error, texts ...string) {
	t.Helper()
	ok := err != nil && (want == nil || errors.Is(err, want))
	for _, s := range texts {
		ok = ok && strings.Contains(err.Error(), s)
	}
	if !ok {
		t.Fatalf("%s: %v", what, err)
	}
	t.Log(err)
}

// allocUntilErr allocates size bytes from h up to n times and returns the
// first error (nil when all n succeed).
func allocUntilErr(h *Heap, n, size int) error {
	for range n {
		if _, err := h.Alloc(size); err != nil {
			return err
		}
	}
	return nil
}

func TestFaultNames(t *testing.T) {
	if err := EnableFault("B9"); err == nil {
		t.Fatal("unknown fault accepted")
	}
	for _, n := range []string{"B1", "B2", "B3", "B4", "AdoptNoDrain", "SllBatch", "UseAfterFree", "PlainRemoteHead",
		"BatchLinksHead", "BatchWrongSlab", "ExitNoFlush", "BatchCountLimit"} {
		if err := EnableFault(n); err != nil {
			t.Fatal(err)
		}
	}
	if got := strings.Join(Faults(), ","); got != "AdoptNoDrain,B1,B2,B3,B4,BatchCountLimit,BatchLinksHead,BatchWrongSlab,ExitNoFlush,PlainRemoteHead,SllBatch,UseAfterFree" {
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
	caught(t, "B1 not caught", err, ErrCorrupt, "CounterBalance", "TotalActive")
}

// B2: with the alignment guard testing p % size, checked mode rejects
// valid blocks of class 640 (513-byte requests), whose size does not
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
	// A slab whose base is a multiple of 640 (1 in 5 of the 256 KiB-aligned
	// bases, never two neighbours) passes the guard: fill over two slabs.
	var caught error
	var bs [][]byte
	for i := 0; i < 1000 && caught == nil; i++ {
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
	caught(t, "B3 not caught in checked mode", err, ErrCorrupt, "CountsMatchLists")

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
	wait := goHeaps(a, 2, func(_ int, h *Heap) {
		for b := range ch {
			if err := h.Free(b); err != nil {
				t.Error(err)
			}
		}
	})
	h := a.NewHeap()
	for i := 0; i < n; i++ {
		ch <- mustAlloc(t, h, 16)
	}
	close(ch)
	wait()
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
	caught(t, "AdoptNoDrain not caught", account(a, [][]byte{b2, b3, b4}), nil, "ExactlyOnePlace")
}

// SllBatch: SllCount rises by Batch, not by the blocks spliced; checked
// mode reports CountsMatchLists.
func TestFaultSllBatch(t *testing.T) {
	withFault(t, "SllBatch")
	a := small(t, nil)
	h := a.NewHeap()
	caught(t, "SllBatch not caught", allocUntilErr(h, 3, 16), ErrCorrupt, "CountsMatchLists")
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

// The seeded bugs of local batches (RemoteBatch > 0), as in the spec's
// mutants tla/mutants/Batch*.cfg and ExitNoFlush.cfg.

// BatchLinksHead: the push links the batch's head, not its tail, to the
// remote head: the stack is shorter than its packed count, and the owner's
// checked drain refuses it (the spec: ExactlyOnePlace).
func TestFaultBatchLinksHead(t *testing.T) {
	withFault(t, "BatchLinksHead")
	a := batched(t, 2)
	h1, h2 := a.NewHeap(), a.NewHeap()
	b1, b2 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
	mustFree(t, h2, b1)
	mustFree(t, h2, b2) // fills the batch: pushed with the head linked
	caught(t, "BatchLinksHead not caught by ExactlyOnePlace", account(a, nil), nil, "ExactlyOnePlace")
	_, err := h1.Alloc(16) // refill: drain
	caught(t, "BatchLinksHead not caught by the drain", err, ErrCorrupt, "count says 2")
}

// BatchWrongSlab: the push goes to the freeing heap's current slab: a
// foreign block on its remote stack, which its checked drain refuses (the
// spec: CountsMatchLists).
func TestFaultBatchWrongSlab(t *testing.T) {
	withFault(t, "BatchWrongSlab")
	a := batched(t, 4)
	h1, h2 := a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	mustAlloc(t, h2, 16) // h2 has a current slab of the class
	mustFree(t, h2, b1)  // batched for h1's slab
	// h2 refills: pushes, then drains its own slab.
	caught(t, "BatchWrongSlab not caught", allocUntilErr(h2, 4, 16), ErrCorrupt)
}

// ExitNoFlush: Close drops a batch it has not pushed: its blocks are in no
// place (ExactlyOnePlace) and stay counted as used, a leak
// Allocator.Close reports.
func TestFaultExitNoFlush(t *testing.T) {
	a, h1 := closedBatchOfOne(t, "ExitNoFlush", 4)
	caught(t, "ExitNoFlush not caught", account(a, nil), nil, "ExactlyOnePlace")
	h1.Close()
	if err := a.Close(); !errors.Is(err, ErrInUse) {
		t.Fatalf("Allocator.Close after a dropped batch: %v, want ErrInUse", err)
	}
}

// closedBatchOfOne turns fault on and, with local batches of up to n
// remote frees, lets heap h2 free one block of heap h1 (a batch of one) and
// close; it returns the allocator and h1.
func closedBatchOfOne(t *testing.T, fault string, n int) (*Allocator, *Heap) {
	t.Helper()
	withFault(t, fault)
	a := batched(t, n)
	h1, h2 := a.NewHeap(), a.NewHeap()
	mustFree(t, h2, mustAlloc(t, h1, 16))
	h2.Close()
	return a, h1
}

// BatchCountLimit: the push raises the packed count by RemoteBatch, not by
// the batch's size: the drain finds fewer blocks than the count says (the
// spec: CountsMatchLists).
func TestFaultBatchCountLimit(t *testing.T) {
	_, h1 := closedBatchOfOne(t, "BatchCountLimit", 3) // pushes a batch of 1 with count 3
	caught(t, "BatchCountLimit not caught", allocUntilErr(h1, 4, 16), ErrCorrupt, "count says 3")
}
