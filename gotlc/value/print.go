package value

import (
	"strconv"
	"strings"
)

// String prints v in TLC's syntax on one line: {1, 2}, <<a, b>>,
// [x |-> 1, y |-> 2], (a :> 1 @@ b :> 2), "str", model values bare,
// TRUE/FALSE. Records print their fields in the order they were written,
// except inside sets, where TLC has normalised them (sorted field order).
func String(v Value) string {
	var b strings.Builder
	write(&b, v, false)
	return b.String()
}

// StateString prints v as TLC prints the values of state variables: like
// String, but every record with its fields in normalised order (TLC
// normalises the values of a state before it prints it).
func StateString(v Value) string {
	var b strings.Builder
	write(&b, v, true)
	return b.String()
}

func write(b *strings.Builder, v Value, inSet bool) {
	if inSet {
		// In states (and inside sets) TLC holds finite sets enumerated.
		switch v.(type) {
		case *SubsetSet, *FcnSet, *RecSet, *ProductSet, *Custom:
			if IsFinite(v) {
				if e, err := Enumerate(v); err == nil {
					v = e
				}
			}
		}
	}
	switch t := v.(type) {
	case Bool:
		if t {
			b.WriteString("TRUE")
		} else {
			b.WriteString("FALSE")
		}
	case Int:
		b.WriteString(strconv.FormatInt(int64(t), 10))
	case *Str:
		writeQuoted(b, t.S)
	case *Model:
		b.WriteString(t.Name)
	case *Set:
		b.WriteByte('{')
		for i, e := range t.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, e, true)
		}
		b.WriteByte('}')
	case *Interval:
		b.WriteString(strconv.FormatInt(t.Lo, 10))
		b.WriteString("..")
		b.WriteString(strconv.FormatInt(t.Hi, 10))
	case *Fcn:
		writeFcn(b, t, inSet)
	case *Infinite:
		b.WriteString(t.Name)
	case *SubsetSet:
		b.WriteString("SUBSET ")
		write(b, t.Base, inSet)
	case *SeqSet:
		b.WriteString("Seq(")
		write(b, t.Base, inSet)
		b.WriteByte(')')
	case *FcnSet:
		b.WriteByte('[')
		write(b, t.Dom, inSet)
		b.WriteString(" -> ")
		write(b, t.Rng, inSet)
		b.WriteByte(']')
	case *RecSet:
		b.WriteByte('[')
		for i, n := range t.Names {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n.S)
			b.WriteString(" : ")
			write(b, t.Sets[i], inSet)
		}
		b.WriteByte(']')
	case *ProductSet:
		for i, s := range t.Sets {
			if i > 0 {
				b.WriteString(" \\X ")
			}
			write(b, s, inSet)
		}
	case *Custom:
		b.WriteString(t.Desc)
	case nil:
		b.WriteString("<undefined>")
	}
}

func writeFcn(b *strings.Builder, f *Fcn, inSet bool) {
	if f.Dom == nil {
		b.WriteString("<<")
		for i, e := range f.Vals {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, e, inSet)
		}
		b.WriteString(">>")
		return
	}
	if f.IsRecord() {
		b.WriteByte('[')
		n := len(f.Dom)
		for k := 0; k < n; k++ {
			i := k
			if f.Order != nil && !inSet {
				i = int(f.Order[k])
			}
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(f.Dom[i].(*Str).S)
			b.WriteString(" |-> ")
			write(b, f.Vals[i], inSet)
		}
		b.WriteByte(']')
		return
	}
	b.WriteByte('(')
	for i, d := range f.Dom {
		if i > 0 {
			b.WriteString(" @@ ")
		}
		write(b, d, inSet)
		b.WriteString(" :> ")
		write(b, f.Vals[i], inSet)
	}
	b.WriteByte(')')
}

func writeQuoted(b *strings.Builder, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}
