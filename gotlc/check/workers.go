package check

import (
	"sync"
	"time"
)

// parallelFor calls f(i) for every i in [0, n), on up to workers
// goroutines that take the indices in chunks of chunk; it returns when every
// call has returned. With one worker (or n <= chunk) the calls run in order
// on the calling goroutine. BFS expansion and simulation share it.
func parallelFor(n, workers, chunk int, f func(i int)) {
	w := min(workers, (n+chunk-1)/chunk)
	if w <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for k := 0; k < w; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next += chunk
				mu.Unlock()
				if i >= n {
					return
				}
				for j := i; j < min(i+chunk, n); j++ {
					f(j)
				}
			}
		}()
	}
	wg.Wait()
}

// tick calls f every period on its own goroutine until the returned stop
// is called; stop returns after the last call of f has returned. Progress
// reports of BFS and simulation share it.
func tick(every time.Duration, f func()) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				f()
			}
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}
