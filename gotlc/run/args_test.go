package run

import "testing"

func TestParseSize(t *testing.T) {
	for s, want := range map[string]int64{"512M": 512 << 20, "4G": 4 << 30, "1000": 1000, "1k": 1 << 10} {
		if n, err := parseSize(s); err != nil || n != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", s, n, err, want)
		}
	}
	for _, s := range []string{"lots", "0", "-1M", "M", ""} {
		if _, err := parseSize(s); err == nil {
			t.Errorf("parseSize(%q) accepted", s)
		}
	}
}

func TestParseArgsDefaults(t *testing.T) {
	o, err := ParseArgs([]string{"-deadlock", "-workers", "2", "Spec"})
	if err != nil {
		t.Fatal(err)
	}
	if o.Spec != "Spec.tla" || o.Config != "Spec.cfg" || o.Workers != 2 || !o.NoDeadlock || o.SimDepth() != 100 {
		t.Fatalf("%+v", o)
	}
	if _, err := ParseArgs([]string{"-h"}); err != ErrHelp {
		t.Fatalf("-h: %v", err)
	}
	if _, err := ParseArgs([]string{"-dumpTrace", "xml", "f", "S.tla"}); err == nil {
		t.Fatal("-dumpTrace xml accepted")
	}
}
