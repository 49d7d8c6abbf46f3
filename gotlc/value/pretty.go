package value

import "strings"

// prettyWidth is the line width TLC's pretty printer keeps values within.
const prettyWidth = 80

// Pretty prints a state variable's value the way TLC prints it in error
// traces: on one line when it fits in 80 columns, otherwise broken after
// the elements of sets ("{ a,\n  b }"), tuples ("<< a,\n   b >>"),
// records ("[ f |-> a,\n  g |-> b ]") and functions ("( d :> a @@\n  e :> b )"),
// recursively, each continuation indented under the first element. Like
// StateString, records print with their fields in normalised order.
func Pretty(v Value) string {
	var b strings.Builder
	pretty(&b, v, 0)
	return b.String()
}

func flat(v Value) string { return StateString(v) }

func fits(s string, col int) bool { return col+len(s) <= prettyWidth }

func pretty(b *strings.Builder, v Value, col int) {
	s := flat(v)
	if fits(s, col) {
		b.WriteString(s)
		return
	}
	if IsSet(v) {
		if e, err := Enumerate(v); err == nil {
			v = e
		}
	}
	switch t := v.(type) {
	case *Set:
		if len(t.Elems) == 0 {
			break
		}
		prettyList(b, "{ ", ",", " }", len(t.Elems), col, func(i, col int) { pretty(b, t.Elems[i], col) })
		return
	case *Fcn:
		if t.Len() == 0 {
			break
		}
		switch {
		case t.Dom == nil:
			prettyList(b, "<< ", ",", " >>", t.Len(), col, func(i, col int) { pretty(b, t.At(i), col) })
		case t.IsRecord():
			prettyList(b, "[ ", ",", " ]", len(t.Dom), col, func(i, col int) {
				prettyPair(b, t.Dom[i].(*Str).S, " |-> ", t.At(i), col)
			})
		default:
			prettyList(b, "( ", " @@", " )", len(t.Dom), col, func(i, col int) {
				prettyPair(b, flat(t.Dom[i]), " :> ", t.At(i), col)
			})
		}
		return
	}
	b.WriteString(s)
}

// prettyList prints n items between open and close, one a line: each item
// after the first starts on a new line below the first, after sep, and
// item(i, c) prints item i starting at column c.
func prettyList(b *strings.Builder, open, sep, close string, n, col int, item func(i, col int)) {
	b.WriteString(open)
	icol := col + len(open)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(sep)
			b.WriteString("\n")
			b.WriteString(strings.Repeat(" ", icol))
		}
		item(i, icol)
	}
	b.WriteString(close)
}

// prettyPair prints "key |-> value" (or "key :> value") starting at col:
// the value follows on the same line when it fits there, else on the next
// line, indented by four.
func prettyPair(b *strings.Builder, key, arrow string, v Value, col int) {
	b.WriteString(key)
	vcol := col + len(key) + len(arrow)
	if fits(flat(v), vcol) {
		b.WriteString(arrow)
		b.WriteString(flat(v))
		return
	}
	b.WriteString(strings.TrimRight(arrow, " "))
	b.WriteString("\n")
	b.WriteString(strings.Repeat(" ", col+4))
	pretty(b, v, col+4)
}
