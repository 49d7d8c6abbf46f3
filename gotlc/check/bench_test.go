package check

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// BenchmarkAllocatorCI checks the allocator's ci model (tla/MCAllocator.cfg,
// 26282 distinct states) with gotlc and, when TLA2TOOLS names tla2tools.jar
// and java is installed, with TLC in the same run, reporting distinct states
// per second for both:
//
//	TLA2TOOLS=/tmp/tlc/tla2tools.jar go test ./gotlc/check -run XXX -bench AllocatorCI -benchtime 1x
func BenchmarkAllocatorCI(b *testing.B) {
	dir := filepath.Join("..", "..", "tla")
	if _, err := os.Stat(filepath.Join(dir, "MCAllocator.tla")); err != nil {
		b.Skip("tla/MCAllocator.tla not found")
	}
	for _, workers := range []int{1, 2} {
		b.Run("gotlc/workers="+strconv.Itoa(workers), func(b *testing.B) {
			var distinct int64
			for i := 0; i < b.N; i++ {
				m, _, err := Load(filepath.Join(dir, "MCAllocator.tla"), filepath.Join(dir, "MCAllocator.cfg"))
				if err != nil {
					b.Fatal(err)
				}
				r := Check(m, Options{Workers: workers, CheckDeadlock: true})
				if r.Verdict != Success || r.Distinct != 26282 || r.Depth != 31 {
					b.Fatalf("verdict %v, %d distinct, depth %d; TLC: success, 26282, 31", r.Verdict, r.Distinct, r.Depth)
				}
				distinct += r.Distinct
			}
			b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
		})
	}
	jar := os.Getenv("TLA2TOOLS")
	if jar == "" {
		b.Log("TLA2TOOLS is not set: TLC not run for comparison")
		return
	}
	if _, err := exec.LookPath("java"); err != nil {
		b.Log("java not found: TLC not run for comparison")
		return
	}
	b.Run("tlc/workers=1", func(b *testing.B) {
		re := regexp.MustCompile(`(?m)^[\d,]+ states generated, ([\d,]+) distinct states found`)
		var distinct int64
		for i := 0; i < b.N; i++ {
			meta := b.TempDir()
			cmd := exec.Command("java", "-XX:+UseParallelGC", "-cp", jar, "tlc2.TLC", "-workers", "1",
				"-metadir", meta, "-config", "MCAllocator.cfg", "MCAllocator.tla")
			cmd.Dir = dir
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if err != nil {
				b.Fatalf("TLC: %v\n%s", err, out)
			}
			_ = start
			m := re.FindSubmatch(out)
			if m == nil {
				b.Fatalf("TLC output without counts:\n%s", out)
			}
			n, _ := strconv.ParseInt(string(regexp.MustCompile(`,`).ReplaceAll(m[1], nil)), 10, 64)
			distinct += n
		}
		b.ReportMetric(float64(distinct)/b.Elapsed().Seconds(), "states/s")
	})
}

// BenchmarkConstructs checks corpus entries written for a construct that was
// slow (see gotlc/results), each against its expect.json (TLC's record):
//
//	go test ./gotlc/check -run XXX -bench Constructs -benchtime 3x
func BenchmarkConstructs(b *testing.B) {
	for _, c := range []struct {
		name     string
		deadlock bool // the cfg's CHECK_DEADLOCK
	}{
		{"lifegrid/LifeGrid", true},      // zero-arity function definition, memoised per state
		{"pathsinst/PathsInst", true},    // Seq(Nodes) inside a parameterised instance, computed once
		{"msgrecords/MsgRecords", false}, // record constructors share their layout (value.RecordShape)
		{"symorbit/SymVotes", false},     // SYMMETRY fingerprinted by orbit (value.Orbit)
		{"dagedges/DagEdges", false},     // <<v, c>> \in es without building the tuple
	} {
		name := c.name
		b.Run(filepath.Base(name), func(b *testing.B) {
			dir := filepath.Join("..", "testdata", "corpus", filepath.Dir(name))
			raw, err := os.ReadFile(filepath.Join(dir, "expect.json"))
			if err != nil {
				b.Fatal(err)
			}
			var want struct {
				Distinct, Generated int64
				Depth               *int
			}
			if err := json.Unmarshal(raw, &want); err != nil || want.Depth == nil {
				b.Fatalf("%s/expect.json: no counts (%v)", dir, err)
			}
			depth := *want.Depth
			spec := filepath.Join("..", "testdata", "corpus", name)
			for i := 0; i < b.N; i++ {
				m, _, err := Load(spec+".tla", spec+".cfg")
				if err != nil {
					b.Fatal(err)
				}
				r := Check(m, Options{Workers: 1, CheckDeadlock: c.deadlock})
				if r.Verdict != Success || r.Distinct != want.Distinct || r.Generated != want.Generated || r.Depth != depth {
					b.Fatalf("verdict %v, %d distinct, %d generated, depth %d; TLC: success, %d, %d, %d",
						r.Verdict, r.Distinct, r.Generated, r.Depth, want.Distinct, want.Generated, depth)
				}
			}
		})
	}
}
