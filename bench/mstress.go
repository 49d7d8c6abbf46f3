package bench

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// mstress (Leijen, mimalloc-bench): threads that allocate, keep, free and
// trade blocks through a shared transfer buffer, re-created each round, so
// blocks outlive the thread (and heap) that made them and are freed by
// another.
const (
	msTransfers = 1000               // entries of the shared transfer buffer
	msCookie    = 0xbf58476d1ce4e5b9 // word i of a block of w words holds (w-i)^msCookie
)

// msSlot is one transfer entry. The lock makes swap atomic for a slice
// (three words); harness.c uses the same spin lock around a pointer.
type msSlot struct {
	lock atomic.Uint32
	b    []byte // guarded by lock
}

func (s *msSlot) swap(b []byte) []byte {
	for spins := 0; !s.lock.CompareAndSwap(0, 1); spins++ {
		if spins >= spinsBeforeYield {
			osYield()
		}
	}
	old := s.b
	s.b = b
	s.lock.Store(0)
	return old
}

// msWorker is one mstress thread of one round: its heap and what it folded
// into the checksum.
type msWorker struct {
	h        Heap
	rng      Rand
	cs       Checksum // every allocation's word count, in order
	freed    uint64   // sum of the word counts of the blocks it freed
	allocd   uint64   // sum of the word counts of the blocks it allocated
	allocsOK int64
}

func (w *msWorker) alloc(nw uint64) ([]byte, error) {
	b, err := allocN(w.h, int(nw*8))
	if err != nil {
		return nil, err
	}
	ws := words(b)
	for i := range ws {
		ws[i] = (nw - uint64(i)) ^ msCookie
	}
	w.cs.mix(nw)
	w.allocd += nw
	w.allocsOK++
	return b, nil
}

// free checks every word of b and frees it (b may be nil: nothing to do).
func (w *msWorker) free(b []byte) error { return msFree(w.h, b, &w.freed) }

func msFree(h Heap, b []byte, freed *uint64) error {
	if b == nil {
		return nil
	}
	ws := words(b)
	n := ws[0] ^ msCookie
	if n != uint64(len(ws)) {
		return fmt.Errorf("mstress: block of %d words says %d in its first word", len(ws), n)
	}
	for i, v := range ws {
		if v^msCookie != n-uint64(i) {
			return fmt.Errorf("mstress: memory corruption in a block of %d words at word %d", n, i)
		}
	}
	*freed += n
	return h.Free(b)
}

// msBuf is one thread's working and retained arrays, reused by every round.
type msBuf struct{ data, retained []blockRef }

// msAllocs is how many blocks thread t makes besides the ones it retains.
func msAllocs(scale, t int) int { return 100 * scale * (t%8 + 1) }

// stress is one thread's round: the original's stress(tid) with sizes of
// 8 << (r%5) bytes for its working set and 8 << (r%7) for retained blocks
// (the original's rare large, huge and giant blocks are left out: this suite
// is about small objects). Its two arrays are buf's, made once per thread
// with room for every block (harness.c's first realloc of 100000 entries
// has room for all of them at bench/run.sh's scale, and its arrays come
// from the allocator under test, which reuses their memory from round to
// round); growing them by append and making new ones each round left
// every Go allocator's cell with megabytes of harness garbage in its RSS
// and GC cycles in its time. They hold blockRefs (16 bytes an entry,
// harness.c's pointers 8), not slices (24) (bench/results/2026-12-06.md).
func (w *msWorker) stress(scale, t int, transfer []msSlot, buf *msBuf) error {
	allocs := msAllocs(scale, t)
	retain := allocs / 2
	if buf.data == nil {
		buf.data, buf.retained = make([]blockRef, 0, allocs), make([]blockRef, 0, retain)
	}
	data, retained := buf.data[:0], buf.retained[:0]
	for allocs > 0 || retain > 0 {
		if retain == 0 || (chance(50, &w.rng) && allocs > 0) {
			allocs--
			b, err := w.alloc(1 << (w.rng.Next() % 5))
			if err != nil {
				return err
			}
			data = append(data, refOf(b))
		} else {
			b, err := w.alloc(1 << (w.rng.Next() % 7))
			if err != nil {
				return err
			}
			retained = append(retained, refOf(b))
			retain--
		}
		if chance(66, &w.rng) && len(data) > 0 {
			k := w.rng.Next() % uint64(len(data))
			if err := w.free(data[k].bytes()); err != nil {
				return err
			}
			data[k] = blockRef{}
		}
		if chance(25, &w.rng) && len(data) > 0 {
			k := w.rng.Next() % uint64(len(data))
			j := w.rng.Next() % msTransfers
			data[k] = refOf(transfer[j].swap(data[k].bytes()))
		}
	}
	for _, r := range retained {
		if err := w.free(r.bytes()); err != nil {
			return err
		}
	}
	for _, r := range data {
		if err := w.free(r.bytes()); err != nil {
			return err
		}
	}
	clear(data) // no reference outlives the round (gomake's blocks are Go objects)
	clear(retained)
	return nil
}

// mstress runs mstress THREADS SCALE ROUNDS: in each round threads fresh
// goroutines (threads in C), each with a new heap and generator
// larsonSeed(seed, round, t), run stress; then the main heap frees each
// transfer entry with chance 50 (generator seed+1<<40), every entry after
// the last round. One op is one block allocated or freed: ops =
// 2*blocks allocated. The checksum folds each thread's allocation sequence
// and the sum of the word counts freed, which must equal the sum allocated.
func mstress(a Allocator, threads, scale, rounds int, seed uint64, clk *clock) (Checksum, int64, error) {
	transfer := make([]msSlot, msTransfers)
	workers := make([]msWorker, threads)
	bufs := make([]msBuf, threads)
	errs := make([]error, threads)
	total := newChecksum()
	var freed, allocd uint64
	var blocks int64
	main := a.NewHeap()
	defer main.Close()
	mainRng := NewRand(seed + 1<<40)
	clk.start()
	for round := 0; round < rounds; round++ {
		var wg sync.WaitGroup
		for t := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w := &workers[t]
				*w = msWorker{h: a.NewHeap(), rng: NewRand(larsonSeed(seed, round, t)), cs: newChecksum()}
				defer w.h.Close()
				if err := w.stress(scale, t, transfer, &bufs[t]); err != nil {
					errs[t] = fmt.Errorf("mstress round %d thread %d: %w", round, t, err)
				}
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			clk.stop()
			return total, 0, err
		}
		for t := range workers {
			total.mix(uint64(workers[t].cs))
			freed += workers[t].freed
			allocd += workers[t].allocd
			blocks += workers[t].allocsOK
		}
		for i := range transfer {
			if chance(50, &mainRng) || round+1 == rounds {
				if err := msFree(main, transfer[i].swap(nil), &freed); err != nil {
					clk.stop()
					return total, 0, err
				}
			}
		}
	}
	clk.stop()
	if freed != allocd {
		return total, 0, fmt.Errorf("mstress: blocks allocated hold %d words in all, blocks freed %d", allocd, freed)
	}
	total.mix(freed)
	return total, 2 * blocks, nil
}

// msOps is the op count of mstress THREADS SCALE ROUNDS: every block is
// allocated and freed once.
func msOps(threads, scale, rounds int) int64 {
	var blocks int64
	for t := range threads {
		n := msAllocs(scale, t)
		blocks += int64(n + n/2)
	}
	return 2 * blocks * int64(rounds)
}
