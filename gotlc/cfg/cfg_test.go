package cfg

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// mod renders the `[Mod]` of an entry.
func mod(k *Constant) string {
	if k.Module == "" {
		return ""
	}
	return "[" + k.Module + "]"
}

// dump renders a Config compactly for table tests.
func dump(c *Config) string {
	var parts []string
	for _, k := range c.Constants {
		switch k.Kind {
		case Assign:
			parts = append(parts, k.Name+"="+mod(k)+k.Value.String())
		case Replace:
			parts = append(parts, k.Name+"<-"+mod(k)+k.With.Name)
		}
	}
	add := func(kw string, n Name) {
		if n.Name != "" {
			parts = append(parts, kw+" "+n.Name)
		}
	}
	addList := func(kw string, ns []Name) {
		if len(ns) == 0 {
			return
		}
		var s []string
		for _, n := range ns {
			s = append(s, n.Name)
		}
		parts = append(parts, kw+" "+strings.Join(s, ","))
	}
	add("INIT", c.Init)
	add("NEXT", c.Next)
	add("SPECIFICATION", c.Specification)
	addList("INVARIANT", c.Invariants)
	addList("PROPERTY", c.Properties)
	addList("CONSTRAINT", c.Constraints)
	addList("ACTION_CONSTRAINT", c.ActionConstraints)
	add("SYMMETRY", c.Symmetry)
	add("VIEW", c.View)
	add("ALIAS", c.Alias)
	add("POSTCONDITION", c.Postcondition)
	if c.CheckDeadlock != nil {
		if *c.CheckDeadlock {
			parts = append(parts, "CHECK_DEADLOCK TRUE")
		} else {
			parts = append(parts, "CHECK_DEADLOCK FALSE")
		}
	}
	return strings.Join(parts, "; ")
}

var okCases = []struct{ src, want string }{
	{"", ""},
	{"INIT Init NEXT Next", "INIT Init; NEXT Next"},
	{"SPECIFICATION Spec", "SPECIFICATION Spec"},
	{"CONSTANT N = 3", "N=3"},
	{"CONSTANTS N = 3 M = 0", "N=3; M=0"},
	{"CONSTANTS\n  Procs = {p1, p2}\n  x = x", "Procs={p1, p2}; x=x"},
	{`CONSTANT S = {"a", "b\"c"}`, `S={"a", "b\"c"}`},
	{"CONSTANT B = TRUE C = FALSE", "B=TRUE; C=FALSE"},
	{"CONSTANT E = {}", "E={}"},
	{"CONSTANT Q = {{a1, a2}, {a2, a3}, {}}", "Q={{a1, a2}, {a2, a3}, {}}"},
	{"CONSTANT S <- MCSet", "S<-MCSet"},
	{"CONSTANT S <- [Other] Op", "S<-[Other]Op"},
	{"CONSTANT Nat <- [ZSequences]ZSeqNat", "Nat<-[ZSequences]ZSeqNat"},
	{"CONSTANTS NoHash = [Nano]NoHashVal  N = [M] {1, 2}", "NoHash=[Nano]NoHashVal; N=[M]{1, 2}"},
	{"CONSTANT Op <- Other\nCONSTANT N = 1", "Op<-Other; N=1"},
	{"CONSTANT N = 1 N = 2", "N=1; N=2"},
	{"INVARIANT A B\nINVARIANTS C", "INVARIANT A,B,C"},
	{"INVARIANT", ""},
	{"PROPERTY P PROPERTIES Q R", "PROPERTY P,Q,R"},
	{"CONSTRAINT C CONSTRAINTS D", "CONSTRAINT C,D"},
	{"ACTION_CONSTRAINT A ACTION_CONSTRAINTS B", "ACTION_CONSTRAINT A,B"},
	{"SYMMETRY Perms VIEW V ALIAS Al POSTCONDITION Post", "SYMMETRY Perms; VIEW V; ALIAS Al; POSTCONDITION Post"},
	{"CHECK_DEADLOCK FALSE", "CHECK_DEADLOCK FALSE"},
	{"CHECK_DEADLOCK TRUE", "CHECK_DEADLOCK TRUE"},
	{"\\* comment\nINIT Init (* block (* nested *) comment *) NEXT Next \\* trailing", "INIT Init; NEXT Next"},
	{"INIT\n  Init\nNEXT\n  Next\n", "INIT Init; NEXT Next"},
	{"CONSTANT N = 2147483647", "N=2147483647"},
	{"\ufeffINIT Init\r\nNEXT Next\r\n", "INIT Init; NEXT Next"},
}

func TestParseOK(t *testing.T) {
	for _, c := range okCases {
		cfg, err := Parse("t.cfg", []byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if got := dump(cfg); got != c.want {
			t.Errorf("%q\n got: %s\nwant: %s", c.src, got, c.want)
		}
	}
}

func TestValues(t *testing.T) {
	cfg, err := Parse("v.cfg", []byte("CONSTANTS\n  N = 3\n  S = {a, \"s\", {TRUE}}\n  N = 4\n"))
	if err != nil {
		t.Fatal(err)
	}
	if k := cfg.Constant("N"); k == nil || k.Value.Kind != Int || k.Value.Int != 4 {
		t.Errorf("N: later assignment must win, got %+v", k)
	}
	s := cfg.Constant("S").Value
	if s.Kind != Set || len(s.Elems) != 3 {
		t.Fatalf("S: %+v", s)
	}
	if e := s.Elems[0]; e.Kind != ModelValue || e.Str != "a" || e.Pos.Line != 3 || e.Pos.Col != 8 {
		t.Errorf("a: %+v", e)
	}
	if e := s.Elems[1]; e.Kind != Str || e.Str != "s" {
		t.Errorf("s: %+v", e)
	}
	if e := s.Elems[2]; e.Kind != Set || e.Elems[0].Kind != Bool || !e.Elems[0].Bool {
		t.Errorf("{TRUE}: %+v", e)
	}
	if cfg.Constant("missing") != nil {
		t.Errorf("missing constant found")
	}
	if k := cfg.Constant("S"); k.Pos.Line != 3 || k.Pos.Col != 3 || k.Pos.File != "v.cfg" {
		t.Errorf("S pos: %+v", k.Pos)
	}
}

func TestExtended(t *testing.T) {
	src := []byte("CONSTANT T = <<1, -2, <<>>, {a}>>")
	if _, err := Parse("x.cfg", src); err == nil {
		t.Fatal("tuples must be refused by default, as TLC refuses them")
	}
	cfg, err := ParseWithOptions("x.cfg", src, Options{Extended: true})
	if err != nil {
		t.Fatal(err)
	}
	v := cfg.Constant("T").Value
	if v.Kind != Tuple || v.String() != "<<1, -2, <<>>, {a}>>" || v.Elems[1].Int != -2 {
		t.Errorf("got %s", v)
	}
}

// Errors: exact position, message, source line and caret; TLC's wording
// (checked against TLC 2.18 on the same inputs) where TLC rejects the file.
var errCases = []struct {
	src  string
	want string // full Error() text
	tlc  string
}{
	{"CONSTANTS\n  Id = <<3, 1>>\n", "e.cfg:2:8: tuples are not accepted in TLC config files; define the value in the spec (e.g. MCValue == <<1, 2>>) and write `Id <- MCValue`\n      Id = <<3, 1>>\n           ^",
		"It was expecting = or <-, but did not find it."},
	{"CONSTANT A = -3", "e.cfg:1:14: negative numbers are not accepted in TLC config files; define the value in the spec (e.g. MCValue == -1) and write `A <- MCValue`\n    CONSTANT A = -3\n                 ^",
		"It was expecting = or <-, but did not find it."},
	{"CONSTANTS A = 1, B = 2", "e.cfg:1:16: expected a section keyword (CONSTANT, INIT, NEXT, SPECIFICATION, INVARIANT, PROPERTY, CONSTRAINT, ACTION_CONSTRAINT, SYMMETRY, VIEW, CHECK_DEADLOCK, ALIAS, POSTCONDITION), found `,`\n    CONSTANTS A = 1, B = 2\n                   ^",
		"It was expecting a keyword, but did not find it."},
	{"INIT Init\nNEXT Next\nNEXT Next", "e.cfg:3:1: NEXT is given twice (also at line 2)\n    NEXT Next\n    ^",
		"The keyword NEXT appeared twice."},
	{"INIT Init Next", "e.cfg:1:11: INIT takes one name; found a second one, identifier `Next`\n    INIT Init Next\n              ^",
		"It was expecting a keyword, but did not find it."},
	{"FOO Bar", "e.cfg:1:1: expected a section keyword (CONSTANT, INIT, NEXT, SPECIFICATION, INVARIANT, PROPERTY, CONSTRAINT, ACTION_CONSTRAINT, SYMMETRY, VIEW, CHECK_DEADLOCK, ALIAS, POSTCONDITION), found identifier `FOO`\n    FOO Bar\n    ^",
		"It was expecting a keyword, but did not find it."},
	{"CONSTANT N 3", "e.cfg:1:12: expected `=` or `<-` after constant N, found number 3\n    CONSTANT N 3\n               ^",
		"It was expecting = or <-, but did not find it."},
	{"CONSTANT N = 99999999999", "e.cfg:1:14: integer 99999999999 is out of range (TLC's integers are 32-bit)\n    CONSTANT N = 99999999999\n                 ^",
		`For input string: "99999999999"`},
	{"CHECK_DEADLOCK maybe", "e.cfg:1:16: CHECK_DEADLOCK must be followed by TRUE or FALSE, found identifier `maybe`\n    CHECK_DEADLOCK maybe\n                   ^", ""},
	{"CHECK_DEADLOCK TRUE\nCHECK_DEADLOCK FALSE", "e.cfg:2:1: CHECK_DEADLOCK is given twice (also at line 1)\n    CHECK_DEADLOCK FALSE\n    ^",
		"The keyword CHECK_DEADLOCK appeared twice."},
	{"CONSTANT S = {a, b", "e.cfg:1:19: expected `}`, found end of file\n    CONSTANT S = {a, b\n                      ^", ""},
	{"INIT Init (* open", "e.cfg:1:11: unterminated comment `(*`\n    INIT Init (* open\n              ^", ""},
	{"CONSTANT S = \"abc", "e.cfg:1:14: unterminated string\n    CONSTANT S = \"abc\n                 ^", ""},
	{"CONSTANT S <- [M Op", "e.cfg:1:18: expected `]`, found identifier `Op`\n    CONSTANT S <- [M Op\n                     ^", ""},
	{"INIT Init\n\tNEXT §", "e.cfg:2:14: unexpected character '§'\n    \tNEXT §\n    \t     ^", ""},
	{"SPECIFICATION", "e.cfg:1:14: expected a definition name after SPECIFICATION, found end of file\n    SPECIFICATION\n                 ^",
		"It was expecting a keyword, but did not find it."},
}

func TestErrors(t *testing.T) {
	for _, c := range errCases {
		_, err := Parse("e.cfg", []byte(c.src))
		if !testutil.WantError(t, c.src, err, c.want, "parsed") {
			continue
		}
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: error is %T, want *cfg.Error", c.src, err)
			continue
		}
		if ce.TLC != c.tlc {
			t.Errorf("%q: TLC wording %q, want %q", c.src, ce.TLC, c.tlc)
		}
	}
}

// TestRealConfigs parses every .cfg of the project and of the corpus; the
// only one that may fail is the corpus entry whose verdict is config_error.
func TestRealConfigs(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../tla/*.cfg", "../../tla/*/*.cfg", "../../proofs/*.cfg",
		"../testdata/corpus/*/*.cfg", "../syntax/testdata/specs/*/*.cfg"} {
		fs, _ := filepath.Glob(pat)
		files = append(files, fs...)
	}
	for _, f := range files {
		_, err := ParseFile(f)
		if err == nil {
			continue
		}
		exp, _ := os.ReadFile(filepath.Join(filepath.Dir(f), "expect.json"))
		if strings.Contains(string(exp), `"config_error"`) {
			continue // TLC rejects it too
		}
		t.Errorf("%s: %v", f, err)
	}
	t.Logf("parsed %d config files", len(files))
}

func TestParseFileMissing(t *testing.T) {
	if _, err := ParseFile("no/such/file.cfg"); err == nil || !strings.Contains(err.Error(), "cannot read config") {
		t.Errorf("got %v", err)
	}
}
