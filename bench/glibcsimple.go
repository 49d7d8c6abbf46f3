package bench

import "fmt"

// glibc-simple (glibc's bench-malloc-simple): for sizes size, 2*size and
// 4*size, rounds of n allocations (n = 25, 100, 400, 1600) each filled with
// bytes 0, 1, 2, ..., then the first half freed in allocation order and the
// second half in reverse; run as a warm-up, on the main heap, on a heap of
// a new thread, and on the main heap again.
var gsCounts = [...]int{25, 100, 400, 1600}

// gsPattern is what every block is filled with (harness.c: the same bytes,
// copied with memcpy where the original writes them one by one).
var gsPattern = func() []byte {
	p := make([]byte, 1<<16)
	for i := range p {
		p[i] = byte(i)
	}
	return p
}()

// gsRound is the original's do_benchmark: iters/n rounds of n blocks of size
// bytes on h (block i's first byte then set to i). It returns the blocks
// allocated and adds the first and last bytes of each freed block to *sum.
func gsRound(h Heap, arr [][]byte, iters, size, n int, sum *uint64) (int64, error) {
	for range iters / n {
		for i := 0; i < n; i++ {
			b, err := allocN(h, size)
			if err != nil {
				return 0, err
			}
			copy(b, gsPattern[:size])
			b[0] = byte(i) // which block: an allocator handing one block out twice shows in the sum
			arr[i] = b
		}
		for i := 0; i < n/2; i++ {
			*sum += uint64(arr[i][0]) + uint64(arr[i][size-1])
			if err := h.Free(arr[i]); err != nil {
				return 0, err
			}
		}
		for i := n - 1; i >= n/2; i-- {
			*sum += uint64(arr[i][0]) + uint64(arr[i][size-1])
			if err := h.Free(arr[i]); err != nil {
				return 0, err
			}
		}
	}
	return int64(iters / n * n), nil
}

// glibcSimple runs glibc_simple ITERS SIZE: ITERS is the original's
// NUM_ITERS (allocations per phase and count). One op is one block
// allocated (and freed).
func glibcSimple(a Allocator, iters, size int, clk *clock) (Checksum, int64, error) {
	if size <= 0 || 4*size > len(gsPattern) {
		return 0, 0, fmt.Errorf("glibc_simple: size must be 1..%d, got %d", len(gsPattern)/4, size)
	}
	main := a.NewHeap()
	defer main.Close()
	arr := make([][]byte, gsCounts[len(gsCounts)-1])
	var ops int64
	var sum uint64
	phase := func(h Heap, sz int, s *uint64) (int64, error) {
		var k int64
		for _, n := range gsCounts {
			m, err := gsRound(h, arr, iters, sz, n, s)
			k += m
			if err != nil {
				return k, fmt.Errorf("glibc_simple size %d n %d: %w", sz, n, err)
			}
		}
		return k, nil
	}
	clk.start()
	defer clk.stop()
	for _, sz := range []int{size, 2 * size, 4 * size} {
		for p := 0; p < 4; p++ { // warm-up, main, thread, main again
			var m int64
			var err error
			if p == 2 {
				done := make(chan struct{})
				go func() {
					defer close(done)
					h := a.NewHeap()
					defer h.Close()
					m, err = phase(h, sz, &sum)
				}()
				<-done
			} else {
				m, err = phase(main, sz, &sum)
			}
			ops += m
			if err != nil {
				return 0, ops, err
			}
		}
	}
	cs := newChecksum()
	cs.mix(sum)
	return cs, ops, nil
}

// gsPhaseAllocs is the number of blocks one phase (the four counts) allocates.
func gsPhaseAllocs(iters int) int64 {
	var n int64
	for _, c := range gsCounts {
		n += int64(iters / c * c)
	}
	return n
}
