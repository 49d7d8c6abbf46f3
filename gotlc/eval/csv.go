package eval

import (
	"bufio"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Natives of the community module CSV, with the semantics of its Java
// override (tlc2.overrides.CSV): values are written as TLC prints them
// (strings quoted), appended one line per call; CSVRead splits each line
// at the delimiter (a regular expression, trailing empty fields dropped, as
// Java's String.split) into a record of strings; a missing file has no
// records.
func init() {
	natives["CSV!CSVWrite"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		tmpl := strArg(site, "CSVWrite", a[0])
		f, ok := a[1].(value.Value).(*value.Fcn)
		if !ok || !f.IsSeq() {
			fail(site, "The argument of CSVWrite should be a sequence, but instead it is:\n%s", str(a[1].(value.Value)))
		}
		params := make([]string, f.Len())
		for i, v := range f.Values() {
			params[i] = value.String(v)
		}
		line, err := javaFormat(tmpl, params)
		if err != nil {
			fail(site, "CSVWrite: %v", err)
		}
		appendLines(site, strArg(site, "CSVWrite", a[2]), line+"\n")
		return value.True
	}
	natives["CSV!CSVWriteRecord"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		f, ok := a[0].(value.Value).(*value.Fcn)
		if !ok || !f.IsRecord() {
			fail(site, "The argument of CSVWriteRecord should be a record, but instead it is:\n%s", str(a[0].(value.Value)))
		}
		delim := strArg(site, "CSVWriteRecord", a[1])
		var text string
		if boolOf(site, a[2].(value.Value)) {
			names := make([]string, len(f.Dom))
			for i, d := range f.Dom {
				names[i] = d.(*value.Str).S
			}
			text = strings.Join(names, delim) + "\n"
		}
		vals := make([]string, f.Len())
		for i, v := range f.Values() {
			vals[i] = value.String(v)
		}
		appendLines(site, strArg(site, "CSVWriteRecord", a[3]), text+strings.Join(vals, delim)+"\n")
		return value.True
	}
	natives["CSV!CSVRead"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		cols, ok := a[0].(value.Value).(*value.Fcn)
		if !ok || !cols.IsSeq() {
			fail(site, "The argument of CSVRead should be a sequence, but instead it is:\n%s", str(a[0].(value.Value)))
		}
		names := make([]*value.Str, cols.Len())
		for i, v := range cols.Values() {
			names[i] = value.Intern(strArg(site, "CSVRead", v))
		}
		re, err := regexp.Compile(strArg(site, "CSVRead", a[1]))
		if err != nil {
			fail(site, "CSVRead: %v", err)
		}
		lines := readLines(site, "", strArg(site, "CSVRead", a[2]), true)
		recs := make([]value.Value, len(lines))
		for i, l := range lines {
			fields := re.Split(l, -1)
			for len(fields) > 0 && fields[len(fields)-1] == "" {
				fields = fields[:len(fields)-1]
			}
			if len(fields) != len(names) {
				fail(site, "CSVRead: line %d has %d fields, %d columns were given", i+1, len(fields), len(names))
			}
			vals := make([]value.Value, len(fields))
			for j, s := range fields {
				vals[j] = value.Intern(s)
			}
			r, err := value.NewRecord(names, vals)
			if err != nil {
				failErr(site, err)
			}
			recs[i] = r
		}
		return value.NewTuple(recs)
	}
	natives["CSV!CSVRecords"] = func(c *Ctx, site syntax.Node, a []any) value.Value {
		return value.Int(len(readLines(site, "", strArg(site, "CSVRecords", a[0]), true)))
	}
}

// strArg is argument v of the natives' operator op, which must be a string.
func strArg(site syntax.Node, op string, v any) string {
	s, ok := v.(value.Value).(*value.Str)
	if !ok {
		fail(site, "The argument of %s should be a string, but instead it is:\n%s", op, str(v.(value.Value)))
	}
	return s.S
}

func appendLines(site syntax.Node, path, text string) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		fail(site, "%v", err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		fail(site, "%v", err)
	}
}

// readLines reads the lines of a file, each without a trailing '\r'; a
// file that does not exist has none when missingOK. Its errors are
// prefixed by errPrefix.
func readLines(site syntax.Node, errPrefix, path string, missingOK bool) []string {
	f, err := os.Open(path)
	if missingOK && os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		fail(site, "%s%v", errPrefix, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<30)
	for sc.Scan() {
		out = append(out, strings.TrimSuffix(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		fail(site, "%s%v", errPrefix, err)
	}
	return out
}

// javaFormat is Java's String.format for the conversions CSVWrite's
// templates use with string arguments: %s, %1$s (explicit index), %n and
// %%; any other conversion is an error.
func javaFormat(tmpl string, params []string) (string, error) {
	var b strings.Builder
	next := 0
	for i := 0; i < len(tmpl); i++ {
		if tmpl[i] != '%' {
			b.WriteByte(tmpl[i])
			continue
		}
		j := i + 1
		for j < len(tmpl) && tmpl[j] >= '0' && tmpl[j] <= '9' {
			j++
		}
		idx := -1
		if j < len(tmpl) && tmpl[j] == '$' && j > i+1 {
			n, _ := strconv.Atoi(tmpl[i+1 : j])
			idx = n - 1
			j++
		} else {
			j = i + 1
		}
		if j >= len(tmpl) {
			return "", fmt.Errorf("template %q ends in the middle of a conversion", tmpl)
		}
		switch tmpl[j] {
		case '%':
			b.WriteByte('%')
		case 'n':
			b.WriteByte('\n')
		case 's':
			if idx < 0 {
				idx = next
				next++
			}
			if idx < 0 || idx >= len(params) {
				return "", fmt.Errorf("template %q needs more than %d values", tmpl, len(params))
			}
			b.WriteString(params[idx])
		default:
			return "", fmt.Errorf("gotlc supports only %%s, %%n and %%%% in templates, not %%%c", tmpl[j])
		}
		i = j
	}
	return b.String(), nil
}
