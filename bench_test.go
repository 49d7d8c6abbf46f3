//go:build linux

package veralloc_test

import (
	"testing"

	"github.com/veralloc/veralloc"
	"github.com/veralloc/veralloc/impl"
)

// The front door's cost: Alloc+Free of 64 bytes through package veralloc
// and through impl directly, in the same run.
func BenchmarkAllocFree(b *testing.B) {
	b.Run("veralloc", func(b *testing.B) {
		a, _ := veralloc.New(veralloc.Options{})
		h := a.NewHeap()
		for b.Loop() {
			x, _ := h.Alloc(64)
			_ = h.Free(x)
		}
		h.Close()
	})
	b.Run("impl", func(b *testing.B) {
		a, _ := impl.New(impl.Options{})
		h := a.NewHeap()
		for b.Loop() {
			x, _ := h.Alloc(64)
			_ = h.Free(x)
		}
		h.Close()
	})
}
