//go:build linux

package veralloc_test

import (
	"testing"

	"github.com/veralloc/veralloc"
	"github.com/veralloc/veralloc/impl"
)

// The front door's cost: Alloc+Free of 64 bytes through package veralloc
// and through impl directly, in the same run. Both loops call through the
// same interface, so the difference between the two is the wrapper's cost.
func BenchmarkAllocFree(b *testing.B) {
	b.Run("veralloc", func(b *testing.B) {
		a, _ := veralloc.New(veralloc.Options{})
		allocFree(b, a.NewHeap())
	})
	b.Run("impl", func(b *testing.B) {
		a, _ := impl.New(impl.Options{})
		allocFree(b, a.NewHeap())
	})
}

type benchHeap interface {
	Alloc(n int) ([]byte, error)
	Free(b []byte) error
	Close()
}

func allocFree(b *testing.B, h benchHeap) {
	for b.Loop() {
		x, _ := h.Alloc(64)
		_ = h.Free(x)
	}
	h.Close()
}
