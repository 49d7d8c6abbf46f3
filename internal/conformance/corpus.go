package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Expect is one recorded TLC run of a corpus entry: one object of its
// expect.json (which holds one object, or an array of them when the entry has
// several configurations). Counts TLC did not print are absent (nil).
type Expect struct {
	Spec   string   `json:"spec"`           // file name of the root module, in the entry's directory
	Config string   `json:"config"`         // file name of the .cfg
	Args   []string `json:"args,omitempty"` // extra flags passed to both TLC and gotlc, e.g. "-deadlock"
	// Size "large" marks an entry run only when VERALLOC_LARGE=1.
	Size string `json:"size,omitempty"`

	Verdict     Verdict `json:"verdict"`
	Invariant   string  `json:"invariant,omitempty"`
	Property    string  `json:"property,omitempty"`
	Exit        int     `json:"exit"`
	Distinct    *int64  `json:"distinct,omitempty"`
	Generated   *int64  `json:"generated,omitempty"`
	Depth       *int64  `json:"depth,omitempty"`
	TraceLength int     `json:"trace_length,omitempty"`
	// CompareTrace asks for every state of the trace to match, not only the
	// last (for entries that test value printing).
	CompareTrace bool `json:"compare_trace,omitempty"`

	// GotlcExpect "refuse" means gotlc must not check this model (it has a
	// liveness property): it must exit non-zero and say why.
	GotlcExpect string `json:"gotlc_expect,omitempty"`

	TLCOut     string `json:"tlc_out,omitempty"` // file holding TLC's full stdout for this run
	TLCVersion string `json:"tlc_version"`
	Recorded   string `json:"recorded"`
	Note       string `json:"note,omitempty"`
}

// Entry is one directory of the corpus.
type Entry struct {
	Name string // directory name
	Dir  string // absolute path
	Runs []Expect
}

// LoadCorpus reads every <dir>/*/expect.json, sorted by name.
func LoadCorpus(dir string) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, de := range des {
		if !de.IsDir() {
			continue
		}
		d := filepath.Join(dir, de.Name())
		runs, err := ReadExpect(filepath.Join(d, "expect.json"))
		if err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			return nil, err
		}
		out = append(out, Entry{Name: de.Name(), Dir: abs, Runs: runs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ReadExpect reads an expect.json holding one object or an array.
func ReadExpect(path string) ([]Expect, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimSpace(data)
	var runs []Expect
	if len(data) > 0 && data[0] == '[' {
		err = json.Unmarshal(data, &runs)
	} else {
		var e Expect
		err = json.Unmarshal(data, &e)
		runs = []Expect{e}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	for i, r := range runs {
		if r.Spec == "" || r.Config == "" {
			return nil, fmt.Errorf("%s: run %d: spec and config are required", path, i)
		}
	}
	return runs, nil
}

// WriteExpect writes runs back, as one object when there is one.
func WriteExpect(path string, runs []Expect) error {
	var v any = runs
	if len(runs) == 1 {
		v = runs[0]
	}
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
