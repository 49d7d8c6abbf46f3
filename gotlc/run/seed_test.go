package run

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// -seed drives RandomElement and RandomSubset in breadth-first search: the
// same seed draws the same values (also with another number of workers),
// another seed other values. The draws are read from the trace of an
// invariant violated after three random steps.
func TestSeedDrivesRandomDraws(t *testing.T) {
	dir := t.TempDir()
	spec := `---- MODULE Draw ----
EXTENDS Naturals, Randomization, TLC
VARIABLES x, s
Init == x = RandomElement(1..1000000) /\ s = {}
Next == x' = RandomElement(1..1000000) /\ s' = RandomSubset(3, 1..1000)
Few == TLCGet("level") < 4
====`
	if err := os.WriteFile(filepath.Join(dir, "Draw.tla"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Draw.cfg"), []byte("INIT Init\nNEXT Next\nINVARIANT Few\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	states := regexp.MustCompile(`(?m)^/\\ [xs] = .*$`)
	run := func(args ...string) string {
		t.Helper()
		o, err := ParseArgs(append(args, "-config", filepath.Join(dir, "Draw.cfg"), filepath.Join(dir, "Draw.tla")))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if rep := Model(o, &out); rep.Exit != 12 {
			t.Fatalf("%v: exit %d, want 12 (Few violated):\n%s", args, rep.Exit, out.String())
		}
		got := states.FindAllString(out.String(), -1)
		if len(got) != 8 {
			t.Fatalf("%v: %d state lines, want 8:\n%s", args, len(got), out.String())
		}
		var b bytes.Buffer
		for _, l := range got {
			b.WriteString(l + "\n")
		}
		return b.String()
	}
	a, b, c, d := run("-seed", "1"), run("-seed", "1", "-workers", "2"), run("-seed", "2"), run()
	if a != b {
		t.Errorf("-seed 1 drew differently with 2 workers:\n%s\nvs\n%s", a, b)
	}
	if a == c {
		t.Errorf("-seed 1 and -seed 2 drew the same values:\n%s", a)
	}
	if d == a || d == c {
		t.Errorf("the default seed drew as -seed 1 or 2:\n%s", d)
	}
	if d != run("-seed", "0") {
		t.Errorf("the default seed is not -seed 0")
	}
}
