package bench

import (
	"errors"
	"fmt"
	"sync"
)

// larsonSeed is the generator seed of worker t in round r (harness.c: the same).
func larsonSeed(seed uint64, round, t int) uint64 {
	return seed + uint64(round)<<20 + uint64(t)
}

// larson runs a Larson-style churn: threads slot arrays of slots slots each.
// In every one of rounds rounds, a fresh goroutine per array opens a new heap,
// performs iters random_mixed operations (slotOps) on its array with generator
// larsonSeed(seed, round, t), closes its heap while the blocks it allocated
// are still live in the array, and exits. The next round's goroutine frees
// those blocks through its own new heap: for veralloc these are frees into
// slabs whose owner has exited (orphaned slabs, adoption). A run is
// threads*rounds*iters ops; blocks left at the end are freed after the clock
// stops.
//
// arrays holds the threads empty slot arrays (see newSlotArrays).
func larson(a Allocator, arrays [][][]byte, rounds, iters int, seed uint64, clk *clock) (Checksum, error) {
	threads := len(arrays)
	if threads == 0 || rounds <= 0 || len(arrays[0]) == 0 {
		return 0, fmt.Errorf("larson: threads, rounds and slots must be positive, got %d, %d, %d", threads, rounds, len(arrays[0]))
	}
	sums := make([]Checksum, threads*rounds)
	errs := make([]error, threads)
	clk.start()
	for round := 0; round < rounds; round++ {
		var wg sync.WaitGroup
		for t := 0; t < threads; t++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				h := a.NewHeap()
				defer h.Close()
				rng := NewRand(larsonSeed(seed, round, t))
				cs := newChecksum()
				if i, err := slotOps(h, arrays[t], &rng, iters, &cs); err != nil {
					errs[t] = fmt.Errorf("larson round %d thread %d op %d: %w", round, t, i, err)
					return
				}
				sums[round*threads+t] = cs
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			clk.stop()
			return 0, err
		}
	}
	clk.stop()
	total := foldChecksums(sums)
	h := a.NewHeap()
	defer h.Close()
	for _, arr := range arrays {
		if err := freeSlots(h, arr); err != nil {
			return total, fmt.Errorf("larson cleanup: %w", err)
		}
	}
	return total, nil
}
