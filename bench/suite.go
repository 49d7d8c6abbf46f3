package bench

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

// The workloads in xmalloc.go, mstress.go, cachescratch.go, sh6bench.go,
// alloctest.go and glibcsimple.go are ports of the mimalloc-bench stress
// tests that fit small objects (bench/README.md says what each one does and
// where it departs from the original). They are written here, in Go and in
// c/harness.c, with this package's generator (Rand) in place of each
// original's own, so the two languages perform the same operations; every
// one folds what it read back into a Checksum that c/harness.c must match.
// Unlike slotOps they call every allocator through the Heap interface.

// allocN allocates n bytes from h and checks that at least n came back.
func allocN(h Heap, n int) ([]byte, error) {
	b, err := h.Alloc(n)
	if err == nil && len(b) < n {
		err = fmt.Errorf("alloc of %d bytes returned only %d bytes", n, len(b))
	}
	if err != nil {
		return nil, fmt.Errorf("alloc of %d bytes: %w", n, err)
	}
	return b[:n], nil
}

// blockRef is a block as a workload's big array holds it, about the way
// harness.c's arrays hold one (a pointer and a length, 16 bytes): a []byte
// is 24 bytes, so an array of them took half as much memory again as C's,
// and that showed in every Go allocator's RSS and cache misses
// (bench/results/2026-12-06.md). It keeps the length and the capacity
// (syncpool finds a block's class by its capacity); the pointer keeps a
// Go-heap block (gomake, syncpool) alive for the GC as the slice did.
type blockRef struct {
	p      *byte
	n, cap uint32
}

func refOf(b []byte) blockRef { return blockRef{unsafe.SliceData(b), uint32(len(b)), uint32(cap(b))} }

// bytes is the block as the slice it was again.
func (r blockRef) bytes() []byte { return unsafe.Slice(r.p, r.cap)[:r.n] }

// fill sets every byte of b to v, the Go counterpart of harness.c's memset:
// the first 64 bytes (at most) by 8-byte stores, the rest by doubling
// copies of them (memmove). Doubling from one byte took 7 memmove calls
// for a 64-byte block, a quarter of xmalloc's CPU time
// (bench/results/2026-12-04.md), where gcc's memset is a few stores.
func fill(b []byte, v byte) {
	n := min(len(b), 64)
	w := uint64(v) * 0x0101010101010101
	head := words(b[:n])
	for i := range head {
		head[i] = w
	}
	for i := len(head) * 8; i < n; i++ {
		b[i] = v
	}
	for done := n; done < len(b); done *= 2 {
		copy(b[done:], b[:done])
	}
}

// words views the first len(b)/8 words of b as uint64s (b need not be
// aligned: amd64 and arm64 load unaligned words).
func words(b []byte) []uint64 {
	if len(b) < 8 {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/8)
}

// chance is mstress's chance(perc): true when the next output % 100 is at
// most perc (so chance(50) holds 51 times in 100, as in the original).
func chance(perc uint64, r *Rand) bool { return r.Next()%100 <= perc }

// byteSum adds up the bytes of b, 8 at a time (harness.c: byte_sum).
func byteSum(b []byte) uint64 {
	var s uint64
	for _, w := range words(b) {
		s += w
	}
	for _, c := range b[len(b)&^7:] {
		s += uint64(c)
	}
	return s
}

// onThreads starts the clock, runs body(t, h) on threads goroutines, each
// with a heap of its own from a (closed when body returns), waits for them
// and stops the clock. It returns the bodies' errors, joined, each prefixed
// with name and the thread.
func onThreads(a Allocator, threads int, clk *clock, name string, body func(t int, h Heap) error) error {
	errs := make([]error, threads)
	var wg sync.WaitGroup
	clk.start()
	for t := range threads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := a.NewHeap()
			defer h.Close()
			if err := body(t, h); err != nil {
				errs[t] = fmt.Errorf("%s thread %d: %w", name, t, err)
			}
		}()
	}
	wg.Wait()
	clk.stop()
	return errors.Join(errs...)
}

// independentThreads runs thread(t, h) on threads goroutines through
// onThreads, each returning its op count and checksum, and folds them in
// thread order: the checksum mixes each thread's sum, the count adds them up.
func independentThreads(a Allocator, threads int, clk *clock, name string, thread func(t int, h Heap) (int64, Checksum, error)) (Checksum, int64, error) {
	sums := make([]Checksum, threads)
	counts := make([]int64, threads)
	err := onThreads(a, threads, clk, name, func(t int, h Heap) error {
		var err error
		counts[t], sums[t], err = thread(t, h)
		return err
	})
	var ops int64
	for _, n := range counts {
		ops += n
	}
	return foldChecksums(sums), ops, err
}
