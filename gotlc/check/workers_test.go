package check

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

const corpus = "../testdata/corpus"

// loadModel builds the model of spec with configuration file config.
func loadModel(t testing.TB, spec, config string) *Model {
	t.Helper()
	m, p, err := Load(spec, config)
	if err != nil {
		t.Fatal(err)
	}
	p.Out = io.Discard // Print and PrintT
	return m
}

// tlcRecord is what TLC 2.18 reported for a corpus entry (expect.json).
type tlcRecord struct {
	Config   string   `json:"config"`
	Args     []string `json:"args"`
	Verdict  string   `json:"verdict"`
	Distinct int64    `json:"distinct"`
	Depth    int      `json:"depth"`
	Trace    int      `json:"trace_length"`
}

func tlcFigures(t *testing.T, dir, config string, deadlock bool) tlcRecord {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	var recs []tlcRecord
	if err := json.Unmarshal(b, &recs); err != nil {
		var one tlcRecord
		if err := json.Unmarshal(b, &one); err != nil {
			t.Fatal(err)
		}
		recs = []tlcRecord{one}
	}
	for _, r := range recs {
		if r.Config == config && slices.Contains(r.Args, "-deadlock") == !deadlock {
			return r
		}
	}
	t.Fatalf("%s: no TLC record for %s", dir, config)
	return tlcRecord{}
}

// outcome is everything a search reports that must not depend on the number
// of workers or on the queue going to disk.
func outcome(r *Result) string {
	s := fmt.Sprintf("%v %q gen=%d distinct=%d left=%d depth=%d out=%d/%d/%d/%d err=%v trace:",
		r.Verdict, r.Name, r.Generated, r.Distinct, r.Left, r.Depth, r.OutMin, r.OutAvg, r.OutMax, r.OutP95, r.Err)
	for _, st := range r.Trace {
		lbl := "init"
		if st.Label != nil {
			lbl = st.Label.Text
		}
		s += fmt.Sprintf(" <%s> %x", lbl, value.HashState(st.State))
	}
	for _, c := range r.Coverage {
		s += fmt.Sprintf(" [%s %d/%d/%d]", c.Name, c.Enabled, c.Generated, c.Distinct)
	}
	return s
}

var verdictNames = map[Verdict]string{Success: "success", InvariantViolated: "invariant", PropertyViolated: "property", Deadlock: "deadlock", EvalError: "eval_error"}

// TestWorkersAndSpillDoNotChangeTheOutcome checks corpus models (successes
// and violations of each kind) with 1, 2 and 4 workers and with a queue
// memory budget so small that every queued state goes through the spill
// file: the verdict, counts, depth, trace and coverage must be identical,
// and agree with TLC's recorded figures.
func TestWorkersAndSpillDoNotChangeTheOutcome(t *testing.T) {
	cases := []struct {
		dir, spec, config string
		deadlock          bool
	}{
		{"treiber", "Treiber.tla", "Treiber.cfg", true},
		{"treiberaba", "TreiberABA.tla", "TreiberABA.cfg", true},
		{"bakerydeadlock", "BakeryStuck.tla", "BakeryStuck.cfg", true},
		{"bakerydeadlock", "BakeryStuck.tla", "BakeryStuck.cfg", false},
		{"kitchensink", "KitchenSink.tla", "SinkBusySymmetry.cfg", true},
		{"constraint", "Bounded.tla", "Edge.cfg", true},
		{"refinement", "RingImpl.tla", "RingOffByOne.cfg", true},
	}
	for _, tc := range cases {
		name := fmt.Sprintf("%s/%s/deadlock=%v", tc.dir, tc.config, tc.deadlock)
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(corpus, tc.dir)
			want := tlcFigures(t, dir, tc.config, tc.deadlock)
			var first string
			for _, run := range []struct {
				workers  int
				queueMem int64
			}{{1, -1}, {2, -1}, {4, -1}, {2, 1}} {
				m := loadModel(t, filepath.Join(dir, tc.spec), filepath.Join(dir, tc.config))
				r := Check(m, Options{Workers: run.workers, CheckDeadlock: tc.deadlock, QueueMem: run.queueMem, TempDir: t.TempDir()})
				got := outcome(r)
				if first == "" {
					first = got
					if verdictNames[r.Verdict] != want.Verdict || r.Distinct != want.Distinct || (want.Depth != 0 && r.Depth != want.Depth) || len(r.Trace) != want.Trace {
						t.Errorf("%s %d distinct, depth %d, trace %d; TLC: %s %d, %d, %d (err %v)",
							verdictNames[r.Verdict], r.Distinct, r.Depth, len(r.Trace), want.Verdict, want.Distinct, want.Depth, want.Trace, r.Err)
					}
				} else if got != first {
					t.Errorf("workers %d, queue memory %d:\n got %s\nwant %s (1 worker)", run.workers, run.queueMem, got, first)
				}
				if run.queueMem == 1 && r.Distinct > 10 && r.SpilledStates == 0 {
					t.Errorf("queue memory 1 byte: no state went to the spill file")
				}
			}
		})
	}
}

// TestTraceFromFile: with a trace log that goes to its file every 8 states,
// error traces (rebuilt from the parents recorded in the file) are the same
// as with the log in memory.
func TestTraceFromFile(t *testing.T) {
	run := func() string {
		dir := filepath.Join(corpus, "treiberaba")
		m := loadModel(t, filepath.Join(dir, "TreiberABA.tla"), filepath.Join(dir, "TreiberABA.cfg"))
		r := Check(m, Options{Workers: 2, CheckDeadlock: true, TempDir: t.TempDir()})
		if r.Verdict != InvariantViolated || len(r.Trace) != 19 {
			t.Fatalf("verdict %v, trace of %d states (err %v)", r.Verdict, len(r.Trace), r.Err)
		}
		return outcome(r)
	}
	inMemory := run()
	old := traceBufRecords
	traceBufRecords = 8
	defer func() { traceBufRecords = old }()
	if fromFile := run(); fromFile != inMemory {
		t.Errorf("trace rebuilt from the file differs:\n got %s\nwant %s", fromFile, inMemory)
	}
}
