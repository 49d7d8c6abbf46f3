package eval

import (
	"math/rand/v2"
	"sync"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Randomness of RandomElement and the Randomization natives, as TLC draws
// it in breadth-first search (tlc2.value.RandomEnumerableValues): while
// the successors of a state are generated (and its invariants evaluated)
// the draws come from a generator seeded with the run's seed and the
// state's fingerprint, so a state always yields the same successors and
// two draws in one step differ; the initial predicate, ASSUMEs and
// constant definitions draw from one generator seeded with the seed alone.
// TLC picks a new seed per run unless given -seed; gotlc's is the run's
// -seed (RunInfo.Seed, default 0), so a run is reproducible: the same seed
// draws the same values whatever -workers, another seed other values (the
// values are not TLC's for the same seed: neither the generator nor the
// fingerprints are the same).
const randomSeed = 0x7e5eed

// seedMix is the generators' seed for the run's -seed (randomSeed for 0).
func seedMix(seed int64) uint64 { return randomSeed ^ uint64(seed)*0x9E3779B97F4A7C15 }

// lockedSource is a rand.Source safe for the goroutines that share a
// Program's constant-level generator.
type lockedSource struct {
	mu  sync.Mutex
	src *rand.PCG
}

func (s *lockedSource) Uint64() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.src.Uint64()
}

func newConstRand(seed uint64) *rand.Rand {
	return rand.New(&lockedSource{src: rand.NewPCG(seed, 0)})
}

// random is the generator c draws from (see above).
func (c *Ctx) random() *rand.Rand {
	if c.rng == nil {
		h := uint64(0x57a7e)
		if c.S != nil && !c.noMemo {
			for _, v := range c.S {
				if v != nil {
					h = h*1099511628211 ^ value.Hash(v)
				}
			}
		}
		seed := c.seed
		if seed == 0 {
			seed = randomSeed
		}
		c.rng = rand.New(rand.NewPCG(seed, h))
	}
	return c.rng
}

// randomElement is TLC's RandomElement(S): an element drawn uniformly.
func randomElement(c *Ctx, site syntax.Node, es []value.Value) value.Value {
	if len(es) == 0 {
		fail(site, "Attempted to apply RandomElement to the empty set.")
	}
	return es[c.random().IntN(len(es))]
}

// randomSubset is Randomization's RandomSubset(k, S): k distinct elements
// drawn uniformly; all of S when k exceeds its size (TLC draws k indices
// without repetition until they run out, so the set has |S| elements).
func randomSubset(c *Ctx, site syntax.Node, k int64, es []value.Value) value.Value {
	if k < 0 {
		fail(site, "The first argument of RandomSubset should be a nonnegative integer, but instead it is:\n%d", k)
	}
	n := len(es)
	if k > int64(n) {
		k = int64(n)
	}
	pick := append([]value.Value(nil), es...)
	r := c.random()
	for i := 0; i < int(k); i++ {
		j := i + r.IntN(n-i)
		pick[i], pick[j] = pick[j], pick[i]
	}
	return value.NewSet(pick[:k])
}

// randomSetOfSubsets is Randomization's RandomSetOfSubsets(k, n, S) as TLC
// computes it: k subsets of S, each element in each with probability
// n / |S|; duplicates collapse, so the set has at most k elements.
func randomSetOfSubsets(c *Ctx, site syntax.Node, k, n int64, es []value.Value) value.Value {
	if k < 0 {
		fail(site, "The first argument of RandomSetOfSubsets should be a nonnegative integer, but instead it is:\n%d", k)
	}
	if n < 0 || n > int64(len(es)) {
		fail(site, "The second argument of RandomSetOfSubsets should be a nonnegative integer in range 0..Cardinality(S), but instead it is:\n%d", n)
	}
	if len(es) < 63 && k > 1<<len(es) {
		fail(site, "The first argument of RandomSetOfSubsets should be a nonnegative integer that is smaller than the subset's size of 2^%d, but instead it is:\n%d", len(es), k)
	}
	prob := 0.0
	if len(es) > 0 {
		prob = float64(n) / float64(len(es))
	}
	r := c.random()
	subsets := make([]value.Value, 0, k)
	for i := int64(0); i < k; i++ {
		var s []value.Value
		for _, x := range es {
			if r.Float64() < prob {
				s = append(s, x)
			}
		}
		subsets = append(subsets, value.NewSet(s))
	}
	return value.NewSet(subsets)
}

// isRandomDef reports whether d is an operator of Randomization that
// gotlc implements natively with random draws.
func isRandomDef(d *syntax.OpDef) bool {
	if d == nil || d.Module == nil || d.Module.Name != "Randomization" {
		return false
	}
	switch d.Name {
	case "RandomSubset", "RandomSetOfSubsets", "TestRandomSetOfSubsets":
		return true
	}
	return false
}
