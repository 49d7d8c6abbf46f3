package eval

import (
	"fmt"

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

// intArg is the integer argument number pos (0: the first) of the
// operator b of Naturals/Integers, with TLC's words (and exit code) when it
// is not one: "The first argument of < should be an integer, but instead
// it is:", exit 255. For + - * \div % ^ TLC's message names the Java
// method that implements the operator (exit 75); gotlc keeps the words of
// the comparisons and TLC's exit code.
func intArg(site syntax.Node, b syntax.Builtin, pos int, v value.Value) value.Int {
	i, ok := v.(value.Int)
	if !ok {
		nth := [...]string{"first", "second"}[pos]
		exit := 255
		if _, ok := arithBuiltins[b]; ok {
			exit = 0 // 75
		}
		panic(&Error{Span: site.Range(), Module: moduleOfSpan(site.Range()), Exit: exit,
			Msg: fmt.Sprintf("The %s argument of %s should be an integer, but instead it is:\n%s", nth, b, str(v))})
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
