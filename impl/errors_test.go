package impl

import (
	"errors"
	"strings"
	"testing"
)

func misuse(t *testing.T, checks bool) {
	a, err := New(Options{Checks: checks})
	if err != nil {
		t.Fatal(err)
	}
	h := a.NewHeap()
	b := mustAlloc(t, h, 513)
	c := a.ClassOf(513)
	if a.ClassSize(c) != 640 {
		t.Fatalf("class of 513 is %d bytes, want 640", a.ClassSize(c))
	}
	cases := []struct {
		name string
		b    []byte
		want error
	}{
		{"go heap slice", make([]byte, 16), ErrForeign},
		{"nil", nil, ErrForeign},
		{"interior", b[8:], ErrNotBlockStart},
		{"interior by one", b[1:], ErrNotBlockStart},
	}
	for _, tc := range cases {
		err := h.Free(tc.b)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Free = %v, want %v", tc.name, err, tc.want)
		}
	}
	// An uncarved block of a live slab: the block right after b's batch.
	far := mkslice(addrOf(b)+uintptr(a.ClassSize(c))*uintptr(a.opts.Batch+1), 1)
	if err := h.Free(far); !errors.Is(err, ErrNotAllocated) {
		t.Errorf("uncarved: %v", err)
	}
	mustFree(t, h, b)
	err = h.Free(b)
	if !errors.Is(err, ErrDoubleFree) {
		t.Fatalf("double free: %v", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.Addr != addrOf(b) || e.Class != c || e.Slab == nil || e.Index != 1 {
		t.Fatalf("double free error lacks details: %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "double free") || !strings.Contains(msg, "class") || !strings.Contains(msg, "slab") {
		t.Fatalf("message %q", msg)
	}
	// Remote double free (through another heap) is caught too.
	h2 := a.NewHeap()
	if err := h2.Free(b); !errors.Is(err, ErrDoubleFree) {
		t.Fatalf("remote double free: %v", err)
	}
	// Large blocks.
	lg := mustAlloc(t, h, 100000)
	lg[99999] = 1
	if err := h.Free(lg[64:]); !errors.Is(err, ErrNotBlockStart) {
		t.Fatalf("large interior: %v", err)
	}
	mustFree(t, h, lg)
	if err := h.Free(lg); !errors.Is(err, ErrForeign) {
		t.Fatalf("large double free: %v", err)
	}
	// Sizes.
	if _, err := h.Alloc(-1); !errors.Is(err, ErrBadSize) {
		t.Fatalf("Alloc(-1): %v", err)
	}
	z := mustAlloc(t, h, 0)
	if len(z) != 0 || addrOf(z) == 0 {
		t.Fatal("Alloc(0) gave no block")
	}
	mustFree(t, h, z)
	// Closed heap.
	b2 := mustAlloc(t, h, 64)
	h.Close()
	if _, err := h.Alloc(8); !errors.Is(err, ErrHeapClosed) {
		t.Fatalf("Alloc on closed heap: %v", err)
	}
	if err := h.Free(b2); !errors.Is(err, ErrHeapClosed) {
		t.Fatalf("Free on closed heap: %v", err)
	}
	// Closing the allocator with a block live or a heap open fails.
	if err := a.Close(); !errors.Is(err, ErrInUse) {
		t.Fatalf("Close with open heap: %v", err)
	}
	mustFree(t, h2, b2)
	h2.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); !errors.Is(err, ErrClosed) {
		t.Fatalf("second Close: %v", err)
	}
	h3 := a.NewHeap()
	if _, err := h3.Alloc(8); !errors.Is(err, ErrClosed) {
		t.Fatalf("Alloc on closed allocator: %v", err)
	}
	// A pointer from another allocator.
	a2, _ := New(Options{})
	h4 := a2.NewHeap()
	other := mustAlloc(t, h4, 32)
	a3, _ := New(Options{})
	h5 := a3.NewHeap()
	if err := h5.Free(other); !errors.Is(err, ErrForeign) {
		t.Fatalf("pointer of another allocator: %v", err)
	}
	mustFree(t, h4, other)
}

func TestMisuseDefault(t *testing.T) { misuse(t, false) }
func TestMisuseChecks(t *testing.T)  { misuse(t, true) }

func TestCloseWithLiveBlock(t *testing.T) {
	a, _ := New(Options{})
	h := a.NewHeap()
	b := mustAlloc(t, h, 40)
	h.Close()
	if err := a.Close(); !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "1 small block") {
		t.Fatalf("Close with a live block: %v", err)
	}
	h2 := a.NewHeap()
	mustFree(t, h2, b)
	h2.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// Checked mode must accept every valid block of every class, including
// classes whose size does not divide the page-aligned slab base (640).
func TestChecksAcceptValidBlocks(t *testing.T) {
	a, _ := New(Options{Checks: true})
	h := a.NewHeap()
	var bs [][]byte
	for n := 1; n <= 8192; n += 13 {
		for i := 0; i < 3; i++ {
			bs = append(bs, mustAlloc(t, h, n))
		}
	}
	for i := 0; i < 2000; i++ {
		bs = append(bs, mustAlloc(t, h, 513))
	}
	mustAccount(t, a, bs...)
	for _, b := range bs {
		mustFree(t, h, b)
	}
	closeAll(t, a, h)
}

func TestOptionsValidation(t *testing.T) {
	for _, o := range []Options{{SlabSize: 1000}, {SlabSize: 1 << 20}, {Batch: -1}, {LowWater: 64}, {SlabsPerSuperslab: 64}, {SlabSize: 4096, SlabsPerSuperslab: 63}, {SlabBlocks: 70000}} {
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) accepted", o)
		}
	}
}

func TestEnvChecks(t *testing.T) {
	t.Setenv("VERALLOC_CHECKS", "1")
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !a.checks {
		t.Fatal("VERALLOC_CHECKS=1 did not enable checks")
	}
}
