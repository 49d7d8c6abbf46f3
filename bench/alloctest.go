package bench

import (
	"math"
	"math/bits"
)

// alloc-test (OLogN Technologies, as mimalloc-bench runs it): each thread
// keeps slots/threads bins; half of them are filled at the start, then each
// step picks a bin by a Pareto 80/20 distribution (a few bins are hit very
// often) and frees its block or allocates one with a size skewed to small
// (calcSize); every block is filled when allocated and read in full before
// it is freed.
const atMaxSizeExp = 10 // sizes 5..1024 (the original's maxItemSize = 10)

// atMinBins is the fewest bins per thread for which every Pareto range
// holds a bin (the smallest holds 0.0064% of them).
const atMinBins = 16384

// atPareto holds the original's Pareto_80_20_6 tables for n bins.
type atPareto struct {
	ranges  [6]uint32
	offsets [8]uint32
}

var atParetoP = [7]float64{0.262144, 0.393216, 0.245760, 0.081920, 0.015360, 0.001536, 0.000064}

func newAtPareto(n uint32) atPareto {
	var p atPareto
	p.ranges[0] = uint32(math.MaxUint32 * atParetoP[0])
	p.ranges[5] = uint32(math.MaxUint32 * (1 - atParetoP[6]))
	for i := 1; i < 5; i++ {
		p.ranges[i] = p.ranges[i-1] + uint32(math.MaxUint32*atParetoP[i])
	}
	p.offsets[7] = n
	for i := 0; i < 6; i++ {
		p.offsets[i+1] = p.offsets[i] + uint32(float64(n)*atParetoP[6-i])
	}
	return p
}

// pick maps two 32-bit draws to a bin.
func (p *atPareto) pick(r1, r2 uint32) uint32 {
	idx := 6
	for i, lim := range p.ranges {
		if r1 < lim {
			idx = i
			break
		}
	}
	return p.offsets[idx] + r2%(p.offsets[idx+1]-p.offsets[idx])
}

// atSize is the original's calcSizeWithStatsAdjustment(r, atMaxSizeExp):
// size class k with probability 2^-(k+1), uniform within the class.
func atSize(r uint64) int {
	const e = atMaxSizeExp - 3
	base := uint32(r&(1<<e-1)) + 1
	r >>= e
	idx := uint(bits.TrailingZeros32(base)) + 2
	return int(r&(1<<idx-1)) + 1 + 1<<idx
}

func hi32(r uint64) uint32 { return uint32(r >> 32) }

// atThread is one thread's run over bins bins: setup, then steps steps
// (rounded down to a multiple of 32, as the original does). It returns the
// ops done (blocks allocated in setup plus steps) and the checksum of what
// it read back.
func atThread(h Heap, bins, steps int, seed uint64) (int64, Checksum, error) {
	rng := NewRand(seed)
	bin := make([]blockRef, bins)
	par := newAtPareto(uint32(bins))
	var ops int64
	var sum uint64
	alloc := func(k int) error {
		n := atSize(rng.Next())
		b, err := allocN(h, n)
		if err != nil {
			return err
		}
		fill(b, byte(n))
		bin[k] = refOf(b)
		return nil
	}
	for i := 0; i < bins/32; i++ {
		r := hi32(rng.Next())
		for j := 0; j < 32; j++ {
			if r>>j&1 != 0 {
				if err := alloc(i*32 + j); err != nil {
					return ops, 0, err
				}
				ops++
			}
		}
	}
	for k := 0; k < 32; k++ {
		for j := 0; j < steps>>5; j++ {
			r1 := hi32(rng.Next())
			r2 := hi32(rng.Next())
			idx := par.pick(r1, r2)
			if r := bin[idx]; r.p != nil {
				b := r.bytes()
				sum += byteSum(b)
				bin[idx] = blockRef{}
				if err := h.Free(b); err != nil {
					return ops, 0, err
				}
			} else if err := alloc(int(idx)); err != nil {
				return ops, 0, err
			}
			ops++
		}
	}
	for _, r := range bin {
		if r.p != nil {
			b := r.bytes()
			sum += byteSum(b)
			if err := h.Free(b); err != nil {
				return ops, 0, err
			}
		}
	}
	cs := newChecksum()
	cs.mix(sum)
	return ops, cs, nil
}

// allocTest runs alloc_test THREADS SLOTS STEPS: threads independent
// threads (generator seed+t), each over slots/threads bins.
func allocTest(a Allocator, threads, slots, steps int, seed uint64, clk *clock) (Checksum, int64, error) {
	return independentThreads(a, threads, clk, "alloc_test", func(t int, h Heap) (int64, Checksum, error) {
		return atThread(h, slots/threads, steps, seed+uint64(t))
	})
}
