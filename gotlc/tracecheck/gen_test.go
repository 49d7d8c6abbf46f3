package tracecheck

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/veralloc/veralloc/gotlc/value"
	"github.com/veralloc/veralloc/internal/cputime"
	"github.com/veralloc/veralloc/internal/testutil"
)

const allocatorSpec = "../../tla/Allocator.tla"

// modelConsts are constants of the size of a traced stress run of the
// implementation (cmd/veralloc tracerun): 5 heaps, 11 slabs in 3
// superslabs, 8 blocks a slab, batch 4.
func modelConsts() map[string]value.Value {
	ints := func(n int) value.Value {
		es := make([]value.Value, n)
		for i := range es {
			es[i] = value.Int(i + 1)
		}
		return value.NewSet(es)
	}
	sup := make([]value.Value, 11)
	for i := range sup {
		sup[i] = value.Int(i/4 + 1)
	}
	return map[string]value.Value{
		"Heaps": ints(5), "Slabs": ints(11), "SuperSlabs": ints(3), "SuperOf": value.NewTuple(sup),
		"Cap": value.Int(8), "Batch": value.Int(4), "SllMax": value.Int(4), "RemoteBatch": value.Int(0),
		"Nil": value.NewModel("Nil"), "Bug": value.Intern("none"),
	}
}

// appendJSON writes v in the trace's JSON encoding (null for nilv).
func appendJSON(b []byte, v, nilv value.Value) []byte {
	if nilv != nil && value.Equal(v, nilv) {
		return append(b, "null"...)
	}
	switch t := v.(type) {
	case value.Int:
		return strconv.AppendInt(b, int64(t), 10)
	case value.Bool:
		return strconv.AppendBool(b, bool(t))
	case *value.Str:
		return strconv.AppendQuote(b, t.S)
	case *value.Model:
		return append(append(append(b, `{"$model":`...), strconv.Quote(t.Name)...), '}')
	case *value.Fcn:
		if t.IsRecord() {
			b = append(b, '{')
			for i, k := range t.Dom {
				if i > 0 {
					b = append(b, ',')
				}
				b = strconv.AppendQuote(b, k.(*value.Str).S)
				b = append(b, ':')
				b = appendJSON(b, t.At(i), nilv)
			}
			return append(b, '}')
		}
		b = append(b, '[')
		for i, x := range t.Values() {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, x, nilv)
		}
		return append(b, ']')
	case *value.Set:
		b = append(b, `{"$set":[`...)
		for i, x := range t.Elems {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, x, nilv)
		}
		return append(b, "]}"...)
	}
	panic(fmt.Sprintf("appendJSON: %T", v))
}

// genTrace takes n random steps of the spec's Next (through its actions,
// with random parameters) and writes them as a trace whose events observe
// every entry the step changed.
func genTrace(t testing.TB, consts map[string]value.Value, n int, seed uint64) []byte {
	m, err := loadModel(allocatorSpec, consts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 7))
	var out []byte
	out = append(out, `{"trace":"generated","constants":{`...)
	names := make([]string, 0, len(consts))
	for k := range consts {
		names = append(names, k)
	}
	for i, k := range names {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendQuote(out, k)
		out = append(out, ':')
		if k == "Nil" {
			out = append(out, `{"$model":"Nil"}`...)
			continue
		}
		out = appendJSON(out, consts[k], nil)
	}
	out = append(out, "}}\n"...)
	doms := map[string][][]value.Value{}
	for _, name := range m.order {
		a := m.actions[name]
		var ds [][]value.Value
		for _, d := range a.domains[0] {
			s, err := value.Enumerate(d)
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, s.Elems)
		}
		doms[name] = ds
	}
	state := m.init[0]
	for ev := 0; ev < n; {
		name := m.order[rng.IntN(len(m.order))]
		a := m.actions[name]
		ps := make([]value.Value, len(a.params))
		for i := range ps {
			d := doms[name][i]
			ps[i] = d[rng.IntN(len(d))]
		}
		var succ [][]value.Value
		if err := a.op.Run(state, ps, func(nx []value.Value) { succ = append(succ, nx) }); err != nil {
			t.Fatal(err)
		}
		if len(succ) == 0 {
			continue
		}
		next := succ[rng.IntN(len(succ))]
		ev++
		out = append(out, `{"i":`...)
		out = strconv.AppendInt(out, int64(ev), 10)
		out = append(out, `,"a":`...)
		out = strconv.AppendQuote(out, name)
		out = append(out, `,"p":`...)
		out = appendJSON(out, value.NewTuple(ps), m.null)
		out = append(out, `,"o":[`...)
		first := true
		// change writes one ["var", key, value] element of "o" (key is
		// left out when nil: the whole variable changes).
		change := func(slot int, key []byte, v value.Value) {
			if !first {
				out = append(out, ',')
			}
			first = false
			out = append(out, `["`+m.vars[slot]+`",`...)
			if key != nil {
				out = append(append(out, key...), ',')
			}
			out = appendJSON(out, v, m.null)
			out = append(out, ']')
		}
		for slot, v := range next {
			if value.Equal(v, state[slot]) {
				continue
			}
			old := state[slot]
			switch nv := v.(type) {
			case *value.Fcn:
				of := old.(*value.Fcn)
				for i, k := range nv.Dom {
					if !value.Equal(nv.At(i), of.At(i)) {
						change(slot, appendJSON(nil, k, m.null), nv.At(i))
					}
				}
				if nv.Dom == nil { // tuple-domain functions have Dom == nil
					for i := range nv.Values() {
						if !value.Equal(nv.At(i), of.At(i)) {
							change(slot, strconv.AppendInt(nil, int64(i+1), 10), nv.At(i))
						}
					}
				}
			default:
				change(slot, nil, v)
			}
		}
		out = append(out, "]}\n"...)
		state = next
	}
	return out
}

func TestGeneratedTraceValidates(t *testing.T) {
	tr := genTrace(t, modelConsts(), 3000, 1)
	res, err := Check(allocatorSpec, bytes.NewReader(tr), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		var b strings.Builder
		res.Divergence.Report(&b, "generated")
		t.Fatalf("a trace of the spec's own steps does not validate:\n%s", b.String())
	}
	if res.Events != 3000 {
		t.Fatalf("validated %d events, want 3000", res.Events)
	}
	if len(res.PerAction) < 8 {
		t.Errorf("the random walk took only %d distinct actions: %v", len(res.PerAction), res.PerAction)
	}
}

// Changing one observed value, or dropping one event, makes the check
// stop at that line with the difference.
func TestGeneratedTraceMutations(t *testing.T) {
	tr := genTrace(t, modelConsts(), 1500, 2)
	lines := bytes.Split(bytes.TrimRight(tr, "\n"), []byte("\n"))
	// Find an event that observes Used and change the value.
	var target int
	for i := 400; i < len(lines); i++ {
		if bytes.Contains(lines[i], []byte(`["Used",`)) {
			target = i
			break
		}
	}
	if target == 0 {
		t.Fatal("no event observes Used")
	}
	l := string(lines[target])
	j := strings.Index(l, `["Used",`)
	k := j + strings.Index(l[j:], "]")
	comma := strings.LastIndex(l[j:k], ",") + j
	mut := l[:comma+1] + "99" + l[k:]
	mutated := bytes.Join(append(append(append([][]byte{}, lines[:target]...), []byte(mut)), lines[target+1:]...), []byte("\n"))
	res, err := Check(allocatorSpec, bytes.NewReader(mutated), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || res.Divergence.Line != target+1 || res.Divergence.Kind != "values differ" {
		t.Fatalf("changed Used on line %d: got %+v", target+1, res.Divergence)
	}
	found := false
	for _, d := range res.Divergence.Diffs {
		if strings.HasPrefix(d.What, "Used[") && d.Observed == "99" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the report does not name Used: %+v", res.Divergence.Diffs)
	}

	// Dropping an Alloc makes a later event fail (the trace skips a step).
	for i := 300; i < len(lines); i++ {
		if !bytes.Contains(lines[i], []byte(`"a":"Alloc"`)) {
			continue
		}
		dropped := bytes.Join(append(append([][]byte{}, lines[:i]...), lines[i+1:]...), []byte("\n"))
		res, err := Check(allocatorSpec, bytes.NewReader(dropped), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.OK() {
			t.Fatalf("dropping the Alloc on line %d went unnoticed", i+1)
		}
		if res.Divergence.Line < i+1 {
			t.Fatalf("dropping line %d: divergence reported earlier, at %d", i+1, res.Divergence.Line)
		}
		break
	}

	// An unknown action and a parameter outside its domain.
	bad := append(append([]byte{}, lines[0]...), []byte("\n"+`{"a":"Teleport","p":[1],"o":[]}`)...)
	res, err = Check(allocatorSpec, bytes.NewReader(bad), Options{})
	if err != nil || res.OK() || res.Divergence.Kind != "unknown action" || res.Divergence.Line != 2 {
		t.Fatalf("unknown action: %v %+v", err, res.Divergence)
	}
	bad = append(append([]byte{}, lines[0]...), []byte("\n"+`{"a":"AcquireSlab","p":[1,12],"o":[]}`)...)
	res, err = Check(allocatorSpec, bytes.NewReader(bad), Options{})
	if err != nil || res.OK() || res.Divergence.Kind != "parameter outside its domain" {
		t.Fatalf("slab 12 of 11: %v %+v", err, res.Divergence)
	}
	bad = append(append([]byte{}, lines[0]...), []byte("\n"+`{"a":"Alloc","p":[1],"o":[]}`)...)
	res, err = Check(allocatorSpec, bytes.NewReader(bad), Options{})
	if err != nil || res.OK() || res.Divergence.Kind != "not enabled" {
		t.Fatalf("Alloc from the initial state: %v %+v", err, res.Divergence)
	}
}

// BenchmarkValidate measures events validated per second on a generated
// trace of 20000 events (5 heaps, 11 slabs of 8 blocks), next to its peer,
// decoding the same lines only (the floor any validator pays).
func BenchmarkValidate(b *testing.B) {
	tr := genTrace(b, modelConsts(), 20000, 3)
	b.Run("check", func(b *testing.B) {
		b.SetBytes(int64(len(tr)))
		var events int
		cpu0 := cputime.Process()
		for i := 0; i < b.N; i++ {
			res, err := Check(allocatorSpec, bytes.NewReader(tr), Options{})
			if err != nil || !res.OK() {
				b.Fatal(err, res.Divergence)
			}
			events += res.Events
		}
		testutil.ReportRate(b, events, cpu0, "events")
	})
	b.Run("decode-only", func(b *testing.B) {
		m, err := loadModel(allocatorSpec, modelConsts(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		lines := bytes.Split(bytes.TrimRight(tr, "\n"), []byte("\n"))[1:]
		d := &decoder{null: m.null}
		b.SetBytes(int64(len(tr)))
		var events int
		cpu0 := cputime.Process()
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				if _, err := m.parseEvent(d, l); err != nil {
					b.Fatal(err)
				}
				events++
			}
		}
		testutil.ReportRate(b, events, cpu0, "events")
	})
}

// TestProgressIsReported: with a short ProgressEvery the check reports its
// progress as it goes (every 1024 events at most), with counts that grow and
// lines that follow the events (the header is line 1).
func TestProgressIsReported(t *testing.T) {
	tr := genTrace(t, modelConsts(), 5000, 2)
	var got []Progress
	res, err := Check(allocatorSpec, bytes.NewReader(tr), Options{
		ProgressEvery: time.Nanosecond,
		Progress:      func(p Progress) { got = append(got, p) },
	})
	if err != nil || !res.OK() {
		t.Fatal(err, res.Divergence)
	}
	if len(got) != 5000/1024 {
		t.Fatalf("%d progress reports for 5000 events, want %d: %+v", len(got), 5000/1024, got)
	}
	for i, p := range got {
		if p.Events != (i+1)*1024 || p.Line != p.Events+1 || p.Elapsed <= 0 {
			t.Errorf("report %d: %+v, want %d events at line %d", i, p, (i+1)*1024, (i+1)*1024+1)
		}
	}
}
