package check

import (
	"math/rand/v2"
	"testing"
)

// TestFPSetAgainstMap inserts random fingerprints (with duplicates) through
// many resizes and compares every answer with a Go map.
func TestFPSetAgainstMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := newFPSet(0)
	ref := map[uint64]bool{}
	startSize := len(s.tab)
	var pool []uint64
	for i := 0; i < 300000; i++ {
		var fp uint64
		if len(pool) > 0 && rng.IntN(4) == 0 {
			fp = pool[rng.IntN(len(pool))] // a duplicate
		} else {
			fp = rng.Uint64() | 1
			pool = append(pool, fp)
		}
		if got, want := s.Insert(fp), !ref[fp]; got != want {
			t.Fatalf("Insert(%#x) = %v, want %v (after %d inserts)", fp, got, want, i)
		}
		ref[fp] = true
	}
	if s.Len() != len(ref) {
		t.Fatalf("Len = %d, want %d", s.Len(), len(ref))
	}
	if len(s.tab) == startSize {
		t.Fatal("the table never grew")
	}
	for fp := range ref {
		if !s.Contains(fp) {
			t.Fatalf("lost %#x after resizing", fp)
		}
	}
	for i := 0; i < 100000; i++ {
		fp := rng.Uint64() | 1
		if s.Contains(fp) != ref[fp] {
			t.Fatalf("Contains(%#x) = %v, want %v", fp, s.Contains(fp), ref[fp])
		}
	}
	// Load between 1/2 and 3/4 after growth: 10.7 to 16 bytes per entry.
	perState := float64(s.Bytes()) / float64(s.Len())
	if perState > 16.01 || perState < 10.6 {
		t.Errorf("%.1f bytes per fingerprint, want 10.7..16", perState)
	}
}

// TestFPSetClusteredKeys uses fingerprints that share their high bits (the
// bits that choose the slot), the worst case for the table's probing.
func TestFPSetClusteredKeys(t *testing.T) {
	s := newFPSet(0)
	for i := uint64(1); i <= 20000; i++ {
		if !s.Insert(i) {
			t.Fatalf("Insert(%d) reported a duplicate", i)
		}
	}
	for i := uint64(1); i <= 20000; i++ {
		if s.Insert(i) || !s.Contains(i) {
			t.Fatalf("fingerprint %d lost", i)
		}
	}
	if s.Contains(20001) {
		t.Fatal("Contains(20001) is true")
	}
}

func TestFPSetHint(t *testing.T) {
	s := newFPSet(100000)
	n := len(s.tab)
	for i := uint64(1); i <= 100000; i++ {
		s.Insert(i * 0x9E3779B97F4A7C15)
	}
	if len(s.tab) != n {
		t.Errorf("a set sized for 100000 grew from %d to %d slots", n, len(s.tab))
	}
}

func BenchmarkFPSetInsert(b *testing.B) {
	s := newFPSet(0)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < b.N; i++ {
		s.Insert(rng.Uint64() | 1)
	}
}

func BenchmarkGoMapInsert(b *testing.B) {
	s := map[uint64]uint64{}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < b.N; i++ {
		s[rng.Uint64()|1] = 0
	}
}

// BenchmarkFPSet50M fills a set with 50 million random fingerprints (the
// size of a model that must fit in 24 GiB) and reports the bytes per
// fingerprint of the final table and of the peak (during the last resize).
//
//	go test ./gotlc/check -run XXX -bench FPSet50M -benchtime 1x
func BenchmarkFPSet50M(b *testing.B) {
	const n = 50_000_000
	for i := 0; i < b.N; i++ {
		s := newFPSet(0)
		rng := rand.New(rand.NewPCG(5, 6))
		var peak int64
		for j := 0; j < n; j++ {
			if s.n >= s.max { // the next Insert resizes: old and new tables alive
				peak = max(peak, s.Bytes()+s.Bytes()*3/2)
			}
			s.Insert(rng.Uint64() | 1)
		}
		if s.Len() < n-1000 {
			b.Fatalf("%d fingerprints kept", s.Len())
		}
		b.ReportMetric(float64(s.Bytes())/float64(s.Len()), "B/state")
		b.ReportMetric(float64(peak)/float64(s.Len()), "peakB/state")
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/insert")
	}
}
