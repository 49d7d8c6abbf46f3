package check

import "math/bits"

// fpSet is the set of fingerprints of the distinct states found: an
// open-addressing hash table of uint64 fingerprints with linear probing.
// Fingerprints are already well mixed 64-bit hashes, so the slot of a
// fingerprint is taken from its value directly (multiply-shift range
// reduction, which works for any table size). 0 marks an empty slot; the
// checker never produces the fingerprint 0 (see fpRaw).
//
// The table grows by a factor 1.5 when its load would exceed 3/4, so between
// two resizes the load stays in [1/2, 3/4]: 8/0.75 = 10.7 to 16 bytes per
// fingerprint. During a resize the old and the new table are both alive
// (2.5 times the old size for a moment).
//
// fpSet is not safe for concurrent use: the checker inserts from a single
// goroutine (the merge step of each batch), which is what makes the search
// order, and so the counts and traces, independent of the number of
// workers.
type fpSet struct {
	tab []uint64
	n   int // fingerprints stored
	max int // grow when n reaches max
}

const fpSetMinSize = 1 << 10

func newFPSet(hint int) *fpSet {
	size := fpSetMinSize
	for size*3/4 < hint {
		size = size * 3 / 2
	}
	return &fpSet{tab: make([]uint64, size), max: size * 3 / 4}
}

// slot is the home slot of fp in a table of size n.
func slot(fp uint64, n int) int {
	hi, _ := bits.Mul64(fp, uint64(n))
	return int(hi)
}

// Insert adds fp and reports whether it was new. fp must not be 0.
func (s *fpSet) Insert(fp uint64) bool {
	if s.n >= s.max {
		s.grow()
	}
	tab := s.tab
	i := slot(fp, len(tab))
	for {
		switch tab[i] {
		case 0:
			tab[i] = fp
			s.n++
			return true
		case fp:
			return false
		}
		i++
		if i == len(tab) {
			i = 0
		}
	}
}

// Contains reports whether fp is in the set.
func (s *fpSet) Contains(fp uint64) bool {
	tab := s.tab
	i := slot(fp, len(tab))
	for {
		switch tab[i] {
		case 0:
			return false
		case fp:
			return true
		}
		i++
		if i == len(tab) {
			i = 0
		}
	}
}

// Len is the number of fingerprints stored.
func (s *fpSet) Len() int { return s.n }

// Bytes is the memory held by the table.
func (s *fpSet) Bytes() int64 { return int64(len(s.tab)) * 8 }

func (s *fpSet) grow() {
	old := s.tab
	size := len(old) * 3 / 2
	tab := make([]uint64, size)
	for _, fp := range old {
		if fp == 0 {
			continue
		}
		i := slot(fp, size)
		for tab[i] != 0 {
			i++
			if i == size {
				i = 0
			}
		}
		tab[i] = fp
	}
	s.tab = tab
	s.max = size * 3 / 4
}
