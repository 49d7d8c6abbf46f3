// Package tracecheck validates a trace of an implementation against a
// TLA+ specification: each event of the trace must be a step the spec's
// next-state relation allows from the state the previous events reached.
//
// A trace is NDJSON (one JSON object a line, values encoded as in json.go):
//
//	{"trace": ..., "constants": {"Cap": 8, ...}}          header (first line)
//	{"a": "FreeRemote", "p": [2, [3, 4]], "o": [...]}     one line per event
//	{"end": true, "constants": {"Slabs": {"$set": [1, 2]}, ...}}   optional end record (last line)
//
// The constants of the header and of the end record (which wins) bind the
// spec's CONSTANTS (a -config may bind or override more). An event names an
// action of Next ("a": Alloc, DrainRemote, ...; Actions lists them), gives
// its parameters ("p", in the definition's order) and observations ("o"):
// [var, key, value] says var'[key] = value (for a set-valued variable:
// whether key is in var'), [var, value] says var' = value. Variables and
// entries the event does not observe are whatever the spec's successor
// gives them: every successor of the action that agrees with the
// observations is kept (up to Options.MaxCandidates states), so a trace may
// observe as little as its implementation can see.
//
// The check stops at the first event no kept state can take: the action is
// not enabled with these parameters, a parameter lies outside the domain
// of the \E that binds it in Next, or every successor disagrees with an
// observation (the differences are reported).
package tracecheck

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/value"
)

// Result is the outcome of checking one trace.
type Result struct {
	Events     int            // events validated (before a divergence)
	PerAction  map[string]int // validated events per action
	Elapsed    time.Duration
	Constants  map[string]value.Value
	Divergence *Divergence // nil when the whole trace is a behaviour of the spec
	Logs       int         // the logs merged (1 for a trace of one sequence)
	// Stutters counts the failed CASes the checker found changed no
	// variable of the spec (validated as stuttering steps; in Events).
	Stutters int
	// Backtracks counts the search's returns to a choice point;
	// Incomplete says it stopped at one of its bounds (Options.Window,
	// MaxBacktracks) before it had tried every interleaving: the
	// divergence is then the shortest dead end it found.
	Backtracks int
	Incomplete bool
	Tries      int // events tried at the head of a log (>= Events)
}

// OK reports whether the trace is a behaviour of the spec.
func (r *Result) OK() bool { return r.Divergence == nil }

// Divergence describes the first event the spec does not allow.
type Divergence struct {
	Line   int    // line number in the trace file (1-based)
	Event  string // the line as written
	Action string // the action the event names
	Params string // its parameters, in TLA+ syntax
	Kind   string // "values differ", "not enabled", "parameter outside its domain", "unknown action", "bad event"
	Msg    string
	// Diffs, for "values differ": what the spec's step gives where the
	// trace observed something else (from the first successor).
	Diffs []Diff
	// Before shows, for the observed entries, their values in the state
	// before the event.
	Before []Diff
	// Merged is the length of the prefix at which the merge found no
	// move (events merged, all logs together); Positions the events
	// merged of each log; Heads, for each log not finished, why its next
	// event cannot come next. The fields above describe the first head
	// whose failure is the spec's (not the versions' order).
	Merged    int
	Positions []int
	Logs      []int64 // the log of each entry of Positions
	Heads     []HeadReport
	Truncated bool // the search stopped at a bound (Result.Incomplete)
}

// Diff is one observed entry: e.g. What "Used[3]".
type Diff struct {
	What     string
	Expected string // the spec's value (Before: the value before the event)
	Observed string // the trace's value
}

// Report writes the divergence in a few lines.
func (d *Divergence) Report(w io.Writer, file string) {
	if d.Kind == "framing" {
		fmt.Fprintf(w, "%s:%d: the trace is not well framed: %s\n", file, d.Line, d.Msg)
		return
	}
	fmt.Fprintf(w, "%s:%d: event %s(%s) is not a step of the spec: %s\n", file, d.Line, d.Action, d.Params, d.Kind)
	if d.Msg != "" {
		fmt.Fprintf(w, "  %s\n", d.Msg)
	}
	for _, df := range d.Diffs {
		fmt.Fprintf(w, "  %s: spec %s %s, trace has %s\n", df.What, d.Action, df.Expected, df.Observed)
	}
	if len(d.Before) > 0 {
		fmt.Fprintf(w, "  before the event:")
		for i, b := range d.Before {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, " %s = %s", b.What, b.Expected)
		}
		fmt.Fprintln(w)
	}
	ev := d.Event
	if len(ev) > 600 {
		ev = ev[:600] + "..."
	}
	if ev != "" {
		fmt.Fprintf(w, "  event: %s\n", ev)
	}
	d.reportHeads(w, file)
	if d.Truncated {
		fmt.Fprintf(w, "  (the search stopped at its bounds before trying every interleaving; this is the shortest dead end it found)\n")
	}
}

// obs is one observation of an event.
type obs struct {
	slot   int
	name   string
	key    value.Value // nil: the whole variable
	val    value.Value
	hasKey bool
}

type event struct {
	action string
	params []value.Value
	obs    []obs
}

// readAll reads r to its end into a buffer of the size r's end gives
// (io.ReadAll's growing copies were a sixth of a large trace's check).
func readAll(r io.ReadSeeker) ([]byte, error) {
	cur, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return io.ReadAll(r)
	}
	end, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	if _, err := r.Seek(cur, io.SeekStart); err != nil {
		return nil, err
	}
	buf := bytes.NewBuffer(make([]byte, 0, end-cur+512))
	_, err = buf.ReadFrom(r)
	return buf.Bytes(), err
}

// Check validates the trace read from r against specPath. The whole trace
// is read into memory (event lines are decoded only when the merge reaches
// them).
func Check(specPath string, r io.ReadSeeker, opts Options) (*Result, error) {
	if opts.MaxCandidates <= 0 {
		opts.MaxCandidates = 64
	}
	start := time.Now()
	data, err := readAll(r)
	if err != nil {
		return nil, err
	}
	return checkData(specPath, data, start, opts)
}

// checkData is Check on the trace data (whose reading started at start).
// Nothing in the result refers to data.
func checkData(specPath string, data []byte, start time.Time, opts Options) (*Result, error) {
	var err error
	var hdr, body []byte
	var tables *binTables
	bin := isBinary(data)
	if bin {
		if hdr, body, err = binaryHeader(data); err != nil {
			return nil, err
		}
		if tables, err = parseTables(hdr); err != nil {
			return nil, fmt.Errorf("line 1 (header): %v", err)
		}
	} else {
		hdr, _, _ = bytes.Cut(data, []byte("\n"))
		hdr = bytes.TrimRight(hdr, "\r")
	}
	consts := map[string]value.Value{}
	if err := headerConstants(hdr, consts); err != nil {
		return nil, fmt.Errorf("line 1 (header): %v", err)
	}
	perHeap := bytes.Contains(hdr, []byte(`"logs":"per-heap"`))
	res := &Result{PerAction: map[string]int{}, Constants: consts}
	defer func() { res.Elapsed = time.Since(start) }()
	var f *framed
	var ferr *frameErr
	if bin {
		f, ferr = splitBinary(body, perHeap, tables)
	} else {
		f, ferr = splitLogs(data, perHeap)
	}
	if ferr != nil {
		ev := string(ferr.raw)
		if bin && ferr.raw != nil {
			ev = fmt.Sprintf("(binary record of %d bytes)", len(ferr.raw))
		}
		res.Divergence = &Divergence{Line: ferr.line, Event: ev, Kind: "framing", Msg: ferr.msg}
		return res, nil
	}
	if f.end != nil {
		if err := headerConstants(f.end.raw, consts); err != nil {
			return nil, fmt.Errorf("end record: %v", err)
		}
	}
	m, err := loadModel(specPath, consts, opts)
	if err != nil {
		return nil, err
	}
	m.dec.null = m.null
	if bin {
		m.bin = m.bindTables(tables)
	}
	mg := newMerger(m, f, opts)
	if f.end != nil {
		fo, err := m.finalObs(f.end.raw)
		if err != nil {
			res.Divergence = &Divergence{Line: f.end.line, Kind: "bad event", Msg: "end record: " + err.Error()}
			return res, nil
		}
		mg.final = fo
	}
	f.indexVersions()
	res.Logs = len(f.logs)
	mg.startPrefetch()
	defer mg.stopPrefetch() // also on a panic: the caller may unmap data next (CheckFile)
	dv := mg.run(m.init)
	mg.stopPrefetch()
	res.Backtracks, res.Incomplete, res.Tries = mg.backs, mg.truncated, mg.tries
	if dv != nil {
		dv.Truncated = mg.truncated
		res.Divergence = dv
		res.Events = dv.Merged
		return res, nil
	}
	res.Events, res.Stutters = mg.placed, mg.stutters
	// Every event was merged once on the path found: count them by action.
	d := &decoder{null: m.null}
	for _, l := range f.logs {
		for _, le := range l {
			res.PerAction[m.actionOf(d, le.raw)]++
		}
	}
	if f.end != nil && f.end.events >= 0 && int64(res.Events) != f.end.events {
		res.Divergence = &Divergence{Line: f.end.line, Kind: "framing",
			Msg: fmt.Sprintf("%d events validated, the end record counts %d", res.Events, f.end.events)}
	}
	return res, nil
}

// actionOf is the "a" of an event line or record ("" if it has none).
func (m *model) actionOf(d *decoder, b []byte) (name string) {
	if m.bin != nil {
		if int(b[1]) < len(m.bin.tb.actions) {
			return m.bin.tb.actions[b[1]]
		}
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			name = ""
		}
	}()
	d.b, d.i = b, 0
	d.expect('{')
	for {
		k := d.raw()
		d.expect(':')
		if string(k) == "a" {
			return string(d.raw())
		}
		d.skip()
		if !d.more('}') {
			return ""
		}
	}
}

// CheckFile is Check on the trace file at path.
//
// The file is mapped into memory when it can be (mapFile): its bytes are
// then outside the Go heap, so that the collector's heap goal (GOGC, 400
// in cmd/gotlc) is not raised by the trace's size.
func CheckFile(specPath, path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if data, unmap, ok := mapFile(f); ok {
		defer unmap()
		if opts.MaxCandidates <= 0 {
			opts.MaxCandidates = 64
		}
		return checkData(specPath, data, time.Now(), opts)
	}
	return Check(specPath, f, opts)
}

func isEnd(b []byte) bool { return bytes.HasPrefix(bytes.TrimSpace(b), []byte(`{"end"`)) }

// headerConstants reads the "constants" record of a header or end line
// (the line's other fields are skipped).
func headerConstants(b []byte, into map[string]value.Value) (err error) {
	defer catchSyntax(&err)
	d := &decoder{b: b}
	var notObject bool
	d.object(func(k []byte) {
		if string(k) != "constants" {
			d.skip()
			return
		}
		cv, ok := d.value().(*value.Fcn)
		if !ok || !cv.IsRecord() {
			notObject = true
			return
		}
		for i, k := range cv.Dom {
			into[k.(*value.Str).S] = cv.At(i)
		}
	})
	if notObject {
		return errors.New(`"constants" is not an object`)
	}
	return nil
}

// parseEvent decodes one event line; nil, nil for the end record.
func (m *model) parseEvent(d *decoder, b []byte) (ev *event, err error) {
	return m.parseEventInto(d, b, &m.ev)
}

// parseEventInto decodes one event line into into (reused); nil, nil for
// the end record.
func (m *model) parseEventInto(d *decoder, b []byte, into *event) (ev *event, err error) {
	if m.bin != nil {
		return m.parseBinaryInto(d, b, into)
	}
	defer catchSyntax(&err)
	d.b, d.i = b, 0
	d.expect('{')
	ev = into
	ev.action, ev.params, ev.obs = "", nil, ev.obs[:0]
	for {
		k := d.raw()
		d.expect(':')
		switch string(k) {
		case "end":
			return nil, nil
		case "a":
			name := d.raw()
			if a := m.actions[string(name)]; a != nil {
				ev.action = a.name
			} else {
				ev.action = string(name)
			}
		case "p":
			t, ok := d.value().(*value.Fcn)
			if !ok || !t.IsSeq() {
				d.fail(`"p" must be an array`)
			}
			ev.params = t.Values()
		case "o":
			ev.obs = m.parseObs(d, ev.obs)
		default:
			d.value()
		}
		if !d.more('}') {
			break
		}
	}
	if ev.action == "" {
		return nil, errors.New(`the event names no action ("a")`)
	}
	return ev, nil
}

// text is an event as a report shows it: its line, or (binary) a
// rendering of its record.
func (m *model) text(raw []byte) string {
	if m.bin != nil {
		return m.renderBinary(raw)
	}
	return string(raw)
}

// lookup is the value an observation refers to in state s.
func lookup(s []value.Value, o *obs) (value.Value, bool) {
	v := s[o.slot]
	if !o.hasKey {
		return v, true
	}
	if f, ok := v.(*value.Fcn); ok {
		return f.Apply(o.key)
	}
	if value.IsSet(v) {
		in, err := value.Member(o.key, v)
		if err != nil {
			return nil, false
		}
		return value.Bool(in), true
	}
	return nil, false
}

func matches(s []value.Value, os []obs) bool {
	for i := range os {
		v, ok := lookup(s, &os[i])
		if !ok || !value.Equal(v, os[i].val) {
			return false
		}
	}
	return true
}

func (o *obs) what() string {
	if !o.hasKey {
		return o.name
	}
	return o.name + "[" + value.String(o.key) + "]"
}

func diffs(s []value.Value, os []obs) []Diff {
	var out []Diff
	for i := range os {
		o := &os[i]
		v, ok := lookup(s, o)
		if ok && value.Equal(v, o.val) {
			continue
		}
		exp := "gives no such entry"
		if ok {
			exp = "gives " + value.String(v)
		}
		if o.hasKey && value.IsSet(s[o.slot]) {
			what := "not in " + o.name
			if v == value.True {
				what = "in " + o.name
			}
			obsWhat := "not in " + o.name
			if o.val == value.True {
				obsWhat = "in " + o.name
			}
			out = append(out, Diff{What: value.String(o.key), Expected: "puts it " + what, Observed: obsWhat})
			continue
		}
		out = append(out, Diff{What: o.what(), Expected: exp, Observed: value.String(o.val)})
	}
	return out
}

func before(s []value.Value, os []obs) []Diff {
	var out []Diff
	done := map[string]bool{}
	for i := range os {
		o := &os[i]
		w := o.what()
		if done[w] {
			continue
		}
		done[w] = true
		v, ok := lookup(s, o)
		if !ok {
			continue
		}
		out = append(out, Diff{What: w, Expected: value.String(v)})
	}
	return out
}

func printParams(ps []value.Value) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = value.String(p)
	}
	return strings.Join(parts, ", ")
}

// checkDomains returns "" when some path of Next admits the parameters.
func (a *action) checkDomains(ps []value.Value) string {
	if len(ps) != len(a.params) {
		return fmt.Sprintf("%s takes %d parameters (%s), the event gives %d", a.name, len(a.params), strings.Join(a.params, ", "), len(ps))
	}
	var msg string
	for _, doms := range a.domains {
		ok := true
		for i, d := range doms {
			if d == nil {
				continue
			}
			in, err := value.Member(ps[i], d)
			if err != nil || !in {
				ok = false
				msg = fmt.Sprintf("parameter %s = %s is not in %s", a.params[i], value.String(ps[i]), value.String(d))
				break
			}
		}
		if ok {
			return ""
		}
	}
	return msg
}

// ActionNames lists the actions of the spec's Next that events may name.
func (r *Result) ActionNames() []string {
	names := make([]string, 0, len(r.PerAction))
	for n := range r.PerAction {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
