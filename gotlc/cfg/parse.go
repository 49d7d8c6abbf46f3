package cfg

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/veralloc/veralloc/gotlc/syntax"
)

type tokKind uint8

const (
	tEOF tokKind = iota
	tIdent
	tNum
	tStr
	tSym
)

type token struct {
	kind      tokKind
	text      string // identifier, digits, decoded string, or symbol
	line, col int
}

type parser struct {
	opts  Options
	file  string
	text  string
	lines []int
	toks  []token
	p     int
	// curConst is the constant whose value is being parsed (for messages).
	curConst string
}

func lineStarts(s string) []int {
	ls := []int{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

func (p *parser) lineText(n int) string {
	if n < 1 || n > len(p.lines) {
		return ""
	}
	start, end := p.lines[n-1], len(p.text)
	if n < len(p.lines) {
		end = p.lines[n] - 1
	}
	if end < start {
		end = start
	}
	return strings.TrimRight(p.text[start:end], "\r")
}

func (p *parser) failAt(line, col int, format string, args ...any) {
	p.failTLC(line, col, "", format, args...)
}

// failTLC aborts with an error carrying TLC's wording of the same problem.
func (p *parser) failTLC(line, col int, tlc, format string, args ...any) {
	panic(&Error{Pos: Pos{File: p.file, Line: line, Col: col},
		Msg: fmt.Sprintf(format, args...), Line: p.lineText(line), TLC: tlc})
}

// TLC's phrases for configuration errors.
const (
	tlcExpectEq      = "It was expecting = or <-, but did not find it."
	tlcExpectKeyword = "It was expecting a keyword, but did not find it."
)

// sections maps the section keywords to canonical names.
var sections = map[string]string{
	"CONSTANT": "CONSTANT", "CONSTANTS": "CONSTANT",
	"INIT": "INIT", "NEXT": "NEXT", "SPECIFICATION": "SPECIFICATION",
	"INVARIANT": "INVARIANT", "INVARIANTS": "INVARIANT",
	"PROPERTY": "PROPERTY", "PROPERTIES": "PROPERTY",
	"CONSTRAINT": "CONSTRAINT", "CONSTRAINTS": "CONSTRAINT",
	"ACTION_CONSTRAINT": "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS": "ACTION_CONSTRAINT",
	"SYMMETRY": "SYMMETRY", "VIEW": "VIEW", "CHECK_DEADLOCK": "CHECK_DEADLOCK",
	"ALIAS": "ALIAS", "POSTCONDITION": "POSTCONDITION",
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *parser) lex() {
	s := p.text
	i, line, col := 0, 1, 1
	if strings.HasPrefix(s, "\ufeff") {
		i = len("\ufeff") // skip a byte-order mark
	}
	adv := func(n int) {
		for k := 0; k < n && i < len(s); {
			r, sz := utf8.DecodeRuneInString(s[i:])
			i += sz
			k += sz
			if r == '\t' { // tab stops of 8, as in the TLA+ front end
				col = ((col-1)/syntax.TabStop+1)*syntax.TabStop + 1
			} else {
				col++
			}
		}
	}
	newline := func() { i++; line++; col = 1 }
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\n':
			newline()
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			adv(1)
		case c == '\\' && i+1 < len(s) && s[i+1] == '*':
			for i < len(s) && s[i] != '\n' {
				adv(1)
			}
		case c == '(' && i+1 < len(s) && s[i+1] == '*':
			sl, sc := line, col
			adv(2)
			depth := 1
			for depth > 0 {
				if i >= len(s) {
					p.failAt(sl, sc, "unterminated comment `(*`")
				}
				switch {
				case strings.HasPrefix(s[i:], "(*"):
					depth++
					adv(2)
				case strings.HasPrefix(s[i:], "*)"):
					depth--
					adv(2)
				case s[i] == '\n':
					newline()
				default:
					adv(1)
				}
			}
		case isIdentByte(c):
			j := i
			for j < len(s) && isIdentByte(s[j]) {
				j++
			}
			w := s[i:j]
			kind := tIdent
			allDigits := true
			for k := 0; k < len(w); k++ {
				if w[k] < '0' || w[k] > '9' {
					allDigits = false
				}
			}
			if allDigits {
				kind = tNum
			}
			p.toks = append(p.toks, token{kind, w, line, col})
			adv(j - i)
		case c == '"':
			sl, sc := line, col
			adv(1)
			var b strings.Builder
			for {
				if i >= len(s) || s[i] == '\n' {
					p.failAt(sl, sc, "unterminated string")
				}
				if s[i] == '"' {
					adv(1)
					break
				}
				if s[i] == '\\' {
					if i+1 >= len(s) {
						p.failAt(sl, sc, "unterminated string")
					}
					e := s[i+1]
					r, ok := syntax.Unescape(e)
					if !ok {
						p.failAt(line, col, "unknown escape sequence \\%c in string", e)
					}
					b.WriteByte(r)
					adv(2)
					continue
				}
				r, sz := utf8.DecodeRuneInString(s[i:])
				if r == utf8.RuneError && sz == 1 {
					p.failAt(line, col, "invalid UTF-8 encoding")
				}
				b.WriteString(s[i : i+sz])
				adv(sz)
			}
			p.toks = append(p.toks, token{tStr, b.String(), sl, sc})
		default:
			matched := false
			for _, sym := range []string{"<-", "<<", ">>", "=", "{", "}", ",", "[", "]", "-", "(", ")"} {
				if strings.HasPrefix(s[i:], sym) {
					p.toks = append(p.toks, token{tSym, sym, line, col})
					adv(len(sym))
					matched = true
					break
				}
			}
			if !matched {
				r, sz := utf8.DecodeRuneInString(s[i:])
				if r == utf8.RuneError && sz == 1 {
					p.failAt(line, col, "invalid UTF-8 encoding")
				}
				p.failAt(line, col, "unexpected character %q", r)
			}
		}
	}
	p.toks = append(p.toks, token{kind: tEOF, text: "end of file", line: line, col: col})
}

func (p *parser) peek() *token { return &p.toks[p.p] }

func (p *parser) next() *token {
	t := &p.toks[p.p]
	if p.p < len(p.toks)-1 {
		p.p++
	}
	return t
}

func describe(t *token) string {
	switch t.kind {
	case tEOF:
		return "end of file"
	case tIdent:
		if _, ok := sections[t.text]; ok {
			return "keyword " + t.text
		}
		return "identifier `" + t.text + "`"
	case tNum:
		return "number " + t.text
	case tStr:
		return "string " + strconv.Quote(t.text)
	}
	return "`" + t.text + "`"
}

func (p *parser) isSym(s string) bool {
	t := p.peek()
	return t.kind == tSym && t.text == s
}

func (p *parser) expectSym(s string) *token {
	t := p.peek()
	if !p.isSym(s) {
		p.failAt(t.line, t.col, "expected `%s`, found %s", s, describe(t))
	}
	return p.next()
}

// isName reports whether t is an identifier that is not a section keyword.
func isName(t *token) bool {
	if t.kind != tIdent {
		return false
	}
	_, kw := sections[t.text]
	return !kw
}

func (p *parser) expectName(what string) Name {
	t := p.peek()
	if !isName(t) {
		p.failTLC(t.line, t.col, tlcExpectKeyword, "expected %s, found %s", what, describe(t))
	}
	p.next()
	return Name{Name: t.text, Pos: p.pos(t)}
}

func (p *parser) pos(t *token) Pos { return Pos{File: p.file, Line: t.line, Col: t.col} }

func (p *parser) parse() *Config {
	c := &Config{File: p.file}
	single := map[string]*Name{
		"INIT": &c.Init, "NEXT": &c.Next, "SPECIFICATION": &c.Specification,
		"SYMMETRY": &c.Symmetry, "VIEW": &c.View, "ALIAS": &c.Alias, "POSTCONDITION": &c.Postcondition,
	}
	lists := map[string]*[]Name{
		"INVARIANT": &c.Invariants, "PROPERTY": &c.Properties,
		"CONSTRAINT": &c.Constraints, "ACTION_CONSTRAINT": &c.ActionConstraints,
	}
	var deadlockPos *token
	for {
		t := p.peek()
		if t.kind == tEOF {
			return c
		}
		sec, ok := sections[t.text]
		if t.kind != tIdent || !ok {
			p.failTLC(t.line, t.col, tlcExpectKeyword, "expected a section keyword (CONSTANT, INIT, NEXT, SPECIFICATION, "+
				"INVARIANT, PROPERTY, CONSTRAINT, ACTION_CONSTRAINT, SYMMETRY, VIEW, CHECK_DEADLOCK, "+
				"ALIAS, POSTCONDITION), found %s", describe(t))
		}
		p.next()
		switch sec {
		case "CONSTANT":
			for isName(p.peek()) {
				c.Constants = append(c.Constants, p.parseConstant())
			}
		case "CHECK_DEADLOCK":
			v := p.peek()
			if v.kind != tIdent || (v.text != "TRUE" && v.text != "FALSE") {
				p.failAt(v.line, v.col, "CHECK_DEADLOCK must be followed by TRUE or FALSE, found %s", describe(v))
			}
			if deadlockPos != nil {
				p.failTLC(t.line, t.col, "The keyword CHECK_DEADLOCK appeared twice.",
					"CHECK_DEADLOCK is given twice (also at line %d)", deadlockPos.line)
			}
			deadlockPos = t
			p.next()
			b := v.text == "TRUE"
			c.CheckDeadlock = &b
		default:
			if dst := single[sec]; dst != nil {
				n := p.expectName("a definition name after " + t.text)
				if dst.Name != "" {
					p.failTLC(t.line, t.col, "The keyword "+sec+" appeared twice.",
						"%s is given twice (also at line %d)", sec, dst.Pos.Line)
				}
				*dst = n
				if isName(p.peek()) {
					x := p.peek()
					p.failTLC(x.line, x.col, tlcExpectKeyword, "%s takes one name; found a second one, %s", sec, describe(x))
				}
				continue
			}
			// An empty list is accepted, as TLC does.
			dst := lists[sec]
			for isName(p.peek()) {
				*dst = append(*dst, p.expectName("a definition name"))
			}
		}
	}
}

// parseConstant parses `N = v`, `D = [Mod] v`, `Op <- Other` or
// `Op <- [Mod] Other`.
func (p *parser) parseConstant() *Constant {
	n := p.expectName("a constant name")
	p.curConst = n.Name
	k := &Constant{Name: n.Name, Pos: n.Pos}
	t := p.peek()
	switch {
	case p.isSym("="):
		p.next()
		k.Kind = Assign
		k.Module = p.parseModuleScope()
		k.Value = p.parseValue(0)
	case p.isSym("<-"):
		p.next()
		k.Kind = Replace
		k.Module = p.parseModuleScope()
		k.With = p.expectName("the name of the replacing definition")
	case p.isSym("("):
		p.failTLC(t.line, t.col, tlcExpectEq, "unsupported construct: operator constant %s(...) in config; write %s <- Definition", n.Name, n.Name)
	default:
		p.failTLC(t.line, t.col, tlcExpectEq, "expected `=` or `<-` after constant %s, found %s", n.Name, describe(t))
	}
	return k
}

// parseModuleScope parses the optional `[Mod]` after `=` or `<-`, which
// makes the entry apply to the definition of that name in module Mod.
func (p *parser) parseModuleScope() string {
	if !p.isSym("[") {
		return ""
	}
	p.next()
	m := p.expectName("a module name")
	p.expectSym("]")
	return m.Name
}

const maxValueDepth = 200

func (p *parser) parseValue(depth int) *Value {
	t := p.peek()
	if depth > maxValueDepth {
		p.failAt(t.line, t.col, "value nested too deeply")
	}
	pos := p.pos(t)
	switch t.kind {
	case tNum:
		p.next()
		v, err := strconv.ParseInt(t.text, 10, 32)
		if err != nil {
			p.failTLC(t.line, t.col, "For input string: \""+t.text+"\"",
				"integer %s is out of range (TLC's integers are 32-bit)", t.text)
		}
		return &Value{Kind: Int, Pos: pos, Int: v}
	case tStr:
		p.next()
		return &Value{Kind: Str, Pos: pos, Str: t.text}
	case tIdent:
		if _, kw := sections[t.text]; kw {
			break
		}
		p.next()
		switch t.text {
		case "TRUE", "FALSE":
			return &Value{Kind: Bool, Pos: pos, Bool: t.text == "TRUE"}
		}
		return &Value{Kind: ModelValue, Pos: pos, Str: t.text}
	case tSym:
		switch t.text {
		case "-":
			if !p.opts.Extended {
				p.failTLC(t.line, t.col, tlcExpectEq, "negative numbers are not accepted in TLC config files; "+
					"define the value in the spec (e.g. MCValue == -1) and write `%s <- MCValue`", p.curConst)
			}
			p.next()
			n := p.peek()
			if n.kind != tNum {
				p.failAt(n.line, n.col, "expected a number after `-`, found %s", describe(n))
			}
			p.next()
			v, err := strconv.ParseInt("-"+n.text, 10, 32)
			if err != nil {
				p.failAt(n.line, n.col, "integer -%s is out of range (TLC's integers are 32-bit)", n.text)
			}
			return &Value{Kind: Int, Pos: pos, Int: v}
		case "{", "<<":
			if t.text == "<<" && !p.opts.Extended {
				p.failTLC(t.line, t.col, tlcExpectEq, "tuples are not accepted in TLC config files; "+
					"define the value in the spec (e.g. MCValue == <<1, 2>>) and write `%s <- MCValue`", p.curConst)
			}
			p.next()
			closer, kind := "}", Set
			if t.text == "<<" {
				closer, kind = ">>", Tuple
			}
			v := &Value{Kind: kind, Pos: pos, Elems: []*Value{}}
			if p.isSym(closer) {
				p.next()
				return v
			}
			for {
				v.Elems = append(v.Elems, p.parseValue(depth+1))
				if p.isSym(",") {
					p.next()
					continue
				}
				p.expectSym(closer)
				return v
			}
		}
	}
	p.failTLC(t.line, t.col, tlcExpectEq, "expected a value (number, string, TRUE/FALSE, model value, {set} or <<tuple>>), found %s", describe(t))
	return nil
}
