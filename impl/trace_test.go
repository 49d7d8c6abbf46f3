//go:build trace

package impl

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/veralloc/veralloc/internal/testutil"
)

// tracedEvent is what these tests read of an event line.
type tracedEvent struct {
	H int64    `json:"h"`
	I int64    `json:"i"`
	A string   `json:"a"`
	T [2]int64 `json:"t"`
}

func readTrace(t *testing.T, b []byte) []tracedEvent {
	t.Helper()
	var evs []tracedEvent
	for i, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		if i == 0 || bytes.HasPrefix(l, []byte(`{"end"`)) {
			continue
		}
		var e tracedEvent
		if err := json.Unmarshal(l, &e); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, l)
		}
		evs = append(evs, e)
	}
	return evs
}

// With 8 goroutines on their own heaps, actions of different heaps overlap
// in time: some two events of different logs have windows ("t") that
// interleave. Under the process-wide mutex the traced build used to take
// around every action, no two windows could. The windows here are exact
// (exactWindows: the clock is read before and after every step), so an
// overlap of windows is an overlap of the actions.
func TestTracedActionsOverlap(t *testing.T) {
	exactWindows = true
	defer func() { exactWindows = false }()
	a := small(t, func(o *Options) { o.SlabBlocks = 8; o.Batch = 4; o.SllMax = 4 })
	var out bytes.Buffer
	if err := a.StartTrace(&out, a.ClassOf(16)); err != nil {
		t.Fatal(err)
	}
	goHeaps(a, 8, func(g int, h *Heap) {
		randomAllocFree(t, rand.New(rand.NewPCG(uint64(g), 1)), 3000, h)
	})()
	if _, err := a.StopTrace(); err != nil {
		t.Fatal(err)
	}
	evs := readTrace(t, out.Bytes())
	// Per log, the windows follow one another; across logs, look for two
	// that overlap (a sweep over the events by start time).
	last := map[int64]int64{}
	for _, e := range evs {
		if e.T[1] < e.T[0] || e.T[0] < last[e.H] {
			t.Fatalf("log %d event %d: window %v does not follow the log's previous one (ended %d)", e.H, e.I, e.T, last[e.H])
		}
		last[e.H] = e.T[1]
	}
	byStart := append([]tracedEvent(nil), evs...)
	sortByStart(byStart)
	var open tracedEvent // the window reaching furthest so far
	overlaps := 0
	for i, e := range byStart {
		if i > 0 && e.T[0] < open.T[1] && e.H != open.H {
			overlaps++
		}
		if e.T[1] > open.T[1] {
			open = e
		}
	}
	t.Logf("%d events, %d windows that start inside another log's window", len(evs), overlaps)
	if overlaps == 0 {
		t.Fatal("no two actions of different heaps overlap in time: the traced build serialises them")
	}
}

func sortByStart(evs []tracedEvent) {
	sort.Slice(evs, func(i, j int) bool { return evs[i].T[0] < evs[j].T[0] })
}

// A panic inside a traced action (here inside FreeRemoteCas, between its
// start and its event) propagates to the caller, and the other heaps and
// StopTrace go on: the tracer holds no lock across an action (the traced
// build used to deadlock here, issue 14).
func TestPanicInTracedActionDoesNotHang(t *testing.T) {
	a := small(t, nil)
	var out bytes.Buffer
	if err := a.StartTrace(&out, a.ClassOf(16)); err != nil {
		t.Fatal(err)
	}
	h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
	b1 := mustAlloc(t, h1, 16)
	testHookCAS = func(s *slab) { panic("boom inside FreeRemoteCas") }
	got := testutil.Within(t, 30*time.Second, "the panicking Free did not return", func() (got any) {
		defer func() { got = recover() }()
		h2.Free(b1) // a remote free: FreeRemote, then FreeRemoteCas panics
		return nil
	})
	testHookCAS = nil
	if got != "boom inside FreeRemoteCas" {
		t.Fatalf("recovered %v, want the hook's panic", got)
	}
	err := testutil.Within(t, 30*time.Second, "other heaps' actions or StopTrace hung after a panic inside a traced action", func() error {
		b := mustAlloc(t, h3, 16)
		mustFree(t, h3, b)
		b2 := mustAlloc(t, h1, 16)
		mustFree(t, h1, b2)
		_, err := a.StopTrace()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readTrace(t, out.Bytes())); n == 0 {
		t.Fatal("no event traced")
	}
}

// The NDJSON trace is made of the binary records (each full buffer is
// turned into lines, toJSON): a run traced in the binary format and turned
// into NDJSON by TraceToNDJSON is the NDJSON trace of the same run (one
// goroutine, two heaps handing blocks to each other, with local batches;
// deterministic but for the windows' times). That the lines are the
// events of the spec is gotlc/tracecheck's test (TestBinaryDecodesAsNDJSON).
func TestBinaryTraceIsTheNDJSON(t *testing.T) {
	run := func(bin bool) []byte {
		a := small(t, func(o *Options) { o.SlabBlocks = 8; o.Batch = 4; o.SllMax = 4; o.RemoteBatch = 3 })
		var out bytes.Buffer
		start := a.StartTrace
		if bin {
			start = a.StartTraceBinary
		}
		if err := start(&out, a.ClassOf(16)); err != nil {
			t.Fatal(err)
		}
		h1, h2 := a.NewHeap(), a.NewHeap()
		randomAllocFree(t, rand.New(rand.NewPCG(5, 1)), 4000, h1, h2)
		h1.Close()
		h2.Close()
		if _, err := a.StopTrace(); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	nd, bin := run(false), run(true)
	if !bytes.HasPrefix(bin, []byte(traceMagic)) {
		t.Fatalf("the binary trace starts with %q", bin[:8])
	}
	conv, err := TraceToNDJSON(bin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TraceToNDJSON(bin[:len(bin)-3]); err == nil {
		t.Fatal("a binary trace cut short converts")
	}
	times := regexp.MustCompile(`,"t":\[\d+,\d+\]`)
	a, b := times.ReplaceAll(nd, nil), times.ReplaceAll(conv, nil)
	if !bytes.Equal(a, b) {
		al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
		for i := range min(len(al), len(bl)) {
			if !bytes.Equal(al[i], bl[i]) {
				t.Fatalf("line %d differs:\nNDJSON %s\nbinary %s", i+1, al[i], bl[i])
			}
		}
		t.Fatalf("%d NDJSON lines, %d from the binary records", len(al), len(bl))
	}
	evs := readTrace(t, nd)
	batched := 0
	for _, e := range evs {
		if e.A == "FreeToBatch" {
			batched++
		}
	}
	if len(evs) < 1000 || batched == 0 {
		t.Fatalf("%d events, %d FreeToBatch: the run does not exercise the format", len(evs), batched)
	}
	t.Logf("%d events, %d bytes NDJSON, %d binary", len(evs), len(nd), len(bin))
}

// randomAllocFree makes n random calls, each on one of heaps: an Alloc of
// 16 bytes or a Free of a block allocated before (by any of them); then
// the first heap frees what is left.
func randomAllocFree(t *testing.T, rng *rand.Rand, n int, heaps ...*Heap) {
	var live [][]byte
	for i := 0; i < n; i++ {
		h := heaps[rng.IntN(len(heaps))]
		if len(live) > 0 && rng.IntN(2) == 0 {
			k := rng.IntN(len(live))
			mustFree(t, h, live[k])
			live[k] = live[len(live)-1]
			live = live[:len(live)-1]
			continue
		}
		live = append(live, mustAlloc(t, h, 16))
	}
	for _, b := range live {
		mustFree(t, heaps[0], b)
	}
}
