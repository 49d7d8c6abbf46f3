package spec

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/internal/models"
)

// configFromCfg reads the constants of a .cfg file of tla/MCAllocator.tla
// into a Config. SuperOf is bound by `SuperOf <- MCSuperOfOne` (every slab in
// ss1) or `<- MCSuperOfTwo` (s1 in ss1, s2 in ss2), the two definitions of
// MCAllocator.tla.
func configFromCfg(path string) (Config, error) {
	c, err := cfg.ParseFile(path)
	if err != nil {
		return Config{}, err
	}
	var out Config
	count := func(v *cfg.Value, prefix string) (int, error) {
		if v == nil || v.Kind != cfg.Set {
			return 0, fmt.Errorf("not a set")
		}
		for i, e := range v.Elems {
			if e.Kind != cfg.ModelValue || e.Str != prefix+strconv.Itoa(i+1) {
				return 0, fmt.Errorf("%s is not {%s1, %s2, ...}", v, prefix, prefix)
			}
		}
		return len(v.Elems), nil
	}
	num := func(v *cfg.Value) (int, error) {
		if v == nil || v.Kind != cfg.Int {
			return 0, fmt.Errorf("not an integer")
		}
		return int(v.Int), nil
	}
	superOf := ""
	for _, k := range c.Constants {
		var err error
		switch k.Name {
		case "Heaps":
			out.Heaps, err = count(k.Value, "h")
		case "Slabs":
			out.Slabs, err = count(k.Value, "s")
		case "SuperSlabs":
			out.SuperSlabs, err = count(k.Value, "ss")
		case "Cap":
			out.Cap, err = num(k.Value)
		case "Batch":
			out.Batch, err = num(k.Value)
		case "SllMax":
			out.SllMax, err = num(k.Value)
		case "RemoteBatch":
			out.RemoteBatch, err = num(k.Value)
		case "Bug":
			if k.Value == nil || k.Value.Kind != cfg.Str {
				err = fmt.Errorf("not a string")
			} else {
				out.Bug = k.Value.Str
			}
		case "SuperOf":
			superOf = k.With.Name
		case "Nil", "s1", "s2", "ss1", "ss2":
			if k.Value == nil || k.Value.Kind != cfg.ModelValue || k.Value.Str != k.Name {
				err = fmt.Errorf("want the model value %s", k.Name)
			}
		default:
			err = fmt.Errorf("unknown constant")
		}
		if err != nil {
			return out, fmt.Errorf("%s: constant %s: %w", path, k.Name, err)
		}
	}
	out.SuperOf = make([]SuperSlab, out.Slabs+1)
	for s := 1; s <= out.Slabs; s++ {
		switch superOf {
		case "MCSuperOfOne":
			out.SuperOf[s] = 1
		case "MCSuperOfTwo":
			out.SuperOf[s] = 2
			if s == 1 {
				out.SuperOf[s] = 1
			}
		default:
			return out, fmt.Errorf("%s: SuperOf <- %q is not MCSuperOfOne or MCSuperOfTwo", path, superOf)
		}
	}
	return out, out.Validate()
}

// TestConfigsMatchCfg: CIConfig, BatchConfig and LargeConfig are the
// constants of tla/MCAllocator.cfg, tla/MCAllocatorBatch.cfg and
// tla/MCAllocatorLarge.cfg.
func TestConfigsMatchCfg(t *testing.T) {
	for file, want := range map[string]Config{"MCAllocator.cfg": CIConfig(), "MCAllocatorBatch.cfg": BatchConfig(),
		"MCAllocatorLarge.cfg": LargeConfig()} {
		got, err := configFromCfg(filepath.Join("..", "tla", file))
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("tla/%s is %+v, the Go config %+v", file, got, want)
		}
	}
}

// TestTLCFigures: for every model of tla/MCAllocator.tla recorded in
// tla/models.json (TLC, -workers 1), the Go machine finds the same
// verdict, the same violated invariant, the same number of distinct states
// and the same depth (for a violation: the length of the trace). The large
// model (1063267 states, minutes) runs only when VERALLOC_SPEC_LARGE is set.
func TestTLCFigures(t *testing.T) {
	t.Parallel()
	doc, err := models.Load(filepath.Join("..", "tla", "models.json"))
	if err != nil {
		t.Fatalf("tla/models.json: %v", err)
	}
	ran := 0
	for _, m := range doc.Models {
		if m.Spec != "tla/MCAllocator.tla" {
			continue
		}
		t.Run(m.Name, func(t *testing.T) {
			if m.Size != "ci" && os.Getenv("VERALLOC_SPEC_LARGE") == "" {
				t.Skipf("%s model (%d states): set VERALLOC_SPEC_LARGE=1 to run it", m.Size, m.Distinct)
			}
			if testing.Short() && m.Distinct > 5000 {
				t.Skip("-short")
			}
			c, err := configFromCfg(filepath.Join("..", strings.TrimPrefix(m.Config, "./")))
			if err != nil {
				t.Fatal(err)
			}
			var r ExploreResult
			if fmt.Sprint(c) == fmt.Sprint(CIConfig()) {
				r = ciModel().r // the shared exploration of the ci model
			} else {
				r = Explore(c, ExploreOptions{})
			}
			depth := r.Depth
			verdict, inv := "success", ""
			if r.Violation != nil {
				verdict, depth = "violation", len(r.Trace)
				inv = r.Violation.(*InvariantError).Name
			}
			if verdict != m.Expect || inv != m.Invariant || int64(r.Distinct) != m.Distinct || depth != m.Depth {
				t.Errorf("Go machine: %s %s, %d distinct, depth %d; TLC: %s %s, %d distinct, depth %d",
					verdict, inv, r.Distinct, depth, m.Expect, m.Invariant, m.Distinct, m.Depth)
			}
			t.Logf("%s: %s %s, %d distinct, depth %d, %d generated (TLC agrees)", m.Config, verdict, inv, r.Distinct, depth, r.Generated)
		})
		ran++
	}
	if ran < 12 {
		t.Errorf("tla/models.json lists %d models of tla/MCAllocator.tla, want the ci, batched ci, large and nine mutant models", ran)
	}
}
