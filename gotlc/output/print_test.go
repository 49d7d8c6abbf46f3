package output

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// TestCollisionEstimateAsTLC compares gotlc's formula and formatting of the
// fingerprint-collision estimate with every value TLC 2.18 printed in the
// corpus records.
func TestCollisionEstimateAsTLC(t *testing.T) {
	counts := regexp.MustCompile(`(?m)^(\d+) states generated, (\d+) distinct states found`)
	n := 0
	for _, file := range testutil.Glob(t, "../testdata/corpus/*/*expected_tlc.out") {
		f, s := file.Path, file.Text
		i := strings.Index(s, "calculated (optimistic):  ")
		if i < 0 {
			continue
		}
		want := strings.TrimSpace(strings.SplitN(s[i+len("calculated (optimistic):  "):], "\n", 2)[0])
		m := counts.FindStringSubmatch(s)
		if m == nil {
			t.Fatalf("%s: no counts", f)
		}
		var gen, dist int64
		json.Unmarshal([]byte(m[1]), &gen)
		json.Unmarshal([]byte(m[2]), &dist)
		if got := CollisionProbability(dist, gen); got != want {
			t.Errorf("%s: %d generated, %d distinct: gotlc %q, TLC %q", f, gen, dist, got, want)
		}
		n++
	}
	if n < 10 {
		t.Fatalf("only %d TLC records with an estimate found", n)
	}
	if got := CollisionProbability(5, 5); got != "val = 0.0" {
		t.Errorf("no duplicates: %q", got)
	}
}
