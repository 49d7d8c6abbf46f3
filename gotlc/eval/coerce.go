package eval

import (
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

func boolOf(n syntax.Node, v value.Value) bool {
	b, ok := v.(value.Bool)
	if !ok {
		fail(n, "Attempted to evaluate an expression as a boolean, but its value is %s", str(v))
	}
	return bool(b)
}

func intOf(n syntax.Node, v value.Value) value.Int {
	i, ok := v.(value.Int)
	if !ok {
		fail(n, "Attempted to use %s as an integer", str(v))
	}
	return i
}

func setOf(n syntax.Node, v value.Value) value.Value {
	if !value.IsSet(v) {
		fail(n, "Attempted to use %s as a set", str(v))
	}
	return v
}

func fcnOf(n syntax.Node, v value.Value) *value.Fcn {
	f, ok := v.(*value.Fcn)
	if !ok {
		fail(n, "Attempted to use %s as a function", str(v))
	}
	return f
}

func seqOf(n syntax.Node, v value.Value) *value.Fcn {
	f, ok := v.(*value.Fcn)
	if !ok || !f.IsSeq() {
		fail(n, "Attempted to use %s as a sequence", str(v))
	}
	return f
}

// elems enumerates a set value for iteration.
func elems(n syntax.Node, v value.Value) []value.Value {
	switch t := v.(type) {
	case *value.Set:
		return t.Elems
	}
	if !value.IsSet(v) {
		fail(n, "Attempted to enumerate %s, which is not a set", str(v))
	}
	es, err := value.Enumerate(v)
	if err != nil {
		failErr(n, err)
	}
	return es.Elems
}
