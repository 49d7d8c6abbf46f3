// Package bench holds the veralloc benchmark workloads of docs/design.md §7
// (random_mixed, xfree, larson) and the allocators they are run against:
// veralloc, Go's own make([]byte, n) ("gomake") and a sync.Pool per size
// class ("syncpool"), plus "gofloor", the cheapest correct allocator, which
// measures the harness loop itself. The C anchor harness in bench/c runs the
// same workloads with the same generator against glibc, mimalloc, jemalloc
// and tcmalloc (and its own floor, cfloor); every run prints a checksum of
// its operation sequence so the two sides can be compared op for op. Run
// runs one cell; bench/run.sh runs them all and prints the table.
package bench

// seedMul is the odd constant the seed is multiplied by (2^64 / golden ratio).
const seedMul = 0x9E3779B97F4A7C15

// Rand is the xorshift64 generator of docs/design.md §7:
// x ^= x<<13; x ^= x>>7; x ^= x<<17, seeded with seed*0x9E3779B97F4A7C15+1.
// bench/c/harness.c implements the identical generator (rng_seed/rng_next).
// A Rand is owned by one goroutine.
type Rand struct{ x uint64 }

// NewRand returns the generator for seed. The state is never zero (a zero
// state would make xorshift emit zeros forever); the one seed that would give
// zero is mapped to seedMul, in Go and in C alike.
func NewRand(seed uint64) Rand {
	x := seed*seedMul + 1
	if x == 0 {
		x = seedMul
	}
	return Rand{x: x}
}

// Next advances the generator and returns the new state.
func (r *Rand) Next() uint64 {
	x := r.x
	x ^= x << 13
	x ^= x >> 7
	x ^= x << 17
	r.x = x
	return x
}

// Checksum is a 64-bit FNV-1a over 64-bit words. Workloads fold every
// operation (slot, size, first byte read back) into one, so two runs with the
// same parameters print the same checksum exactly when they performed the same
// operation sequence and every block kept the byte written into it.
type Checksum uint64

const (
	fnvOffset = 0xcbf29ce484222325
	fnvPrime  = 0x100000001b3
)

func newChecksum() Checksum { return fnvOffset }

// mix folds v into the checksum.
func (c *Checksum) mix(v uint64) { *c = (*c ^ Checksum(v)) * fnvPrime }

// foldChecksums mixes each of sums, in order, into a new checksum (how a
// multi-threaded workload combines its threads' checksums, as harness.c does).
func foldChecksums(sums []Checksum) Checksum {
	cs := newChecksum()
	for _, s := range sums {
		cs.mix(uint64(s))
	}
	return cs
}

// Event encodings shared with harness.c.
func allocEvent(slot, size uint64) uint64      { return 1<<63 | slot<<32 | size }
func freeEvent(slot uint64, first byte) uint64 { return slot<<32 | uint64(first) }

// firstByte is the value a workload writes into the first byte of a block
// allocated with generator output r.
func firstByte(r uint64) byte { return byte(r >> 24) }
