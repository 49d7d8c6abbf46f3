package check

import (
	"path/filepath"
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

// BenchmarkSymmetry checks two corpus models with and without SYMMETRY and
// reports generated and distinct states per second, so that the cost of
// the reduction per state can be read off (gotlc/README.md records the
// figures):
//
//	go test ./gotlc/check -run XXX -bench Symmetry -benchtime 3x
func BenchmarkSymmetry(b *testing.B) {
	corpus := filepath.Join("..", "testdata", "corpus")
	runs := []struct{ name, dir, spec, cfg string }{
		{"Ballots/plain", "symmetry", "Ballots.tla", "BallotsPlain.cfg"},
		{"Ballots/symmetry", "symmetry", "Ballots.tla", "BallotsSym.cfg"},
		{"KitchenSink/plain", "kitchensink", "KitchenSink.tla", "Sink.cfg"},
		{"KitchenSink/symmetry", "kitchensink", "KitchenSink.tla", "SinkSymmetry.cfg"},
	}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			m, _, err := Load(filepath.Join(corpus, r.dir, r.spec), filepath.Join(corpus, r.dir, r.cfg))
			if err != nil {
				b.Fatal(err)
			}
			var gen, dist int64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				res := Check(m, Options{Workers: 1})
				if res.Verdict != Success {
					b.Fatalf("%v %v", res.Verdict, res.Err)
				}
				gen += res.Generated
				dist += res.Distinct
			}
			b.ReportMetric(float64(gen)/b.Elapsed().Seconds(), "generated/s")
			b.ReportMetric(float64(dist)/b.Elapsed().Seconds(), "distinct/s")
		})
	}
}

// BenchmarkRepresentative compares, over the reachable states of Ballots
// (27649 states, 11 permutations besides the identity), the cost of
// finding a state's representative with what applying every permutation to
// every variable costs, and with the former approach (a hash of every
// permuted state):
//
//	go test ./gotlc/check -run XXX -bench Representative
func BenchmarkRepresentative(b *testing.B) {
	dir := filepath.Join("..", "testdata", "corpus", "symmetry")
	m, _, err := Load(filepath.Join(dir, "Ballots.tla"), filepath.Join(dir, "BallotsSym.cfg"))
	if err != nil {
		b.Fatal(err)
	}
	perms := m.Symmetry
	m.Symmetry = nil
	var states [][]value.Value
	if _, err := Visit(m, func(s []value.Value, _ int) bool { states = append(states, s); return true }); err != nil {
		b.Fatal(err)
	}
	run := func(name string, f func(s []value.Value)) {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				f(states[i%len(states)])
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "states/s")
		})
	}
	run("hash-only", func(s []value.Value) { value.HashState(s) })
	run("representative+hash", func(s []value.Value) {
		r, err := representative(perms, s)
		if err != nil {
			b.Fatal(err)
		}
		value.HashState(r)
	})
	run("permute-all", func(s []value.Value) {
		img := make([]value.Value, len(s))
		for _, p := range perms {
			for j, v := range s {
				img[j] = value.Permute(v, p)
			}
		}
	})
	run("permute-all+hash-each", func(s []value.Value) {
		img := make([]value.Value, len(s))
		for _, p := range perms {
			for j, v := range s {
				img[j] = value.Permute(v, p)
			}
			value.HashState(img)
		}
	})
}
