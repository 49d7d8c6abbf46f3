package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

// TestJsonIONatives: the Json and IOUtils natives, on stand-in modules with
// the community modules' names (their bodies would be wrong, so a native
// that is not used fails the test). The expected forms are those of the
// Java overrides (tlc2.overrides.Json, IOUtils): objects are records with
// fields in file order, arrays tuples, numbers truncated integers; ToJson
// writes compact JSON, sets and tuples as arrays, other functions as
// objects keyed by the printed domain value.
func TestJsonIONatives(t *testing.T) {
	dir := t.TempDir()
	nd := filepath.Join(dir, "log.ndjson")
	if err := os.WriteFile(nd, []byte("{\"z\": 1, \"a\": [true, \"s\", 2.9]}\n\n  {}  \n[[], -3]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOTLC_JSON_TEST", nd)
	mods := map[string]string{
		"Json": "---- MODULE Json ----\nToJson(v) == \"\"\nToJsonArray(v) == \"\"\nToJsonObject(v) == \"\"\n" +
			"ndJsonDeserialize(p) == <<>>\nJsonDeserialize(p) == <<>>\nndJsonSerialize(p, v) == FALSE\nJsonSerialize(p, v) == FALSE\n====",
		"IOUtils": "---- MODULE IOUtils ----\nIOEnv == [x \\in {} |-> \"\"]\natoi(s) == 0\nIOExec(c) == 0\n====",
	}
	out := filepath.Join(dir, "sub", "out.json")
	src := `---- MODULE M ----
EXTENDS Integers, Sequences, Json, IOUtils
Log == ndJsonDeserialize(IOEnv.GOTLC_JSON_TEST)
Read == /\ Len(Log) = 3
        /\ Log[1].z = 1 /\ Log[1].a = <<TRUE, "s", 2>>
        /\ Log[3] = <<<<>>, -3>>
Fields == DOMAIN Log[1]
Written == ToJson([b |-> {2, 1}, a |-> <<"x", [k \in {3} |-> FALSE]>>])
Arr == ToJsonArray([k \in {"p", "q"} |-> k])
Obj == ToJsonObject(<<7, 8>>)
Num == atoi("-17") + atoi("42")
Ser == JsonSerialize("` + out + `", <<1, [m |-> "n"]>>)
Exec == IOExec(<<"true">>)
====`
	p := load(t, src, mods)
	evalDefsAre(t, p, map[string]string{
		"Read":    "TRUE",
		"Written": `"{\"a\":[\"x\",{\"3\":false}],\"b\":[1,2]}"`,
		"Arr":     `"[\"p\",\"q\"]"`,
		"Obj":     `"{\"0\":7,\"1\":8}"`,
		"Num":     "25",
		"Ser":     "TRUE",
	})
	if b, err := os.ReadFile(out); err != nil || string(b) != `[1,{"m":"n"}]` {
		t.Errorf("JsonSerialize wrote %q (%v)", b, err)
	}
	if v, err := evalDef(t, p, "Fields"); err != nil || !strings.Contains(value.String(v), `"z"`) {
		t.Errorf("Fields = %v (%v)", v, err)
	}
	if _, err := evalDef(t, p, "Exec"); err == nil || !strings.Contains(err.Error(), "IOExec") {
		t.Errorf("IOExec: %v, want a refusal naming it", err)
	}
}

// TestCSVNatives: CSVWrite, CSVWriteRecord, CSVRead and CSVRecords on a
// stand-in CSV module, with the Java override's forms (values as TLC
// prints them, one appended line per call, a missing file has no records;
// a record's fields in TLC's order of field names, which is the order the
// names were first met: "v" is one of TLC's own identifiers, met before
// "u").
func TestCSVNatives(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "t.csv")
	mods := map[string]string{"CSV": "---- MODULE CSV ----\nCSVWrite(t, v, f) == FALSE\nCSVWriteRecord(r, d, h, f) == FALSE\n" +
		"CSVRead(c, d, f) == <<>>\nCSVRecords(f) == 99\n===="}
	src := `---- MODULE M ----
EXTENDS Integers, Sequences, CSV
None == CSVRecords("` + f + `")
W == CSVWrite("%1$s#%2$s#%s", <<1, "a">>, "` + f + `")
R == CSVWriteRecord([u |-> 2, v |-> "b"], "#", FALSE, "` + f + `")
Count == CSVRecords("` + f + `")
Back == CSVRead(<<"p", "q", "r">>, "#", "` + f + `")
G == CSVWrite("%s,%s", <<"x", 3>>, "` + filepath.Join(dir, "g.csv") + `")
ReadG == CSVRead(<<"k", "n">>, ",", "` + filepath.Join(dir, "g.csv") + `")
====`
	p := load(t, src, mods)
	for _, c := range []struct{ name, want string }{
		{"None", "0"}, {"W", "TRUE"}, {"R", "TRUE"}, {"Count", "2"},
		{"G", "TRUE"}, {"ReadG", `<<[k |-> "\"x\"", n |-> "3"]>>`},
	} {
		v, err := evalDef(t, p, c.name)
		if err != nil || value.String(v) != c.want {
			t.Errorf("%s = %v (%v), want %s", c.name, v, err, c.want)
		}
	}
	if b, err := os.ReadFile(f); err != nil || string(b) != "1#\"a\"#1\n\"b\"#2\n" {
		t.Errorf("file holds %q (%v)", b, err)
	}
	if _, err := evalDef(t, p, "Back"); err == nil || !strings.Contains(err.Error(), "line 2 has 2 fields") {
		t.Errorf("CSVRead of a short line: %v, want an error", err)
	}
}
