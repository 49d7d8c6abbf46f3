package tracecheck

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// perHeapTrace is a small trace of the implementation (veralloc tracerun
// -ops 400 -goroutines 3 -seed 3, build tag trace): three goroutines' heaps
// and the reclaim heap, each its own log, with an end record.
func perHeapTrace(t *testing.T) [][]byte {
	t.Helper()
	b, err := os.ReadFile("testdata/perheap/run.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
}

func checkLines(t *testing.T, lines [][]byte) *Result {
	t.Helper()
	res, err := Check(allocatorSpec, bytes.NewReader(append(bytes.Join(lines, []byte("\n")), '\n')), Options{Config: "../../tla/Trace.cfg"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func without(lines [][]byte, i int) [][]byte {
	return append(append([][]byte{}, lines[:i]...), lines[i+1:]...)
}

func with(lines [][]byte, i int, l []byte) [][]byte {
	out := append([][]byte{}, lines...)
	out[i] = l
	return out
}

func wantFraming(t *testing.T, res *Result, msg string) {
	t.Helper()
	if res.OK() {
		t.Fatalf("validated %d events; want a framing failure %q", res.Events, msg)
	}
	if d := res.Divergence; d.Kind != "framing" || !strings.Contains(d.Msg, msg) {
		t.Fatalf("got %s: %s; want a framing failure %q", d.Kind, d.Msg, msg)
	}
}

// The uncorrupted trace validates: every event, as many as the end record
// counts, from 4 logs.
func TestPerHeapTraceValidates(t *testing.T) {
	lines := perHeapTrace(t)
	res := checkLines(t, lines)
	if !res.OK() {
		var b strings.Builder
		res.Divergence.Report(&b, "run.ndjson")
		t.Fatal(b.String())
	}
	if res.Events != len(lines)-2 || res.Logs != 4 {
		t.Fatalf("%d events of %d logs validated, want %d of 4", res.Events, res.Logs, len(lines)-2)
	}
}

// The framing is checked: an end record whose count is not the events', a
// line after the end record, a missing end record, a gap in one log's
// sequence (an event dropped), a log shorter than the end record says.
func TestFramingCorruptionsFail(t *testing.T) {
	lines := perHeapTrace(t)
	last := len(lines) - 1
	end := string(lines[last])
	n := regexp.MustCompile(`"events":(\d+)`).FindStringSubmatch(end)
	if n == nil {
		t.Fatalf("no event count in the end record: %s", end)
	}
	events, _ := strconv.Atoi(n[1])

	t.Run("end count", func(t *testing.T) {
		bad := strings.Replace(end, n[0], `"events":`+strconv.Itoa(events+1), 1)
		wantFraming(t, checkLines(t, with(lines, last, []byte(bad))), "the end record counts")
	})
	t.Run("after the end", func(t *testing.T) {
		wantFraming(t, checkLines(t, append(append([][]byte{}, lines...), lines[1])), "after the end record")
	})
	t.Run("no end", func(t *testing.T) {
		wantFraming(t, checkLines(t, lines[:last]), "no end record")
	})
	t.Run("gap", func(t *testing.T) {
		wantFraming(t, checkLines(t, without(lines, 100)), "a gap or a repeat")
	})
	t.Run("repeat", func(t *testing.T) {
		dup := append(append(append([][]byte{}, lines[:101]...), lines[100]), lines[101:]...)
		wantFraming(t, checkLines(t, dup), "a gap or a repeat")
	})
	t.Run("log cut short", func(t *testing.T) {
		// The last event of some log dropped, and the total adjusted:
		// only the per-log counts show it.
		var h string
		for i := last - 1; i > 0; i-- {
			if m := regexp.MustCompile(`^\{"h":(\d+),`).FindSubmatch(lines[i]); m != nil {
				h = string(m[1])
				cut := without(lines, i)
				bad := strings.Replace(end, n[0], `"events":`+strconv.Itoa(events-1), 1)
				cut[len(cut)-1] = []byte(bad)
				wantFraming(t, checkLines(t, cut), "the end record says log "+h)
				return
			}
		}
		t.Fatal("no event line")
	})
}

// A failed CAS that changed no variable of the spec is a stutter, and the
// checker decides it: the same event not marked "cas":false is a step of
// FreeRemoteCas, which here disagrees with what it observes.
func TestCheckerDecidesFailedCasStutter(t *testing.T) {
	lines := perHeapTrace(t)
	// After a FreeRemote by heap h (Pending[h] = [blk |-> b, seen |-> s],
	// Remote read = s), a failed CAS that re-read the same head relinks b
	// to s again: nothing changes.
	re := regexp.MustCompile(`^\{"h":(\d+),"i":(\d+),"a":"FreeRemote","p":\[\d+,(\[\d+,\d+\])\],.*\["Pending",\d+,(\{[^}]*\})\],\["Remote",(\d+),([^\]]*\]|null)\].*"v":\[\["Remote",\d+,(\d+),null\]\]`)
	for i := 1; i < len(lines)-1; i++ {
		m := re.FindSubmatch(lines[i])
		if m == nil {
			continue
		}
		h, seq := string(m[1]), string(m[2])
		ev := `{"h":` + h + `,"i":` + next(seq) + `,"a":"FreeRemoteCas","p":[` + h + `],"o":[["Pending",` + h + `,` + string(m[4]) + `],["Remote",` + string(m[5]) + `,` + string(m[6]) + `],["next",` + string(m[3]) + `,` + string(m[6]) + `]],"v":[["Remote",` + string(m[5]) + `,` + string(m[7]) + `,null]],"cas":false}`
		ins := func(l string) [][]byte {
			out := append(append(append([][]byte{}, lines[:i+1]...), []byte(l)), lines[i+1:]...)
			// Later events of log h move up by one.
			num := regexp.MustCompile(`^\{"h":` + h + `,"i":(\d+),`)
			for j := i + 2; j < len(out)-1; j++ {
				if m := num.FindSubmatch(out[j]); m != nil {
					out[j] = append([]byte(`{"h":`+h+`,"i":`+next(string(m[1]))+`,`), out[j][len(m[0]):]...)
				}
			}
			// The inserted event has no number; the end record counts it.
			e := string(out[len(out)-1])
			m := regexp.MustCompile(`"events":(\d+)`).FindStringSubmatch(e)
			k, _ := strconv.Atoi(m[1])
			e = strings.Replace(e, m[0], `"events":`+strconv.Itoa(k+1), 1)
			e = regexp.MustCompile(`"logs":\[[^\]]*\],`).ReplaceAllString(e, "")
			out[len(out)-1] = []byte(e)
			return out
		}
		res := checkLines(t, ins(ev))
		if !res.OK() {
			var b strings.Builder
			res.Divergence.Report(&b, "stutter")
			t.Fatalf("a failed CAS that changed nothing is not accepted as a stutter:\n%s", b.String())
		}
		if res.Stutters != 1+countStutters(t, lines) {
			t.Fatalf("%d stutters, want one more than the unchanged trace's", res.Stutters)
		}
		res = checkLines(t, ins(strings.Replace(ev, `,"cas":false`, "", 1)))
		if res.OK() || res.Divergence.Kind != "values differ" || res.Divergence.Action != "FreeRemoteCas" {
			t.Fatalf("the same event as a CAS that succeeded: %+v", res.Divergence)
		}
		return
	}
	t.Fatal("no FreeRemote event to follow")
}

func next(n string) string {
	k, _ := strconv.Atoi(n)
	return strconv.Itoa(k + 1)
}

func countStutters(t *testing.T, lines [][]byte) int {
	res := checkLines(t, lines)
	if !res.OK() {
		t.Fatal("the trace does not validate")
	}
	return res.Stutters
}

// A version read twice over (two writes from one version: a read and a
// write that were not one atomic step) makes the merge fail, naming it.
func TestTwoWritesFromOneVersionFail(t *testing.T) {
	lines := perHeapTrace(t)
	re := regexp.MustCompile(`"v":\[\["Remote",(\d+),(\d+),(\d+)\]\]`)
	for i := 1; i < len(lines)-1; i++ {
		m := re.FindSubmatch(lines[i])
		if m == nil || !bytes.Contains(lines[i], []byte(`"FreeRemoteCas"`)) {
			continue
		}
		// Find the next write over the following version on that
		// object and make it write over the same version again.
		next := `"v":[["Remote",` + string(m[1]) + `,` + string(m[3]) + `,`
		for j := i + 1; j < len(lines)-1; j++ {
			if k := bytes.Index(lines[j], []byte(next)); k >= 0 && !bytes.Contains(lines[j][k+len(next):], []byte("null")) {
				r, _ := strconv.Atoi(string(m[3]))
				bad := bytes.Replace(lines[j], []byte(next), []byte(`"v":[["Remote",`+string(m[1])+`,`+strconv.Itoa(r-1)+`,`), 1)
				res := checkLines(t, with(lines, j, bad))
				if res.OK() {
					t.Fatalf("line %d writing over version %d a second time validated", j+1, r-1)
				}
				var b strings.Builder
				res.Divergence.Report(&b, "twice")
				if !strings.Contains(b.String(), "version") {
					t.Fatalf("the report does not name the versions:\n%s", b.String())
				}
				t.Logf("%s", b.String())
				return
			}
		}
	}
	t.Fatal("no pair of writes on one remote stack")
}
