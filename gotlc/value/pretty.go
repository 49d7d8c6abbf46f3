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
		b.WriteString("{ ")
		for i, e := range t.Elems {
			if i > 0 {
				b.WriteString(",\n")
				b.WriteString(strings.Repeat(" ", col+2))
			}
			pretty(b, e, col+2)
		}
		b.WriteString(" }")
		return
	case *Fcn:
		if len(t.Vals) == 0 {
			break
		}
		switch {
		case t.Dom == nil:
			b.WriteString("<< ")
			for i, e := range t.Vals {
				if i > 0 {
					b.WriteString(",\n")
					b.WriteString(strings.Repeat(" ", col+3))
				}
				pretty(b, e, col+3)
			}
			b.WriteString(" >>")
		case t.IsRecord():
			b.WriteString("[ ")
			for i, d := range t.Dom {
				if i > 0 {
					b.WriteString(",\n")
					b.WriteString(strings.Repeat(" ", col+2))
				}
				prettyPair(b, d.(*Str).S, " |-> ", t.Vals[i], col+2)
			}
			b.WriteString(" ]")
		default:
			b.WriteString("( ")
			for i, d := range t.Dom {
				if i > 0 {
					b.WriteString(" @@\n")
					b.WriteString(strings.Repeat(" ", col+2))
				}
				prettyPair(b, flat(d), " :> ", t.Vals[i], col+2)
			}
			b.WriteString(" )")
		}
		return
	}
	b.WriteString(s)
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
