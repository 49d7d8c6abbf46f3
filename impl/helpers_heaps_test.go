//go:build faults || trace

package impl

import "sync"

// goHeaps starts body(g, h) on n goroutines, each with a heap of its own
// from a (closed when body returns); the function it returns waits for them.
// Only tests of the faults and trace builds use it.
func goHeaps(a *Allocator, n int, body func(g int, h *Heap)) (wait func()) {
	var wg sync.WaitGroup
	for g := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := a.NewHeap()
			defer h.Close()
			body(g, h)
		}()
	}
	return wg.Wait
}
