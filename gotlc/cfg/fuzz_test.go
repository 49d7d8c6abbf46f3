package cfg

import (
	"strings"
	"testing"
)

// FuzzConfig feeds arbitrary text to the config parser (both modes). It may
// not panic (a recovered panic surfaces as an "internal error", which fails
// the target); a successful parse must print its values without trouble.
func FuzzConfig(f *testing.F) {
	for _, c := range okCases {
		f.Add([]byte(c.src))
	}
	for _, c := range errCases {
		f.Add([]byte(c.src))
	}
	f.Add([]byte("CONSTANT T = <<1, -2, <<>>, {a}>>"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, opts := range []Options{{}, {Extended: true}} {
			c, err := ParseWithOptions("f.cfg", src, opts)
			if err != nil {
				if strings.Contains(err.Error(), "internal error") {
					t.Fatalf("internal error: %v", err)
				}
				continue
			}
			for _, k := range c.Constants {
				if k.Kind == Assign {
					_ = k.Value.String()
				}
			}
		}
	})
}
