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
	"bufio"
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
	// MaxStates is the largest number of candidate states kept after an
	// event (1 when every event determined the state).
	MaxStates int
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
}

// Diff is one observed entry: e.g. What "Used[3]".
type Diff struct {
	What     string
	Expected string // the spec's value (Before: the value before the event)
	Observed string // the trace's value
}

// Report writes the divergence in a few lines.
func (d *Divergence) Report(w io.Writer, file string) {
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
	fmt.Fprintf(w, "  event: %s\n", ev)
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

// Check validates the trace read from r against specPath.
func Check(specPath string, r io.ReadSeeker, opts Options) (*Result, error) {
	if opts.MaxCandidates <= 0 {
		opts.MaxCandidates = 64
	}
	start := time.Now()
	br := bufio.NewReaderSize(r, 1<<20)
	first, err := readLine(br)
	if err != nil {
		return nil, fmt.Errorf("reading the header: %v", err)
	}
	consts := map[string]value.Value{}
	if err := headerConstants(first, consts); err != nil {
		return nil, fmt.Errorf("line 1 (header): %v", err)
	}
	last, err := lastLine(r)
	if err != nil {
		return nil, err
	}
	hasEnd := bytes.Contains(last, []byte(`"end"`)) && !bytes.Equal(last, first)
	if hasEnd {
		if err := headerConstants(last, consts); err != nil {
			return nil, fmt.Errorf("end record: %v", err)
		}
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	br.Reset(r)
	if _, err := readLine(br); err != nil {
		return nil, err
	}
	m, err := loadModel(specPath, consts, opts)
	if err != nil {
		return nil, err
	}
	res := &Result{PerAction: map[string]int{}, Constants: consts, MaxStates: 1}
	defer func() { res.Elapsed = time.Since(start) }()
	// A second goroutine reads and decodes the lines ahead of the
	// checker, in batches.
	batches := make(chan []item, 8)
	stop := make(chan struct{})
	defer close(stop)
	go m.decodeAll(br, batches, stop)
	cands := m.init
	var next [][]value.Value
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 10 * time.Second
	}
	nextReport := start.Add(opts.ProgressEvery)
	seen := map[uint64]bool{}
	for batch := range batches {
		for bi := range batch {
			it := &batch[bi]
			if it.readErr != nil {
				return nil, it.readErr
			}
			if it.err != nil {
				res.Divergence = &Divergence{Line: it.line, Event: string(it.raw), Kind: "bad event", Msg: it.err.Error()}
				return res, nil
			}
			ev := &it.ev
			line, b := it.line, it.raw
			a := m.actions[ev.action]
			if a == nil {
				res.Divergence = &Divergence{Line: line, Event: string(b), Action: ev.action, Kind: "unknown action",
					Msg: fmt.Sprintf("Next has no action %s (it has %s)", ev.action, strings.Join(m.order, ", "))}
				return res, nil
			}
			if msg := a.checkDomains(ev.params); msg != "" {
				res.Divergence = &Divergence{Line: line, Event: string(b), Action: a.name, Params: printParams(ev.params),
					Kind: "parameter outside its domain", Msg: msg}
				return res, nil
			}
			next = next[:0]
			var firstSucc []value.Value
			var stepErr error
			for _, st := range cands {
				err := a.op.Run(st, ev.params, func(n []value.Value) {
					if firstSucc == nil {
						firstSucc = n
					}
					if !matches(n, ev.obs) {
						return
					}
					if len(next) > 0 {
						if len(next) == 1 {
							clear(seen)
							seen[value.HashState(next[0])] = true
						}
						h := value.HashState(n)
						if seen[h] || len(next) >= opts.MaxCandidates {
							return
						}
						seen[h] = true
					}
					next = append(next, n)
				})
				if err != nil && stepErr == nil {
					stepErr = err
				}
			}
			if len(next) == 0 {
				dv := &Divergence{Line: line, Event: string(b), Action: a.name, Params: printParams(ev.params)}
				switch {
				case stepErr != nil:
					dv.Kind, dv.Msg = "evaluation error", stepErr.Error()
				case firstSucc == nil:
					dv.Kind = "not enabled"
					dv.Msg = fmt.Sprintf("%s(%s) is not enabled in the state reached after line %d", a.name, printParams(ev.params), line-1)
				default:
					dv.Kind = "values differ"
					dv.Diffs = diffs(firstSucc, ev.obs)
				}
				dv.Before = before(cands[0], ev.obs)
				res.Divergence = dv
				return res, nil
			}
			cands, next = next, cands[:0]
			if len(cands) > res.MaxStates {
				res.MaxStates = len(cands)
			}
			res.Events++
			res.PerAction[a.name]++
			if opts.Progress != nil && res.Events&1023 == 0 {
				if now := time.Now(); now.After(nextReport) {
					opts.Progress(Progress{Events: res.Events, Line: line, Elapsed: now.Sub(start)})
					nextReport = now.Add(opts.ProgressEvery)
				}
			}
		}
	}
	return res, nil
}

// item is one decoded line.
type item struct {
	line    int
	raw     []byte
	ev      event
	err     error // the line is not a well-formed event
	readErr error // reading the file failed
}

// decodeAll reads event lines (the header is already consumed) and sends
// them decoded, in batches, until the end record or the end of the file.
func (m *model) decodeAll(br *bufio.Reader, out chan<- []item, stop <-chan struct{}) {
	defer close(out)
	d := &decoder{null: m.null}
	const size = 256
	batch := make([]item, 0, size)
	// Lines and observations of a batch share two arenas.
	var raws []byte
	var obsArena []obs
	send := func() bool {
		select {
		case out <- batch:
			batch = make([]item, 0, size)
			raws, obsArena = nil, nil
			return true
		case <-stop:
			return false
		}
	}
	for line := 2; ; line++ {
		b, err := readLine(br)
		if err == io.EOF {
			break
		}
		if err != nil {
			batch = append(batch, item{line: line, readErr: err})
			break
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		if cap(raws)-len(raws) < len(b) {
			raws = make([]byte, 0, max(64<<10, len(b)))
		}
		start := len(raws)
		raws = append(raws, b...)
		it := item{line: line, raw: raws[start:len(raws):len(raws)]}
		ev, perr := m.parseEvent(d, it.raw)
		if perr != nil {
			if isEnd(b) {
				break
			}
			it.err = perr
			batch = append(batch, it)
			break
		}
		if ev == nil { // the end record
			break
		}
		if cap(obsArena)-len(obsArena) < len(ev.obs) {
			obsArena = make([]obs, 0, max(4096, len(ev.obs)))
		}
		o := len(obsArena)
		obsArena = append(obsArena, ev.obs...)
		it.ev = event{action: ev.action, params: ev.params, obs: obsArena[o:len(obsArena):len(obsArena)]}
		batch = append(batch, it)
		if len(batch) == size && !send() {
			return
		}
	}
	if len(batch) > 0 {
		send()
	}
}

// CheckFile is Check on the trace file at path.
func CheckFile(specPath, path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Check(specPath, f, opts)
}

func isEnd(b []byte) bool { return bytes.HasPrefix(bytes.TrimSpace(b), []byte(`{"end"`)) }

func readLine(br *bufio.Reader) ([]byte, error) {
	b, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		buf := append([]byte(nil), b...)
		for err == bufio.ErrBufferFull {
			b, err = br.ReadSlice('\n')
			buf = append(buf, b...)
		}
		b = buf
	}
	if err == io.EOF && len(b) > 0 {
		err = nil
	}
	return bytes.TrimRight(b, "\r\n"), err
}

// lastLine returns the last non-empty line of r.
func lastLine(r io.ReadSeeker) ([]byte, error) {
	size, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	n := int64(1 << 16)
	for {
		if n > size {
			n = size
		}
		if _, err := r.Seek(size-n, io.SeekStart); err != nil {
			return nil, err
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		buf = bytes.TrimRight(buf, "\r\n\t ")
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			return buf[i+1:], nil
		}
		if n == size {
			return buf, nil
		}
		n *= 4
	}
}

// headerConstants reads the "constants" record of a header or end line.
func headerConstants(b []byte, into map[string]value.Value) error {
	v, err := parseValue(b, nil)
	if err != nil {
		return err
	}
	rec, ok := v.(*value.Fcn)
	if !ok {
		return errors.New("not a JSON object")
	}
	cv, ok := rec.Apply(value.Intern("constants"))
	if !ok {
		return nil
	}
	cr, ok := cv.(*value.Fcn)
	if !ok || !cr.IsRecord() {
		return errors.New(`"constants" is not an object`)
	}
	for i, k := range cr.Dom {
		into[k.(*value.Str).S] = cr.Vals[i]
	}
	return nil
}

// parseEvent decodes one event line; nil, nil for the end record.
func (m *model) parseEvent(d *decoder, b []byte) (ev *event, err error) {
	defer func() {
		if r := recover(); r != nil {
			se, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			ev, err = nil, se
		}
	}()
	d.b, d.i = b, 0
	d.expect('{')
	ev = &m.ev
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
			ev.params = t.Vals
		case "o":
			d.expect('[')
			if d.peek() == ']' {
				d.i++
				break
			}
			for {
				d.expect('[')
				name := d.raw()
				slot, ok := m.slot[string(name)]
				if !ok {
					d.fail("the spec has no variable %s", name)
				}
				o := obs{slot: slot, name: m.vars[slot]}
				d.expect(',')
				first := d.value()
				if d.more(']') {
					o.key, o.hasKey = first, true
					o.val = d.value()
					d.expect(']')
				} else {
					o.val = first
				}
				ev.obs = append(ev.obs, o)
				if !d.more(']') {
					break
				}
			}
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
