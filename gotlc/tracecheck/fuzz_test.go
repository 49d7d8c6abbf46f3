package tracecheck

import (
	"bytes"
	"testing"
	"time"
)

// FuzzTraceEvents feeds arbitrary bytes as the event lines of a trace whose
// header is valid: the check must end with an error, a divergence or a
// validated trace, never a panic or a hang. The seeds are the first events
// of a generated trace, whole and cut.
func FuzzTraceEvents(f *testing.F) {
	tr := genTrace(f, modelConsts(), 12, 5)
	header, events, _ := bytes.Cut(tr, []byte("\n"))
	f.Add(events)
	lines := bytes.SplitAfter(events, []byte("\n"))
	f.Add(lines[0])
	f.Add(lines[0][:len(lines[0])/2])
	f.Add([]byte(`{"i":1,"a":"Alloc","p":[1],"o":[["Sll",1,null]]}` + "\n"))
	f.Add([]byte(`{"end":true,"events":0}` + "\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		in := append(append(append([]byte{}, header...), '\n'), body...)
		type out struct {
			res *Result
			err error
		}
		done := make(chan out, 1)
		go func() {
			res, err := Check(allocatorSpec, bytes.NewReader(in), Options{})
			done <- out{res, err}
		}()
		var res *Result
		var err error
		select {
		case o := <-done:
			res, err = o.res, o.err
		case <-time.After(5 * time.Second):
			t.Fatalf("checking %d bytes of events did not end in 5 s: %q", len(body), body)
		}
		if err == nil && res == nil {
			t.Fatal("Check returned neither a result nor an error")
		}
		if err == nil && res.Divergence != nil && res.Divergence.Line < 2 {
			t.Fatalf("divergence at line %d, before the first event", res.Divergence.Line)
		}
	})
}
