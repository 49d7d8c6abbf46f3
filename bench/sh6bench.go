package bench

// sh6bench (MicroQuill SmartHeap's benchmark, as mimalloc-bench runs it):
// each thread fills a ring of slots blocks with blocks of falling sizes,
// small ones more often; whenever the ring is full it frees the part below
// a saved window in allocation order and the part above it in reverse
// order, and moves the window on, so a fifth of the blocks outlive a pass.
// No generator: the sequence is fixed by the parameters.
const sh6MaxSize = 1000 // sizes run below this (the original's default uMaxBlockSize)

// sh6Thread is one thread's run: repeats passes over the sizes, on slots
// slots. It returns the blocks it allocated and the checksum of the first
// byte of every block it freed (each block's first and last bytes hold its
// size, as the original's patch writes them).
func sh6Thread(h Heap, slots, repeats int) (int64, Checksum, error) {
	mem := make([]blockRef, slots) // as harness.c's pointers and sizes (16 bytes a slot, a slice 24)
	cs := newChecksum()
	var allocs int64
	free := func(k int) error {
		b := mem[k].bytes()
		mem[k] = blockRef{}
		cs.mix(uint64(b[0]) | uint64(b[len(b)-1])<<8)
		return h.Free(b)
	}
	mp, saveStart, saveEnd := 0, slots, slots
	for range repeats {
		for base := 1; base < sh6MaxSize; base = base*3/2 + 1 {
			for size := base; size > 0; size /= 2 {
				for iters := sh6Iters(size); iters > 0; iters-- {
					b, err := allocN(h, size)
					if err != nil {
						return allocs, cs, err
					}
					b[0], b[size-1] = byte(size), byte(size)
					mem[mp] = refOf(b)
					mp++
					allocs++
					if mp == saveStart {
						mp = saveEnd
					}
					if mp < slots {
						continue
					}
					// the ring is full: move the window, free below and above it
					mp = 0
					saveStart = saveEnd
					if saveStart >= slots {
						saveStart = mp
					}
					saveEnd = min(saveStart+slots/5, slots)
					for ; mp < saveStart; mp++ {
						if err := free(mp); err != nil {
							return allocs, cs, err
						}
					}
					for mp = slots; mp > saveEnd; {
						mp--
						if err := free(mp); err != nil {
							return allocs, cs, err
						}
					}
					// the original's WITHOUT_LEAK variant: never refill the window
					mp = 0
					if saveStart == 0 {
						mp = saveEnd
					}
				}
			}
		}
	}
	for k, r := range mem { // what is left, inside the clock
		if r.p != nil {
			if err := free(k); err != nil {
				return allocs, cs, err
			}
		}
	}
	return allocs, cs, nil
}

// sh6bench runs sh6bench THREADS SLOTS REPEATS: threads independent
// threads, each with its own heap. One op is one block allocated (and
// freed).
func sh6bench(a Allocator, threads, slots, repeats int, clk *clock) (Checksum, int64, error) {
	return independentThreads(a, threads, clk, "sh6bench", func(t int, h Heap) (int64, Checksum, error) {
		return sh6Thread(h, slots, repeats)
	})
}

// sh6PassAllocs is the number of blocks one pass over the sizes allocates.
var sh6PassAllocs = func() int {
	n := 0
	for base := 1; base < sh6MaxSize; base = base*3/2 + 1 {
		for size := base; size > 0; size /= 2 {
			n += sh6Iters(size)
		}
	}
	return n
}()

// sh6Iters is how many blocks of size bytes a pass allocates in a row:
// smaller blocks more often.
func sh6Iters(size int) int {
	iters := 1
	if size < 10000 {
		iters = 10
	}
	if size < 1000 {
		iters *= 5
	}
	if size < 100 {
		iters *= 5
	}
	return iters
}
