package output

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// TraceJSON is the -dumpTrace json format (see gotlc/README.md).
type TraceJSON struct {
	Verdict string      `json:"verdict"`
	Name    string      `json:"name,omitempty"`
	Error   string      `json:"error,omitempty"`
	States  []StateJSON `json:"states"`
	// A liveness counterexample (see Printer.Lasso) goes back from its
	// last state to state LoopStart (from 1) by BackAction, or stutters
	// for ever in its last state.
	LoopStart  int    `json:"loopStart,omitempty"`
	BackAction string `json:"backAction,omitempty"`
	Stuttering bool   `json:"stuttering,omitempty"`
}

// StateJSON is one state of a TraceJSON.
type StateJSON struct {
	Index    int               `json:"index"`
	Action   string            `json:"action"`
	Location string            `json:"location,omitempty"`
	Vars     map[string]string `json:"vars"`
}

// NewTraceJSON returns the error trace of r (of a spec whose program is p)
// in the -dumpTrace json format.
func NewTraceJSON(p *eval.Program, r *check.Result) TraceJSON {
	t := TraceJSON{Verdict: r.Verdict.String(), Name: r.Name, States: []StateJSON{}}
	if r.Err != nil {
		t.Error = r.Err.Error()
	}
	for i, st := range r.Trace {
		s := StateJSON{Index: i + 1, Action: "Initial predicate", Vars: map[string]string{}}
		if st.Label != nil {
			s.Action = st.Label.Name
			s.Location = st.Label.Location()
		}
		for j, v := range p.Vars {
			if st.State[j] == nil {
				s.Vars[v.Name] = "null"
			} else {
				s.Vars[v.Name] = value.StateString(st.State[j])
			}
		}
		t.States = append(t.States, s)
	}
	return t
}

// WriteTraceJSON writes the error trace of r to file as JSON (-dumpTrace
// json FILE), creating its directory.
func WriteTraceJSON(file string, p *eval.Program, r *check.Result) error {
	return writeJSON(file, NewTraceJSON(p, r))
}

func writeJSON(file string, t TraceJSON) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	if dir := filepath.Dir(file); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}
