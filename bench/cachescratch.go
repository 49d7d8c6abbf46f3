package bench

import "fmt"

// cacheScratch runs cache-scratch THREADS ITERS SIZE REPS (Berger, Hoard;
// passive false sharing): the main heap allocates one size-byte block per
// thread; thread t frees its block (a remote free into the main heap), then
// iters times allocates a size-byte block from its own heap, writes and reads
// back every byte reps/threads times, and frees it. An allocator that hands
// two threads blocks on one cache line (for example by reusing the freed
// blocks of the main heap) makes the writes slow. One op is one byte
// written: threads*iters*(reps/threads)*size ops.
func cacheScratch(a Allocator, threads, iters, size, reps int, clk *clock) (Checksum, int64, error) {
	main := a.NewHeap()
	defer main.Close()
	first := make([][]byte, threads)
	for t := range first {
		b, err := allocN(main, size)
		if err != nil {
			return 0, 0, fmt.Errorf("cache_scratch: %w", err)
		}
		first[t] = b
	}
	passes := reps / threads
	sums := make([]uint64, threads)
	err := onThreads(a, threads, clk, "cache_scratch", func(t int, h Heap) error {
		if err := h.Free(first[t]); err != nil {
			return fmt.Errorf("remote free: %w", err)
		}
		var sum uint64
		for range iters {
			b, err := allocN(h, size)
			if err != nil {
				return err
			}
			sum += scratch(b, passes)
			if err := h.Free(b); err != nil {
				return fmt.Errorf("free: %w", err)
			}
		}
		sums[t] = sum
		return nil
	})
	cs := newChecksum()
	for _, s := range sums {
		cs.mix(s)
	}
	return cs, int64(threads) * int64(iters) * int64(passes) * int64(size), err
}

// scratchGo writes byte k into b[k] and reads it back, for every k, passes
// times, and returns the sum of what it read (harness.c: scratch). It is
// scratch on other architectures than amd64, where scratch is
// scratch_amd64.s, the instructions gcc makes of harness.c's loop.
//
//go:noinline
func scratchGo(b []byte, passes int) uint64 {
	var sum uint64
	for range passes {
		for k := range b {
			b[k] = byte(k)
			sum += uint64(b[k]) + 1
		}
	}
	return sum
}
