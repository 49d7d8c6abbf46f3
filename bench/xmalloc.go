package bench

import (
	"fmt"
	"sync"
)

// xmalloc-test (Lever and Boreham): threads producers allocate batches of
// xmBatch blocks and hand each full batch to a shared stack; threads
// releasers take any batch and free its blocks. Every free is remote, and
// the producer's heap keeps losing its blocks to the releasers.
const (
	xmBatch      = 4096 // blocks per batch (the original's OBJECTS_PER_BATCH)
	xmQueueLimit = 100  // full batches the stack may hold before producers wait
)

// xmSizes are the original's sizes when it runs with -s -1 (size 0 here).
var xmSizes = [...]int{8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048}

// xmBatchOf is one batch record: 4096 blockRefs, 64 KiB (harness.c's
// holds 4096 pointers, 32 KiB; as [xmBatch][]byte it was 96 KiB, and with
// up to 100 full batches queued the Go records alone made several MiB of
// every Go allocator's RSS growth; bench/results/2026-12-06.md).
type xmBatchOf struct{ blocks [xmBatch]blockRef }

// xmQueue is the shared stack of full batches and the spare empty ones.
// Every field is guarded by mu.
type xmQueue struct {
	mu       sync.Mutex
	notEmpty sync.Cond // full gained a batch, or left reached 0, or failed
	notFull  sync.Cond // full lost a batch, or failed
	full     []*xmBatchOf
	spare    []*xmBatchOf // emptied batches, reused by producers (the original mallocs each)
	left     int          // batches not yet taken by a releaser
	failed   bool
}

func (q *xmQueue) getSpare() *xmBatchOf {
	q.mu.Lock()
	defer q.mu.Unlock()
	if k := len(q.spare); k > 0 {
		b := q.spare[k-1]
		q.spare = q.spare[:k-1]
		return b
	}
	return new(xmBatchOf)
}

func (q *xmQueue) put(b *xmBatchOf) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.full) >= xmQueueLimit && !q.failed {
		q.notFull.Wait()
	}
	if q.failed {
		return errAborted
	}
	q.full = append(q.full, b)
	q.notEmpty.Signal()
	return nil
}

// take returns the most recent full batch, or nil when every batch has been
// taken (or a thread failed).
func (q *xmQueue) take() *xmBatchOf {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.full) == 0 && q.left > 0 && !q.failed {
		q.notEmpty.Wait()
	}
	if q.failed || q.left == 0 {
		return nil
	}
	k := len(q.full) - 1
	b := q.full[k]
	q.full = q.full[:k]
	q.left--
	if q.left == 0 {
		q.notEmpty.Broadcast()
	}
	q.notFull.Signal()
	return b
}

func (q *xmQueue) giveBack(b *xmBatchOf) {
	q.mu.Lock()
	q.spare = append(q.spare, b)
	q.mu.Unlock()
}

func (q *xmQueue) fail() {
	q.mu.Lock()
	q.failed = true
	q.notEmpty.Broadcast()
	q.notFull.Broadcast()
	q.mu.Unlock()
}

// xmalloc runs xmalloc THREADS BATCHES SIZE: each of threads producers
// (generator seed+p) allocates batches batches of xmBatch blocks of size
// bytes (size 0: a size from xmSizes per block, by generator output % 17)
// and writes byte i%256 into the first min(size, 128) bytes of block i;
// each of threads releasers takes batches until all are taken, adds up the
// first byte of every block and frees it. One op is one block allocated and
// freed: threads*batches*xmBatch ops.
func xmalloc(a Allocator, threads, batches, size int, seed uint64, clk *clock) (Checksum, error) {
	q := &xmQueue{left: threads * batches}
	q.notEmpty.L, q.notFull.L = &q.mu, &q.mu
	prodCS := make([]Checksum, threads)
	relSum := make([]uint64, threads)
	err := onPairs(a, threads, clk, func(p int, h Heap) error { // producer
		rng, cs := NewRand(seed+uint64(p)), newChecksum()
		for range batches {
			bt := q.getSpare()
			for i := range bt.blocks {
				n := size
				if n == 0 {
					n = xmSizes[rng.Next()%uint64(len(xmSizes))]
				}
				b, err := allocN(h, n)
				if err != nil {
					q.fail()
					return fmt.Errorf("xmalloc producer %d: %w", p, err)
				}
				fill(b[:min(n, 128)], byte(i))
				bt.blocks[i] = refOf(b)
				cs.mix(uint64(n))
			}
			if err := q.put(bt); err != nil {
				return err
			}
		}
		prodCS[p] = cs
		return nil
	}, func(p int, h Heap) error { // releaser
		var sum uint64
		for bt := q.take(); bt != nil; bt = q.take() {
			for i, r := range bt.blocks {
				b := r.bytes()
				sum += uint64(b[0])
				bt.blocks[i] = blockRef{}
				if err := h.Free(b); err != nil {
					q.fail()
					return fmt.Errorf("xmalloc releaser %d: remote free of %d bytes: %w", p, len(b), err)
				}
			}
			q.giveBack(bt)
		}
		relSum[p] = sum
		return nil
	})
	total := foldChecksums(prodCS)
	var sum uint64
	for _, s := range relSum {
		sum += s
	}
	total.mix(sum)
	return total, err
}
