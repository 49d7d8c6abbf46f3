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
		writeList(b, "{", ", ", "}", len(t.Elems), func(i int) { write(b, t.Elems[i], true) })
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
		writeList(b, "[", ", ", "]", len(t.Names), func(i int) {
			b.WriteString(t.Names[i].S)
			b.WriteString(" : ")
			write(b, t.Sets[i], inSet)
		})
	case *ProductSet:
		writeList(b, "", " \\X ", "", len(t.Sets), func(i int) { write(b, t.Sets[i], inSet) })
	case *Custom:
		b.WriteString(t.Desc)
	case nil:
		b.WriteString("<undefined>")
	}
}

func writeFcn(b *strings.Builder, f *Fcn, inSet bool) {
	if f.Dom == nil {
		writeList(b, "<<", ", ", ">>", f.Len(), func(i int) { write(b, f.At(i), inSet) })
		return
	}
	if f.IsRecord() {
		writeList(b, "[", ", ", "]", len(f.Dom), func(k int) {
			i := k
			if f.Order != nil && !inSet {
				i = int(f.Order[k])
			}
			b.WriteString(f.Dom[i].(*Str).S)
			b.WriteString(" |-> ")
			write(b, f.At(i), inSet)
		})
		return
	}
	writeList(b, "(", " @@ ", ")", len(f.Dom), func(i int) {
		write(b, f.Dom[i], inSet)
		b.WriteString(" :> ")
		write(b, f.At(i), inSet)
	})
}

// writeList writes n items between open and close, sep between them: the
// one loop behind sets, tuples, records, functions and products.
func writeList(b *strings.Builder, open, sep, close string, n int, item func(i int)) {
	b.WriteString(open)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(sep)
		}
		item(i)
	}
	b.WriteString(close)
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
