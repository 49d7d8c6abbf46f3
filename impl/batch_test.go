package impl

import "testing"

// A class's refill carves min(Batch, max(4, BatchBytes/size)) blocks: the
// first Alloc of a class in a fresh allocator carves exactly that many.
func TestBatchBytesCapsTheCarve(t *testing.T) {
	for _, tc := range []struct {
		o     Options
		size  int
		carve int
	}{
		{Options{}, 16, 64},                            // 64 x 16 B is under 64 KiB
		{Options{}, 1024, 64},                          // 64 KiB exactly
		{Options{}, 2048, 32},                          // capped at 64 KiB
		{Options{}, 8192, 8},                           // capped at 64 KiB
		{Options{BatchBytes: 16 << 10}, 1024, 16},      // 16 KiB
		{Options{BatchBytes: 16 << 10}, 8192, 4},       // at least 4
		{Options{BatchBytes: -1}, 1024, 64},            // no cap
		{Options{BatchBytes: 4096}, 1024, 4},           // 4 KiB
		{Options{Batch: 2, BatchBytes: 4096}, 1024, 2}, // never above Batch
	} {
		a, err := New(tc.o)
		if err != nil {
			t.Fatal(err)
		}
		h := a.NewHeap()
		b := mustAlloc(t, h, tc.size)
		snap := a.Inspect(a.ClassOf(tc.size))
		if len(snap.Slabs) != 1 || snap.Slabs[0].Carved != tc.carve {
			t.Errorf("%+v, %d-byte blocks: slabs %+v, want one with Carved %d", tc.o, tc.size, snap.Slabs, tc.carve)
		}
		mustFree(t, h, b)
		h.Close()
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// LowWater stays below a capped class's Batch (the spec's refill needs
// SllCount < Batch): with LowWater 10 and BatchBytes 16 KiB the 8192-byte
// class (Batch 4) refills at 3 blocks left.
func TestLowWaterBelowCappedBatch(t *testing.T) {
	a, err := New(Options{LowWater: 10, BatchBytes: 16 << 10})
	if err != nil {
		t.Fatal(err)
	}
	c := a.ClassOf(8192)
	if got := a.classes[c]; got.batch != 4 || got.low != 3 {
		t.Fatalf("class %d (8192 B): batch %d low %d, want 4 and 3", c, got.batch, got.low)
	}
	if got := a.classes[a.ClassOf(16)]; got.batch != 64 || got.low != 10 {
		t.Fatalf("class of 16 B: batch %d low %d, want 64 and 10", got.batch, got.low)
	}
	h := a.NewHeap()
	if h.cls[c].low != 3 {
		t.Fatalf("heap's low for class %d: %d, want 3", c, h.cls[c].low)
	}
	b := mustAlloc(t, h, 8192)
	mustFree(t, h, b)
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
