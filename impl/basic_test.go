package impl

import (
	"errors"
	"testing"
)

func TestAllocFreeBasic(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := a.NewHeap()
	var bs [][]byte
	for n := 0; n <= 9000; n += 7 {
		b, err := h.Alloc(n)
		if err != nil {
			t.Fatalf("Alloc(%d): %v", n, err)
		}
		if len(b) != n {
			t.Fatalf("len %d want %d", len(b), n)
		}
		for i := range b {
			b[i] = byte(n)
		}
		bs = append(bs, b)
	}
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		for i := range b {
			if b[i] != byte(len(b)) {
				t.Fatalf("block of %d overwritten", len(b))
			}
		}
		if err := h.Free(b); err != nil {
			t.Fatalf("Free: %v", err)
		}
	}
	if err := a.Check(); err != nil {
		t.Fatal(err)
	}
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Alloc(3); !errors.Is(err, ErrClosed) {
		t.Fatalf("Alloc after Close: %v", err)
	}
}
