//go:build trace

package impl

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
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
// around every action, no two windows could.
func TestTracedActionsOverlap(t *testing.T) {
	a := small(t, func(o *Options) { o.SlabBlocks = 8; o.Batch = 4; o.SllMax = 4 })
	var out bytes.Buffer
	if err := a.StartTrace(&out, a.ClassOf(16)); err != nil {
		t.Fatal(err)
	}
	goHeaps(a, 8, func(g int, h *Heap) {
		rng := rand.New(rand.NewPCG(uint64(g), 1))
		var live [][]byte
		for i := 0; i < 3000; i++ {
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
			mustFree(t, h, b)
		}
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
