package eval

import (
	"testing"

	"github.com/veralloc/veralloc/gotlc/value"
)

// TestRandomPerState: the draws made while a state is explored depend on
// the state only (so successors do not depend on -workers or on when the
// state is expanded), and successive draws differ.
func TestRandomPerState(t *testing.T) {
	s := []value.Value{value.Int(1), value.Intern("a")}
	es := make([]value.Value, 1000)
	for i := range es {
		es[i] = value.Int(i)
	}
	draw := func(st []value.Value) [3]value.Value {
		c := &Ctx{S: st}
		return [3]value.Value{randomElement(c, nil, es), randomElement(c, nil, es), randomElement(c, nil, es)}
	}
	a, b := draw(s), draw([]value.Value{value.Int(1), value.Intern("a")})
	if a != b {
		t.Fatalf("same state, different draws: %v %v", a, b)
	}
	if a[0] == a[1] && a[1] == a[2] {
		t.Fatalf("three draws in one state are equal: %v", a)
	}
	if c := draw([]value.Value{value.Int(2), value.Intern("a")}); c == a {
		t.Fatalf("another state drew the same values: %v", c)
	}
}
