package tracecheck

import (
	"bytes"
	"encoding/binary"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

// binaryTrace reads testdata/perheap's binary trace of the implementation
// (its .vatrace file: veralloc tracerun -ops 400 -goroutines 3 -seed 3
// -remote-batch 3 -format binary) and the same trace as NDJSON (veralloc
// tracecat of it).
func binaryTrace(t *testing.T) (bin, nd []byte) {
	t.Helper()
	bin, err := os.ReadFile("testdata/perheap/run.vatrace")
	if err != nil {
		t.Fatal(err)
	}
	nd, err = os.ReadFile("testdata/perheap/run.vatrace.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	return bin, nd
}

func checkBytes(t *testing.T, b []byte) *Result {
	t.Helper()
	res, err := Check(allocatorSpec, bytes.NewReader(b), Options{Config: "../../tla/Trace.cfg"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Both formats of one trace validate, with the same counts.
func TestBinaryTraceValidates(t *testing.T) {
	bin, nd := binaryTrace(t)
	rb, rn := checkBytes(t, bin), checkBytes(t, nd)
	for _, r := range []*Result{rb, rn} {
		if !r.OK() {
			var b strings.Builder
			r.Divergence.Report(&b, "run.vatrace")
			t.Fatal(b.String())
		}
	}
	if rb.Events != rn.Events || rb.Logs != rn.Logs || rb.Events < 1000 || rb.PerAction["FreeToBatch"] == 0 {
		t.Fatalf("binary: %d events of %d logs %v; NDJSON: %d of %d", rb.Events, rb.Logs, rb.PerAction, rn.Events, rn.Logs)
	}
	for a, n := range rn.PerAction {
		if rb.PerAction[a] != n {
			t.Fatalf("%s: %d binary events, %d NDJSON", a, rb.PerAction[a], n)
		}
	}
}

// Each binary record decodes into the event its NDJSON line decodes into:
// the same log, number, window, versions, action, parameters and
// observations (two decoders, one per format, agreeing value by value).
func TestBinaryDecodesAsNDJSON(t *testing.T) {
	bin, nd := binaryTrace(t)
	hdr, body, err := binaryHeader(bin)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := parseTables(hdr)
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]value.Value{}
	ndHdr, _, _ := bytes.Cut(nd, []byte("\n"))
	if err := headerConstants(ndHdr, consts); err != nil {
		t.Fatal(err)
	}
	fb, fe := splitBinary(body, true, tb)
	if fe != nil {
		t.Fatal(fe.msg)
	}
	fn, fe := splitLogs(nd, true)
	if fe != nil {
		t.Fatal(fe.msg)
	}
	if err := headerConstants(fn.end.raw, consts); err != nil {
		t.Fatal(err)
	}
	m, err := loadModel(allocatorSpec, consts, Options{Config: "../../tla/Trace.cfg"})
	if err != nil {
		t.Fatal(err)
	}
	mb := *m
	mb.bin = m.bindTables(tb)
	if len(fb.order) != len(fn.order) || !slices.Equal(fb.ids, fn.ids) {
		t.Fatalf("%d binary events of logs %v, %d NDJSON of %v", len(fb.order), fb.ids, len(fn.order), fn.ids)
	}
	db, dn := &decoder{null: m.null}, &decoder{null: m.null}
	for i := range fb.order {
		lb := &fb.logs[fb.order[i].log][fb.order[i].idx]
		ln := &fn.logs[fn.order[i].log][fn.order[i].idx]
		if lb.line != ln.line || lb.t0 != ln.t0 || lb.t1 != ln.t1 || lb.cas != ln.cas || len(lb.vers) != len(ln.vers) {
			t.Fatalf("event %d: binary %+v, NDJSON %+v", i+1, lb, ln)
		}
		for k := range lb.vers {
			vb, vn := lb.vers[k], ln.vers[k]
			if fb.objs[vb.obj].name != fn.objs[vn.obj].name || vb.r != vn.r || vb.w != vn.w || vb.wrote != vn.wrote || vb.fresh != vn.fresh {
				t.Fatalf("line %d: version %+v (%s), NDJSON %+v (%s)", ln.line, vb, fb.objs[vb.obj].name, vn, fn.objs[vn.obj].name)
			}
		}
		var eb, en event
		if _, err := mb.parseEventInto(db, lb.raw, &eb); err != nil {
			t.Fatalf("line %d: binary: %v", ln.line, err)
		}
		if _, err := m.parseEventInto(dn, ln.raw, &en); err != nil {
			t.Fatalf("line %d: NDJSON: %v", ln.line, err)
		}
		same := eb.action == en.action && len(eb.params) == len(en.params) && len(eb.obs) == len(en.obs)
		for k := 0; same && k < len(eb.params); k++ {
			same = value.Equal(eb.params[k], en.params[k])
		}
		for k := 0; same && k < len(eb.obs); k++ {
			ob, on := eb.obs[k], en.obs[k]
			same = ob.slot == on.slot && ob.hasKey == on.hasKey && value.Equal(ob.key, on.key) && value.Equal(ob.val, on.val)
		}
		if !same {
			t.Fatalf("line %d decodes differently:\nbinary %s\nNDJSON %s", ln.line, mb.renderBinary(lb.raw), ln.raw)
		}
	}
}

// records splits a binary trace's body into its records.
func records(t *testing.T, body []byte) [][]byte {
	var out [][]byte
	for len(body) > 0 {
		n := 0
		switch body[0] {
		case binEvent:
			n = int(binary.LittleEndian.Uint16(body[6:]))
		case binEnd:
			n = 5 + int(binary.LittleEndian.Uint32(body[1:]))
		default:
			t.Fatalf("a record of kind %d", body[0])
		}
		out = append(out, body[:n])
		body = body[n:]
	}
	return out
}

// The binary format's framing is checked as the NDJSON's is, and so are
// its records: a record dropped (a gap), one repeated, the end record
// missing or followed by a record, a record cut short or of unknown kind,
// an action or variable index outside the header's tables.
func TestBinaryFramingCorruptionsFail(t *testing.T) {
	bin, _ := binaryTrace(t)
	hdr, body, err := binaryHeader(bin)
	if err != nil {
		t.Fatal(err)
	}
	head := bin[:len(bin)-len(body)]
	recs := records(t, body)
	last := len(recs) - 1
	join := func(rs [][]byte) []byte {
		return append(append([]byte(nil), head...), bytes.Join(rs, nil)...)
	}
	if !checkBytes(t, join(recs)).OK() {
		t.Fatal("the records joined again do not validate")
	}
	wantFraming(t, checkBytes(t, join(without(recs, 100))), "a gap or a repeat")
	dup := append(append(append([][]byte{}, recs[:101]...), recs[100]), recs[101:]...)
	wantFraming(t, checkBytes(t, join(dup)), "a gap or a repeat")
	wantFraming(t, checkBytes(t, join(recs[:last])), "no end record")
	wantFraming(t, checkBytes(t, join(append(append([][]byte{}, recs...), recs[5]))), "after the end record")
	wantFraming(t, checkBytes(t, join(recs)[:len(bin)-len(recs[last])-7]), "event record")
	wantFraming(t, checkBytes(t, join(with(recs, 7, []byte{9, 0, 0}))), "unknown kind")
	bad := func(i, off int, b byte) [][]byte {
		r := append([]byte(nil), recs[i]...)
		r[off] = b
		return with(recs, i, r)
	}
	// The action index (byte 1), the first observation's variable (after
	// the fixed part and the parameters): decoded when the merge reaches
	// the event, which it reports as a bad event.
	res := checkBytes(t, join(bad(10, 1, 200)))
	if res.OK() || !strings.Contains(res.Divergence.Msg, "action 200") {
		t.Fatalf("an action outside the tables: %+v", res.Divergence)
	}
	if _, err := parseTables(hdr); err != nil {
		t.Fatal(err)
	}
	if _, err := parseTables([]byte(`{"trace":"veralloc"}`)); err == nil {
		t.Fatal("a header without tables parses")
	}
}
