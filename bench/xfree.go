package bench

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// ringSize is the capacity of the producer→consumer ring (a power of two;
// harness.c uses the same).
const ringSize = 1024

// spinsBeforeYield is how often a blocked ring end polls before yielding the
// processor (harness.c: sched_yield after the same count).
const spinsBeforeYield = 100

// wait is what a blocked ring end does after spinsBeforeYield polls: yield
// the processor to other threads (sched_yield, as harness.c does), and every
// 64th time also to other goroutines (runtime.Gosched), so that a goroutine
// queued behind the spinning one on the same P (the other ring end, a GC
// worker) gets to run. Without the Gosched, xfree on gomake could stall for
// minutes.
func wait(spins int) {
	if spins%64 == 0 {
		runtime.Gosched()
		return
	}
	osYield()
}

// cacheLinePad keeps the two ring indices on separate cache lines.
type cacheLinePad [64]byte

// ring is a bounded single-producer/single-consumer queue of blocks.
// tail is written only by the producer, head only by the consumer; a slot is
// owned by the producer while tail-head < ringSize says it is free and by the
// consumer once tail has passed it.
type ring struct {
	_     cacheLinePad
	tail  atomic.Uint64 // producer-owned: next slot to fill
	_     cacheLinePad
	head  atomic.Uint64 // consumer-owned: next slot to drain
	_     cacheLinePad
	abort *atomic.Bool // set by whichever side fails, so the other stops waiting
	buf   [ringSize][]byte
}

var errAborted = errors.New("the other side of the ring failed")

// push appends b, waiting while the ring is full. Producer only.
func (q *ring) push(b []byte, headCache *uint64) error {
	t := q.tail.Load()
	for spins := 0; t-*headCache >= ringSize; spins++ {
		*headCache = q.head.Load()
		if spins >= spinsBeforeYield {
			if q.abort.Load() {
				return errAborted
			}
			wait(spins)
		}
	}
	q.buf[t%ringSize] = b
	q.tail.Store(t + 1)
	return nil
}

// pop removes the oldest block, waiting while the ring is empty. Consumer only.
func (q *ring) pop(tailCache *uint64) ([]byte, error) {
	h := q.head.Load()
	for spins := 0; h >= *tailCache; spins++ {
		*tailCache = q.tail.Load()
		if spins >= spinsBeforeYield {
			if q.abort.Load() {
				return nil, errAborted
			}
			wait(spins)
		}
	}
	// The slot keeps its reference until the producer overwrites it: clearing
	// it would send the cache line back and forth once more per block, and
	// at most ringSize stale references stay reachable (gomake's frees are
	// at most ringSize blocks late).
	b := q.buf[h%ringSize]
	q.head.Store(h + 1)
	return b, nil
}

// xfree runs xfree PAIRS OPS (docs/design.md §7): each of pairs producers
// allocates ops blocks of 16 + r%1009 bytes from its own heap, writes the
// first byte and pushes the block through a ring to its consumer, which reads
// the first byte and frees the block through its own heap — for veralloc a
// remote free. Producer p uses generator seed+p. One op is one block
// allocated and freed, so a run is pairs*ops ops. Heaps are closed after the
// clock stops, once every consumer is done.
func xfree(a Allocator, pairs, ops int, seed uint64, clk *clock) (Checksum, error) {
	if pairs <= 0 {
		return 0, fmt.Errorf("xfree: pairs must be positive, got %d", pairs)
	}
	var abort atomic.Bool
	rings := make([]*ring, pairs)
	prodCS := make([]Checksum, pairs)
	consCS := make([]Checksum, pairs)
	for p := range rings {
		rings[p] = &ring{abort: &abort}
	}
	err := onPairs(a, pairs, clk, func(p int, h Heap) error { // producer
		q := rings[p]
		rng := NewRand(seed + uint64(p))
		cs := newChecksum()
		var headCache uint64
		for i := 0; i < ops; i++ {
			r := rng.Next()
			n := minSize + r%sizeRange
			b, err := h.Alloc(int(n))
			if err == nil && len(b) < int(n) {
				err = fmt.Errorf("returned only %d bytes", len(b))
			}
			if err != nil {
				abort.Store(true)
				return fmt.Errorf("xfree pair %d producer op %d: alloc of %d bytes: %w", p, i, n, err)
			}
			b[0] = firstByte(r)
			cs.mix(n)
			if err := q.push(b, &headCache); err != nil {
				return fmt.Errorf("xfree pair %d producer: %w", p, err)
			}
		}
		prodCS[p] = cs
		return nil
	}, func(p int, h Heap) error { // consumer
		q := rings[p]
		cs := newChecksum()
		var tailCache uint64
		for i := 0; i < ops; i++ {
			b, err := q.pop(&tailCache)
			if err != nil {
				return fmt.Errorf("xfree pair %d consumer: %w", p, err)
			}
			cs.mix(uint64(b[0]))
			if err := h.Free(b); err != nil {
				abort.Store(true)
				return fmt.Errorf("xfree pair %d consumer op %d: remote free of %d bytes: %w", p, i, len(b), err)
			}
		}
		consCS[p] = cs
		return nil
	})
	total := newChecksum()
	for p := 0; p < pairs; p++ {
		total.mix(uint64(prodCS[p]))
		total.mix(uint64(consCS[p]))
	}
	return total, err
}

// onPairs starts the clock, runs producer(p, h) and consumer(p, h) on a
// goroutine each for every p < pairs, each with a heap of its own from a,
// waits for them, stops the clock and then closes the heaps. It returns the
// first error that is not errAborted (a side that stopped because the other
// failed), else all of them joined.
func onPairs(a Allocator, pairs int, clk *clock, producer, consumer func(p int, h Heap) error) error {
	errs := make([]error, 2*pairs)
	heaps := make([]Heap, 2*pairs)
	for i := range heaps {
		heaps[i] = a.NewHeap()
	}
	var wg sync.WaitGroup
	clk.start()
	for p := 0; p < pairs; p++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			errs[2*p] = producer(p, heaps[2*p])
		}()
		go func() {
			defer wg.Done()
			errs[2*p+1] = consumer(p, heaps[2*p+1])
		}()
	}
	wg.Wait()
	clk.stop()
	for _, h := range heaps {
		h.Close()
	}
	for _, err := range errs {
		if err != nil && !errors.Is(err, errAborted) {
			return err
		}
	}
	return errors.Join(errs...)
}
