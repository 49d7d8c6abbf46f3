package check

import (
	"path/filepath"
	"strconv"
	"testing"
)

// BenchmarkWorkers measures the speedup of parallel successor generation:
// the same model with 1 and 2 workers in one run (compare the states/s of
// the two sub-benchmarks; the counts are checked to be equal).
//
//	go test ./gotlc/check -run XXX -bench Workers -benchtime 3x
func BenchmarkWorkers(b *testing.B) {
	models := []struct{ name, dir, spec, cfg string }{
		{"Treiber", "treiber", "Treiber.tla", "Treiber.cfg"},
		{"Bakery", "bakery", "Bakery.tla", "Bakery.cfg"},
	}
	for _, m := range models {
		var want int64
		for _, w := range []int{1, 2} {
			b.Run(m.name+"/workers="+strconv.Itoa(w), func(b *testing.B) {
				dir := filepath.Join(corpus, m.dir)
				var distinct int64
				for i := 0; i < b.N; i++ {
					model := loadModel(b, filepath.Join(dir, m.spec), filepath.Join(dir, m.cfg))
					r := Check(model, Options{Workers: w, CheckDeadlock: true})
					if r.Verdict != Success || (want != 0 && r.Distinct != want) {
						b.Fatalf("verdict %v, %d distinct (want %d)", r.Verdict, r.Distinct, want)
					}
					want = r.Distinct
					distinct += r.Distinct
				}
				b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
			})
		}
	}
}
