package impl

import (
	"encoding/binary"
	"errors"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"unsafe"
)

// Hostile inputs (impl/README.md, "Hostile inputs"): each test here is a
// row of that table. None may end in a signal: a fault would kill the test
// binary, which fails the run.

// bothModes runs f in default mode and in checked mode.
func bothModes(t *testing.T, f func(t *testing.T, checks bool)) {
	t.Run("default", func(t *testing.T) { f(t, false) })
	t.Run("checked", func(t *testing.T) { f(t, true) })
}

// bothModesNew runs f in both modes on a new allocator with default
// options.
func bothModesNew(t *testing.T, f func(t *testing.T, a *Allocator)) {
	bothModes(t, func(t *testing.T, checks bool) {
		a, err := New(Options{Checks: checks})
		if err != nil {
			t.Fatal(err)
		}
		f(t, a)
	})
}

// closeClean closes hs, then a, which must succeed.
func closeClean(t *testing.T, a *Allocator, hs ...*Heap) {
	t.Helper()
	for _, h := range hs {
		h.Close()
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// wantCorrupt checks that err is ErrCorrupt about block p, naming the heap,
// the slab and the bad link value.
func wantCorrupt(t *testing.T, err error, h *Heap, p uintptr, bad uint64) {
	t.Helper()
	var e *Error
	if !errors.Is(err, ErrCorrupt) || !errors.As(err, &e) {
		t.Fatalf("err = %v, want ErrCorrupt", err)
	}
	msg := err.Error()
	for _, w := range []string{"heap " + itoa(int(h.ID())), "block " + hex(p), "holds link " + hex(uintptr(bad)), "slab "} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q does not name %q", msg, w)
		}
	}
	if e.Addr != p || e.Slab == nil || e.Class < 0 {
		t.Errorf("error fields %+v: want Addr %#x, a slab and a class", e, p)
	}
}

// afterCorruption: the heap goes on working (it stopped using the list),
// Err reports the corruption and Allocator.Close refuses.
func afterCorruption(t *testing.T, a *Allocator, h *Heap, n int) {
	t.Helper()
	for i := 0; i < 8; i++ {
		if _, err := h.Alloc(n); err != nil {
			t.Fatalf("Alloc after the corruption: %v", err)
		}
	}
	if !errors.Is(a.Err(), ErrCorrupt) {
		t.Fatalf("Err() = %v, want the corruption", a.Err())
	}
	h.Close()
	if err := a.Close(); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Allocator.Close after corruption = %v, want ErrCorrupt", err)
	}
}

// A write into a freed block (use after free) overwrites its link: the
// next Alloc of that block reports ErrCorrupt instead of following it.
func TestUseAfterFreeWriteIsErrCorrupt(t *testing.T) {
	bothModesNew(t, func(t *testing.T, a *Allocator) {
		h := a.NewHeap()
		b1, b2 := mustAlloc(t, h, 64), mustAlloc(t, h, 64)
		mustFree(t, h, b2)
		mustFree(t, h, b1) // b1 heads the cache list, its link names b2
		const bad = 0x4141414141414141
		binary.LittleEndian.PutUint64(b1, bad) // use after free
		_, err := h.Alloc(64)
		wantCorrupt(t, err, h, addrOf(b1), bad)
		afterCorruption(t, a, h, 64)
	})
}

// An overflow from a live block into the free block after it overwrites the
// neighbour's link: caught when the neighbour is popped.
func TestOverflowIntoFreeNeighbourIsErrCorrupt(t *testing.T) {
	bothModesNew(t, func(t *testing.T, a *Allocator) {
		h := a.NewHeap()
		b1, b2 := mustAlloc(t, h, 64), mustAlloc(t, h, 64)
		if addrOf(b2) != addrOf(b1)+64 {
			t.Fatalf("blocks %#x, %#x are not neighbours", addrOf(b1), addrOf(b2))
		}
		mustFree(t, h, b2)
		over := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b1))), 72) // 8 bytes past b1
		const bad = 0x0102030405060708
		binary.LittleEndian.PutUint64(over[64:], bad)
		_, err := h.Alloc(64)
		wantCorrupt(t, err, h, addrOf(b2), bad)
		afterCorruption(t, a, h, 64)
		_ = b1
	})
}

// A forged link on a slab's freelist (not the cache list) is caught at the
// refill that would follow it (PopFreelist).
func TestFreelistLinkIsValidated(t *testing.T) {
	bothModes(t, func(t *testing.T, checks bool) {
		a := small(t, func(o *Options) { o.Checks = checks })
		h := a.NewHeap()
		x, y, z := mustAlloc(t, h, 16), mustAlloc(t, h, 16), mustAlloc(t, h, 16)
		mustFree(t, h, x)
		mustFree(t, h, y) // the cache list is full (SllMax 2)
		mustFree(t, h, z) // so z goes on the slab's freelist
		const bad = 0xdeadbeefcafe
		binary.LittleEndian.PutUint64(z, bad)
		var got error
		for i := 0; i < 3 && got == nil; i++ {
			_, got = h.Alloc(16)
		}
		wantCorrupt(t, got, h, addrOf(z), bad)
		afterCorruption(t, a, h, 16)
	})
}

// A forged link on a remote stack is caught when the owner drains or pops
// it, in both modes.
func TestRemoteStackLinkIsValidated(t *testing.T) {
	bothModes(t, func(t *testing.T, checks bool) {
		a := small(t, func(o *Options) { o.Checks = checks })
		h1, h2 := a.NewHeap(), a.NewHeap()
		x, y := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
		mustFree(t, h2, x)
		mustFree(t, h2, y) // the remote stack is y -> x
		const bad = 0x5555aaaa5555
		binary.LittleEndian.PutUint64(y, bad)
		var got error
		for i := 0; i < 8 && got == nil; i++ {
			_, got = h1.Alloc(16)
		}
		if got == nil {
			t.Fatal("the forged link was never reported")
		}
		wantCorrupt(t, got, h1, addrOf(y), bad)
		h2.Close()
		afterCorruption(t, a, h1, 16)
	})
}

// A counter driven negative is corruption for Check and for Close, and
// Close refuses after Check reported it.
func TestNegativeCounterIsCorruption(t *testing.T) {
	a := small(t, func(o *Options) { o.Checks = false })
	h := a.NewHeap()
	b := mustAlloc(t, h, 16)
	ss := ssAt(slabFor(a, addrOf(b)).ss)
	atomic.AddInt64(&ss.totalActive, -5)
	err := a.Check()
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "negative") {
		t.Fatalf("Check = %v, want ErrCorrupt naming the negative count", err)
	}
	atomic.AddInt64(&ss.totalActive, 5) // repaired: Close still refuses
	mustFree(t, h, b)
	h.Close()
	if err := a.Close(); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Close after Check reported corruption = %v, want ErrCorrupt", err)
	}
}

// Close with one open heap that holds nothing fails with ErrInUse and
// succeeds once the heap is closed.
func TestCloseWithOpenEmptyHeap(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := a.NewHeap()
	if err := a.Close(); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "ids [1]") {
		t.Fatalf("Close with an open empty heap = %v, want ErrInUse naming heap 1", err)
	}
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatalf("Close after the heap closed: %v", err)
	}
}

// Stats read while heaps are open include their counts (remote pushes are
// counted per heap until it closes).
func TestStatsIncludeOpenHeaps(t *testing.T) {
	a := small(t, nil)
	h1, h2 := a.NewHeap(), a.NewHeap()
	b := mustAlloc(t, h1, 16)
	c := a.ClassOf(16)
	mustFree(t, h2, b) // a remote push, counted in h2 while it is open
	st := a.Stats()
	if st.Heaps != 2 || st.Classes[c].RemotePushes != 1 || st.Classes[c].Refills != 1 {
		t.Fatalf("Stats with both heaps open: Heaps %d, RemotePushes %d, Refills %d; want 2, 1 and 1", st.Heaps, st.Classes[c].RemotePushes, st.Classes[c].Refills)
	}
	var active int64
	for _, s := range st.Supers {
		active += s.TotalActive
	}
	if active != 2 { // h1's cache list holds the other block of its batch
		t.Fatalf("TotalActive %d with the heaps open, want 2", active)
	}
	h2.Close()
	if st := a.Stats(); st.Heaps != 1 || st.Classes[c].RemotePushes != 1 {
		t.Fatalf("after h2 closed: Heaps %d, RemotePushes %d", st.Heaps, st.Classes[c].RemotePushes)
	}
	h1.Close()
	if st := a.Stats(); st.Heaps != 0 || st.Classes[c].RemotePushes != 1 || st.Classes[c].Refills != 1 {
		t.Fatalf("after both closed: Heaps %d, RemotePushes %d, Refills %d", st.Heaps, st.Classes[c].RemotePushes, st.Classes[c].Refills)
	}
}

// mapped reports whether the page at p is mapped, asking the kernel
// (mincore fails with ENOMEM on an unmapped range), not the counters.
func mapped(t *testing.T, p uintptr) bool {
	var vec [1]byte
	_, _, e := syscall.Syscall(syscall.SYS_MINCORE, p&^(pageSize-1), pageSize, uintptr(unsafe.Pointer(&vec[0])))
	switch e {
	case 0:
		return true
	case syscall.ENOMEM:
		return false
	}
	t.Fatalf("mincore: %v", e)
	return false
}

// A large block's mapping is really unmapped at Free.
func TestLargeFreeUnmaps(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := a.NewHeap()
	b := mustAlloc(t, h, 1<<20)
	p := addrOf(b)
	b[len(b)-1] = 1
	if !mapped(t, p) || !mapped(t, p+uintptr(len(b)-1)) {
		t.Fatal("the large block is not mapped while live")
	}
	mustFree(t, h, b)
	if mapped(t, p) || mapped(t, p+uintptr(len(b)-1)) {
		t.Fatal("the large block's pages are still mapped after Free")
	}
	closeClean(t, a, h)
}

// Checked mode reports a double free even when the freed block's first
// word (its link) and second word (its free tag) were overwritten.
func TestDoubleFreeWithOverwrittenTagChecked(t *testing.T) {
	a := small(t, nil)
	h := a.NewHeap()
	b := mustAlloc(t, h, 16)
	keep := mustAlloc(t, h, 16)
	mustFree(t, h, b)
	for i := range 16 {
		b[i] = 0x77
	}
	if err := h.Free(b); !errors.Is(err, ErrDoubleFree) {
		t.Fatalf("second Free with the tag overwritten = %v, want ErrDoubleFree", err)
	}
	mustFree(t, h, keep)
}

// Checked mode: a goroutine entering a heap while another is inside one of
// its operations gets ErrConcurrentUse naming the heap. (The token is held
// here by hand, which is what a second goroutine would see.)
func TestTwoGoroutinesOnOneHeapChecked(t *testing.T) {
	a := small(t, nil)
	h := a.NewHeap()
	b := mustAlloc(t, h, 16)
	h.busy.Store(1) // another goroutine is inside Alloc or Free
	_, errA := h.Alloc(16)
	errF := h.Free(b)
	h.busy.Store(0)
	for _, err := range []error{errA, errF} {
		if !errors.Is(err, ErrConcurrentUse) || !strings.Contains(err.Error(), "heap "+itoa(int(h.ID()))) {
			t.Fatalf("operation on a busy heap = %v, want ErrConcurrentUse naming heap %d", err, h.ID())
		}
	}
	mustFree(t, h, b) // the token is released after every operation
	z := mustAlloc(t, h, 0)
	mustFree(t, h, z)
	if h.busy.Load() != 0 {
		t.Fatal("the owner token was not released")
	}
	closeClean(t, a, h)
}

// The CAS retry loop of a remote free, driven deterministically: between
// h2's read of the remote head and its CAS, h3 pushes another block, so
// h2's first CAS fails and the loop re-reads and retries.
func TestRemoteFreeCasRetryDeterministic(t *testing.T) {
	a := small(t, nil)
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	x, y := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
	calls := 0
	testHookCAS = func(s *slab) {
		calls++
		if calls == 1 {
			mustFree(t, h3, y) // its own hook call is the second
		}
	}
	defer func() { testHookCAS = nil }()
	mustFree(t, h2, x)
	testHookCAS = nil
	// h2: read, (h3: read, CAS ok), CAS fails, re-read, CAS ok: the hook ran
	// before h2's first CAS, before h3's CAS and before h2's retry.
	if calls != 3 {
		t.Fatalf("hook ran %d times, want 3 (h2's CAS did not fail and retry)", calls)
	}
	s := slabFor(a, addrOf(x))
	snap := a.Inspect(a.ClassOf(16))
	if r := slabOf(snap, s.id(a)).Remote; len(r) != 2 {
		t.Fatalf("remote stack %v, want both blocks", r)
	}
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	closeClean(t, a, h1, h2, h3)
}

// Re-sliced blocks: b[:0] and b[:cap(b)] still start at the block and free
// it; append past cap moves the data to the Go heap, so freeing the result
// is ErrForeign (and the block itself is still live). A huge size fails.
func TestSliceFormsAndSizes(t *testing.T) {
	bothModesNew(t, func(t *testing.T, a *Allocator) {
		h := a.NewHeap()
		b := mustAlloc(t, h, 100)
		mustFree(t, h, b[:0])
		b = mustAlloc(t, h, 100)
		mustFree(t, h, b[:cap(b)])
		b = mustAlloc(t, h, 16)
		grown := append(b, make([]byte, 100)...)
		if err := h.Free(grown); !errors.Is(err, ErrForeign) {
			t.Fatalf("Free of a block grown by append = %v, want ErrForeign", err)
		}
		mustFree(t, h, b)
		for _, n := range []int{1 << 41, int(^uint(0) >> 1)} {
			if _, err := h.Alloc(n); !errors.Is(err, ErrBadSize) {
				t.Fatalf("Alloc(%d) = %v, want ErrBadSize", n, err)
			}
		}
		closeClean(t, a, h)
	})
}

// Checked mode: an overflow past the requested size into the block's own
// slack (and so towards a live neighbour) is reported at Free, and at the
// next refill for a block still held, as "overflow of N bytes past block X
// (requested size R)". Default mode does not detect it (documented).
func TestOverflowPastRequestedSizeChecked(t *testing.T) {
	a := small(t, nil)
	h := a.NewHeap()
	b := mustAlloc(t, h, 20) // class 32: 12 canary bytes
	over := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b))), 32)
	over[20], over[23] = 1, 1 // 4 bytes past the end
	err := h.Free(b)
	want := "overflow of 4 bytes past block " + hex(addrOf(b)) + " (requested size 20)"
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), want) {
		t.Fatalf("Free = %v, want ErrCorrupt with %q", err, want)
	}
	// A held block's overflow is found by the next refill of its slab.
	a2 := small(t, nil)
	h2 := a2.NewHeap()
	c := mustAlloc(t, h2, 20)
	unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(c))), 32)[31] = 7
	var got error
	for i := 0; i < 4 && got == nil; i++ {
		_, got = h2.Alloc(20)
	}
	want = "overflow of 12 bytes past block " + hex(addrOf(c)) + " (requested size 20)"
	if !errors.Is(got, ErrCorrupt) || !strings.Contains(got.Error(), want) {
		t.Fatalf("refill = %v, want ErrCorrupt with %q", got, want)
	}
}

// Checked mode: a write anywhere into a freed block (not only its link) is
// caught at the next Alloc of that block.
func TestUseAfterFreeWriteBeyondLinkChecked(t *testing.T) {
	a := small(t, nil)
	h := a.NewHeap()
	b := mustAlloc(t, h, 32)
	mustFree(t, h, b)
	b[30] = 9 // use after free, past the link and the tag
	_, err := h.Alloc(32)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "use after free") || !strings.Contains(err.Error(), "byte 30") {
		t.Fatalf("Alloc of the written freed block = %v, want ErrCorrupt naming use after free at byte 30", err)
	}
}
