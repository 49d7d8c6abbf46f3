//go:build faults || trace

package impl

import "github.com/veralloc/veralloc/internal/testutil"

// goHeaps starts body(g, h) on n goroutines, each with a heap of its own
// from a (closed when body returns); the function it returns waits for them.
// Only tests of the faults and trace builds use it.
func goHeaps(a *Allocator, n int, body func(g int, h *Heap)) (wait func()) {
	return testutil.Go(n, func(g int) {
		h := a.NewHeap()
		defer h.Close()
		body(g, h)
	})
}
