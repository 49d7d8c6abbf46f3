package eval

import (
	"fmt"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// TLC's words for values of the wrong kind. TLC names a value's kind in
// some messages ("A non-function (an integer) was applied as a
// function."); tlcKind gives the names TLC 2.20 was seen to print (corpus
// evalerrors), "" for the kinds whose name was not checked, for which
// gotlc's own message stays.
func tlcKind(v value.Value) string {
	switch v.(type) {
	case value.Bool:
		return "a Boolean value"
	case value.Int:
		return "an integer"
	case *value.Str:
		return "a string"
	case *value.Set:
		return "a set of the form {e1, ... ,eN}"
	}
	return ""
}

// ifCond is the value of the condition of IF t, with TLC's words when it
// is not a boolean.
func ifCond(t *syntax.If, v value.Value) bool {
	if b, ok := v.(value.Bool); ok {
		return bool(b)
	}
	if k := tlcKind(v); k != "" {
		fail(t, "A non-boolean expression (%s) was used as the condition of an IF.\n%s", k, tlcWhere(t))
	}
	return boolOf(t.Cond, v)
}

// equal is x = y as TLC decides it: values of different kinds (an integer
// and a string, a set and an integer, ...) are not unequal but an error,
// in TLC's words; a model value may be compared with anything.
func equal(site syntax.Node, x, y value.Value) bool {
	if value.Equal(x, y) {
		return true
	}
	if msg := incomparable(x, y); msg != "" {
		fail(site, "%s", msg)
	}
	return false
}

// incomparable is TLC's message for x = y when TLC refuses to compare
// them, "" when it compares them.
func incomparable(x, y value.Value) string {
	if _, ok := y.(*value.Model); ok {
		return ""
	}
	isFcn := func(v value.Value) bool { _, ok := v.(*value.Fcn); return ok }
	switch t := x.(type) {
	case value.Int:
		if _, ok := y.(value.Int); !ok {
			return fmt.Sprintf("Attempted to check equality of integer %s with non-integer:\n%s", str(t), str(y))
		}
	case *value.Str:
		if _, ok := y.(*value.Str); !ok {
			return fmt.Sprintf("Attempted to check equality of string %s with non-string:\n%s", str(t), str(y))
		}
	case value.Bool:
		if _, ok := y.(value.Bool); !ok {
			return fmt.Sprintf("Attempted to compare equality of boolean %s with non-boolean:\n%s", str(t), str(y))
		}
	case *value.Fcn:
		if isFcn(y) {
			return ""
		}
		if t.IsRecord() && t.Len() > 0 {
			return fmt.Sprintf("Attempted to check equality of record:\n%s\nwith non-record\n%s", str(t), str(y))
		}
		if !value.IsSet(y) {
			return fmt.Sprintf("Attempted to check equality of the function %s with the value:\n%s", str(t), str(y))
		}
	default:
		if value.IsSet(x) && !value.IsSet(y) {
			return fmt.Sprintf("Attempted to check equality of the set %s with the value:\n%s", str(x), str(y))
		}
	}
	return ""
}
