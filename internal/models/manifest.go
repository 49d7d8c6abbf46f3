// Package models reads tla/models.json, the manifest of every TLA+ model of
// the project, runs a model checker (TLC or gotlc) on its entries and
// compares each result with what the manifest records.
package models

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// Entry is one model of the manifest.
type Entry struct {
	Name      string   `json:"name"`
	Spec      string   `json:"spec"`                // root module, relative to the repository root
	Config    string   `json:"config"`              // .cfg file, relative to the repository root
	Lib       []string `json:"lib,omitempty"`       // extra module directories (TLC: -DTLA-Library)
	Expect    string   `json:"expect"`              // "success" or "violation"
	Invariant string   `json:"invariant,omitempty"` // the invariant or property reported violated
	Kind      string   `json:"kind,omitempty"`      // "liveness" for a model of temporal properties under fairness; empty for safety
	Property  string   `json:"property,omitempty"`  // a liveness violation: the one temporal property its config checks
	Distinct  int64    `json:"distinct"`            // distinct states TLC reported (-workers 1)
	Depth     int      `json:"depth"`               // depth TLC reported (-workers 1)
	Size      string   `json:"size"`                // "ci" or "large"
	About     string   `json:"about,omitempty"`
}

// Liveness is the Kind of a model that checks temporal properties under
// fairness. TLC reports their violation as "Temporal properties were
// violated." with a lasso (a prefix and a cycle) and does not name the
// property, so each such config checks one property, named in Property.
const Liveness = "liveness"

// IsLiveness reports whether e is a liveness model.
func (e Entry) IsLiveness() bool { return e.Kind == Liveness }

// Manifest is the whole of tla/models.json.
type Manifest struct {
	Recorded  string     `json:"recorded"` // how and when the figures were taken
	Models    []Entry    `json:"models"`
	NotModels []NotModel `json:"not_models,omitempty"`
}

// NotModel is a .cfg under tla/ or proofs/ that is deliberately not a model
// to check exhaustively (for example the trace-validation config), with why.
type NotModel struct {
	Config string `json:"config"`
	Why    string `json:"why"`
}

// Load reads the manifest at path and checks each entry is well formed.
func Load(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	seen := map[string]bool{}
	for i, e := range m.Models {
		where := fmt.Sprintf("%s: model %d (%s)", path, i, e.Name)
		switch {
		case e.Name == "" || seen[e.Name]:
			return nil, fmt.Errorf("%s: missing or duplicate name", where)
		case e.Spec == "" || e.Config == "":
			return nil, fmt.Errorf("%s: spec and config are required", where)
		case e.Expect != "success" && e.Expect != "violation":
			return nil, fmt.Errorf("%s: expect must be success or violation, not %q", where, e.Expect)
		case e.Kind != "" && e.Kind != Liveness:
			return nil, fmt.Errorf("%s: kind must be %q or absent (safety), not %q", where, Liveness, e.Kind)
		case e.Kind == Liveness && e.Invariant != "":
			return nil, fmt.Errorf("%s: a liveness model names its violated property in \"property\", not \"invariant\"", where)
		case e.Kind == Liveness && e.Expect == "violation" && e.Property == "":
			return nil, fmt.Errorf("%s: a liveness violation must name its property", where)
		case e.Kind != Liveness && e.Property != "":
			return nil, fmt.Errorf("%s: \"property\" is for liveness models", where)
		case e.Kind != Liveness && e.Expect == "violation" && e.Invariant == "":
			return nil, fmt.Errorf("%s: a violation must name its invariant", where)
		case e.Size != "ci" && e.Size != "large":
			return nil, fmt.Errorf("%s: size must be ci or large, not %q", where, e.Size)
		}
		seen[e.Name] = true
	}
	return &m, nil
}

// Select returns the entries of the given size ("ci", "large" or "all").
func (m *Manifest) Select(size string) []Entry {
	var out []Entry
	for _, e := range m.Models {
		if size == "all" || e.Size == size {
			out = append(out, e)
		}
	}
	return out
}

// Uncovered lists the .cfg files under the given directories (relative to
// root) that no manifest entry names, so a model cannot be forgotten.
func (m *Manifest) Uncovered(root string, dirs ...string) ([]string, error) {
	named := map[string]bool{}
	for _, e := range m.Models {
		named[filepath.Clean(e.Config)] = true
	}
	for _, n := range m.NotModels {
		named[filepath.Clean(n.Config)] = true
	}
	var missing []string
	for _, d := range dirs {
		err := filepath.Walk(filepath.Join(root, d), func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if !info.IsDir() && filepath.Ext(p) == ".cfg" {
				rel, _ := filepath.Rel(root, p)
				if !named[rel] {
					missing = append(missing, rel)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.Strings(missing)
	return missing, nil
}
