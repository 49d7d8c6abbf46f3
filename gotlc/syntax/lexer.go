package syntax

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexer turns the text of one .tla file into tokens. Text before the first
// `---- MODULE` line and after the `====` that closes the outermost module is
// ignored, as in SANY.
type lexer struct {
	src   *source
	text  string
	i     int // byte offset
	line  int
	col   int // column of text[i], in code points
	toks  []token
	depth int // module nesting depth
	err   *Error
	atBOL bool // no token yet on the current line
}

// lex returns the tokens of the file, ending with a tEOF token.
func lex(src *source) ([]token, *Error) {
	lx := &lexer{src: src, text: src.text, line: 1, col: 1, atBOL: true,
		toks: make([]token, 0, len(src.text)/6+16)}
	lx.run()
	if lx.err != nil {
		return nil, lx.err
	}
	lx.toks = append(lx.toks, token{kind: tEOF, text: "end of file", raw: "", line: lx.line, col: lx.col,
		endLine: lx.line, endCol: lx.col, offset: lx.i, lineHead: true})
	return lx.toks, nil
}

func (lx *lexer) fail(line, col int, format string, args ...any) {
	if lx.err == nil {
		lx.err = lx.src.errorf(line, col, format, args...)
	}
}

// TabStop is the tab width used for columns: 8, as in SANY, so that
// columns (in error messages, in TLC-style locations and for the layout
// rule of /\ and \/ lists) are the ones TLC reports.
const TabStop = 8

// nextCol returns the column after a character c at column col.
func nextCol(col int, c rune) int {
	if c == '\t' {
		return ((col-1)/TabStop+1)*TabStop + 1
	}
	return col + 1
}

// advance moves over n bytes that contain no newline.
func (lx *lexer) advance(n int) {
	end := lx.i + n
	for lx.i < end {
		r, sz := utf8.DecodeRuneInString(lx.text[lx.i:])
		lx.i += sz
		lx.col = nextCol(lx.col, r)
	}
}

// nextRune consumes one rune, tracking lines.
func (lx *lexer) nextRune() rune {
	r, sz := utf8.DecodeRuneInString(lx.text[lx.i:])
	lx.i += sz
	if r == '\n' {
		lx.line++
		lx.col = 1
		lx.atBOL = true
	} else {
		lx.col = nextCol(lx.col, r)
	}
	return r
}

func (lx *lexer) emit(kind tokKind, text, raw string, line, col, off int) {
	t := token{kind: kind, text: text, raw: raw, line: line, col: col, endLine: lx.line,
		endCol: lx.col - 1, offset: off, lineHead: lx.atBOL}
	if t.endCol < 1 {
		t.endCol = 1
	}
	lx.atBOL = false
	lx.toks = append(lx.toks, t)
}

// skipToModule skips to the start of the next line holding `----` followed
// by MODULE; it reports whether one was found.
func (lx *lexer) skipToModule() bool {
	if strings.HasPrefix(lx.text, "\ufeff") {
		lx.i = len("\ufeff") // a byte-order mark is not a column
	}
	for lx.i < len(lx.text) {
		if lx.atBOL || lx.col == 1 {
			if n := dashRun(lx.text[lx.i:]); n >= 4 {
				rest := strings.TrimLeft(lx.text[lx.i+n:], " \t")
				if strings.HasPrefix(rest, "MODULE") {
					return true
				}
			}
		}
		// Skip to the next line.
		j := strings.IndexByte(lx.text[lx.i:], '\n')
		if j < 0 {
			lx.i = len(lx.text)
			return false
		}
		lx.i += j + 1
		lx.line++
		lx.col = 1
		lx.atBOL = true
	}
	return false
}

// dashRun returns the length in bytes of the run of '-' (or '─') at s's start
// if it is at least 4 characters long, else 0.
func dashRun(s string) int { return ruleRun(s, '-', "─") }

// equalsRun is dashRun for '=' (or '═'), the module's closing rule.
func equalsRun(s string) int { return ruleRun(s, '=', "═") }

// ruleRun returns the length in bytes of the run of c (or its Unicode form
// u) at s's start if it is at least 4 characters long, else 0.
func ruleRun(s string, c byte, u string) int {
	n, chars := 0, 0
	for n < len(s) {
		if s[n] == c {
			n++
			chars++
			continue
		}
		if strings.HasPrefix(s[n:], u) {
			n += len(u)
			chars++
			continue
		}
		break
	}
	if chars < 4 {
		return 0
	}
	return n
}

func (lx *lexer) run() {
	if !lx.skipToModule() {
		lx.fail(1, 1, "no `---- MODULE Name ----` header found")
		return
	}
	for lx.err == nil {
		if !lx.skipSpace() {
			return
		}
		if lx.i >= len(lx.text) {
			if lx.depth > 0 {
				lx.fail(lx.line, lx.col, "end of file inside module: missing `====` line")
			}
			return
		}
		lx.token()
		if lx.depth == 0 && len(lx.toks) > 0 && lx.toks[len(lx.toks)-1].kind == tEnd {
			// The rest of the file is outside the module, except further
			// modules (`---- MODULE` at the start of a line), which SANY
			// also reads: skip to the next one, if any.
			at := nextModuleHeader(lx.text, lx.i)
			if at < 0 {
				return
			}
			for lx.i < at {
				lx.nextRune()
			}
		}
	}
}

// nextModuleHeader returns the offset, at or after from, of the next line
// that starts with `----` followed by MODULE, or -1.
func nextModuleHeader(text string, from int) int {
	for i := from; i < len(text); {
		if i == 0 || text[i-1] == '\n' {
			if n := dashRun(text[i:]); n > 0 {
				trim := strings.TrimLeft(text[i+n:], " \t")
				if strings.HasPrefix(trim, "MODULE") && (len(trim) == 6 || !isIdentByte(trim[6])) {
					return i
				}
			}
		}
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			return -1
		}
		i += j + 1
	}
	return -1
}

// skipSpace skips white space and comments. It returns false on error.
func (lx *lexer) skipSpace() bool {
	for lx.i < len(lx.text) {
		c := lx.text[lx.i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.advance(1)
		case c == '\n':
			lx.nextRune()
		case c == '\\' && lx.i+1 < len(lx.text) && lx.text[lx.i+1] == '*':
			for lx.i < len(lx.text) && lx.text[lx.i] != '\n' {
				lx.nextRune()
			}
		case c == '(' && lx.i+1 < len(lx.text) && lx.text[lx.i+1] == '*':
			line, col := lx.line, lx.col
			lx.advance(2)
			depth := 1
			for depth > 0 {
				if lx.i >= len(lx.text) {
					lx.fail(line, col, "unterminated comment `(*`")
					return false
				}
				if strings.HasPrefix(lx.text[lx.i:], "(*") {
					depth++
					lx.advance(2)
				} else if strings.HasPrefix(lx.text[lx.i:], "*)") {
					depth--
					lx.advance(2)
				} else {
					lx.nextRune()
				}
			}
		default:
			r, _ := utf8.DecodeRuneInString(lx.text[lx.i:])
			if r == 0xA0 || r == 0xFEFF || (r > 127 && unicode.IsSpace(r)) {
				lx.nextRune()
				continue
			}
			return true
		}
	}
	return true
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func hasLetter(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (lx *lexer) token() {
	line, col, off := lx.line, lx.col, lx.i
	s := lx.text[lx.i:]
	c := s[0]

	// Module structure lines.
	if n := dashRun(s); n > 0 {
		rest := s[n:]
		trim := strings.TrimLeft(rest, " \t")
		if strings.HasPrefix(trim, "MODULE") && (len(trim) == 6 || !isIdentByte(trim[6])) {
			lx.advance(n + (len(rest) - len(trim)) + 6)
			lx.depth++
			lx.emit(tBegin, "MODULE", "---- MODULE", line, col, off)
			return
		}
		lx.advance(n)
		lx.emit(tSep, "----", s[:n], line, col, off)
		return
	}
	if n := equalsRun(s); n > 0 {
		lx.advance(n)
		lx.depth--
		lx.emit(tEnd, "====", s[:n], line, col, off)
		return
	}

	switch {
	case isDigit(c):
		lx.number(line, col, off)
		return
	case c == '"':
		lx.string(line, col, off)
		return
	case isIdentByte(c):
		j := 0
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		word := s[:j]
		if strings.HasPrefix(word, "WF_") || strings.HasPrefix(word, "SF_") {
			lx.advance(3)
			lx.emit(tWFSF, word[:3], word[:3], line, col, off)
			return
		}
		if !hasLetter(word) {
			if word == "_" {
				lx.advance(1)
				lx.emit(tOp, "_", "_", line, col, off)
				return
			}
			lx.fail(line, col, "%q is not an identifier (identifiers need a letter)", word)
			return
		}
		lx.advance(j)
		if keywords[word] {
			lx.emit(tKeyword, word, word, line, col, off)
		} else {
			lx.emit(tIdent, word, word, line, col, off)
		}
		return
	case c == '\\':
		// \b \o \h numbers.
		if len(s) >= 3 && strings.ContainsRune("bBoOhH", rune(s[1])) && isBaseDigit(s[1], s[2]) {
			lx.number(line, col, off)
			return
		}
		j := 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if j == 1 {
			if len(s) > 1 && s[1] == '/' {
				lx.advance(2)
				lx.emit(tOp, `\/`, `\/`, line, col, off)
				return
			}
			lx.advance(1)
			lx.emit(tOp, `\`, `\`, line, col, off)
			return
		}
		name := s[:j]
		canon, ok := backslashOps[name]
		if !ok {
			lx.fail(line, col, "unknown operator %s", name)
			return
		}
		lx.advance(j)
		lx.emit(tOp, canon, name, line, col, off)
		return
	}

	if c >= utf8.RuneSelf {
		r, sz := utf8.DecodeRuneInString(s)
		if t, ok := unicodeOps[r]; ok {
			lx.advance(sz)
			lx.emit(tOp, t, s[:sz], line, col, off)
			lx.afterClose(t)
			return
		}
		if t, ok := unicodeIdents[r]; ok {
			lx.advance(sz)
			lx.emit(tIdent, t, s[:sz], line, col, off)
			return
		}
		if r == utf8.RuneError && sz == 1 {
			lx.fail(line, col, "invalid UTF-8 encoding")
			return
		}
		lx.fail(line, col, "unexpected character %q", r)
		return
	}

	for _, op := range symbolsByFirst[c] {
		if strings.HasPrefix(s, op) {
			lx.advance(len(op))
			t := op
			if cs, ok := canonicalSymbol[op]; ok {
				t = cs
			}
			lx.emit(tOp, t, op, line, col, off)
			lx.afterClose(t)
			return
		}
	}
	lx.fail(line, col, "unexpected character %q", rune(c))
}

// afterClose emits a `_` token when `]` or `>>` is immediately followed by
// an underscore (the subscript of `[A]_v` and `<<A>>_v`), so that `_v` is not
// read as an identifier.
func (lx *lexer) afterClose(t string) {
	if (t == "]" || t == ">>") && lx.i < len(lx.text) && lx.text[lx.i] == '_' {
		line, col, off := lx.line, lx.col, lx.i
		lx.advance(1)
		lx.emit(tOp, "_", "_", line, col, off)
	}
}

func isBaseDigit(base, c byte) bool {
	switch base {
	case 'b', 'B':
		return c == '0' || c == '1'
	case 'o', 'O':
		return c >= '0' && c <= '7'
	default:
		return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
	}
}

func (lx *lexer) number(line, col, off int) {
	s := lx.text[lx.i:]
	j := 0
	if s[0] == '\\' {
		j = 2
		for j < len(s) && isBaseDigit(s[1], s[j]) {
			j++
		}
	} else {
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
			j++
			for j < len(s) && isDigit(s[j]) {
				j++
			}
		}
	}
	if j < len(s) && isIdentByte(s[j]) && s[0] != '\\' && !strings.Contains(s[:j], ".") {
		// An identifier may start with digits when it contains a letter
		// (`2PCwithBTM`, `1a`).
		k := j
		for k < len(s) && isIdentByte(s[k]) {
			k++
		}
		lx.advance(k)
		lx.emit(tIdent, s[:k], s[:k], line, col, off)
		return
	}
	if j < len(s) && isIdentByte(s[j]) {
		k := j
		for k < len(s) && isIdentByte(s[k]) {
			k++
		}
		lx.fail(line, col, "malformed number %q", s[:k])
		return
	}
	lx.advance(j)
	lx.emit(tNumber, s[:j], s[:j], line, col, off)
}

func (lx *lexer) string(line, col, off int) {
	lx.advance(1)
	var b strings.Builder
	for {
		if lx.i >= len(lx.text) || lx.text[lx.i] == '\n' {
			lx.fail(line, col, "unterminated string")
			return
		}
		c := lx.text[lx.i]
		if c == '"' {
			lx.advance(1)
			break
		}
		if c == '\\' {
			if lx.i+1 >= len(lx.text) {
				lx.fail(lx.line, lx.col, "unterminated string")
				return
			}
			e := lx.text[lx.i+1]
			r, ok := Unescape(e)
			if !ok {
				lx.fail(lx.line, lx.col, "unknown escape sequence \\%c in string", e)
				return
			}
			b.WriteByte(r)
			lx.advance(2)
			continue
		}
		r := lx.nextRune()
		b.WriteRune(r)
	}
	lx.emit(tString, b.String(), lx.text[off:lx.i], line, col, off)
}

// Unescape returns the byte that the escape sequence \e stands for in a
// TLA+ string (\" \\ \n \t \r \f), and false for any other e. The
// lexer and the .cfg parser both read strings with it.
func Unescape(e byte) (byte, bool) {
	switch e {
	case '"', '\\':
		return e, true
	case 'n':
		return '\n', true
	case 't':
		return '\t', true
	case 'r':
		return '\r', true
	case 'f':
		return '\f', true
	}
	return 0, false
}
