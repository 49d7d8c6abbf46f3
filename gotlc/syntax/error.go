package syntax

import (
	"fmt"
	"os"
	"strings"
)

// Error is a syntax or resolution error at a source position. Its message
// has the form
//
//	file:line:col: message
//	    <the source line>
//	    <a caret under the column>
type Error struct {
	Pos  Pos
	Msg  string
	Line string // the offending source line, without its newline ("" if unknown)
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Line != "" {
		b.WriteString("\n    ")
		b.WriteString(e.Line)
		b.WriteString("\n    ")
		b.WriteString(caretLine(e.Line, e.Pos.Col))
	}
	return b.String()
}

// caretLine returns white space followed by ^ under column col of line,
// columns counted as the lexer counts them (code points, tab stops of 8).
// Tabs of the source line are copied, so the caret lines up on terminals
// with 8-column tabs.
func caretLine(line string, col int) string {
	var b strings.Builder
	vis := 1
	for _, r := range line {
		if vis >= col {
			break
		}
		nv := nextCol(vis, r)
		if nv > col {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		vis = nv
	}
	for ; vis < col; vis++ {
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	return b.String()
}

// Excerpt shows where s starts as a compiler does: "file:line:col:", the
// source line and a caret under the column (the file is read again); ""
// when the file cannot be read.
func (s Span) Excerpt() string {
	text, err := os.ReadFile(s.File)
	if err != nil || s.Line < 1 {
		return ""
	}
	lines := strings.Split(string(text), "\n")
	if s.Line > len(lines) {
		return ""
	}
	line := strings.TrimRight(lines[s.Line-1], "\r")
	return fmt.Sprintf("%s:%d:%d:\n    %s\n    %s", s.File, s.Line, s.Col, line, caretLine(line, s.Col))
}

// ErrorList is several errors; Error reports them all, one after another.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var parts []string
	for _, e := range l {
		parts = append(parts, e.Error())
	}
	return strings.Join(parts, "\n")
}

// source is a file's text with line offsets, used for error messages.
type source struct {
	file  string
	text  string
	lines []int // byte offset of the start of each line
}

func newSource(file, text string) *source {
	s := &source{file: file, text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// lineText returns the text of 1-based line n without its line terminator.
func (s *source) lineText(n int) string {
	if n < 1 || n > len(s.lines) {
		return ""
	}
	start := s.lines[n-1]
	end := len(s.text)
	if n < len(s.lines) {
		end = s.lines[n] - 1
	}
	if end < start {
		end = start
	}
	t := s.text[start:end]
	return strings.TrimRight(t, "\r")
}

func (s *source) errorf(line, col int, format string, args ...any) *Error {
	return &Error{
		Pos:  Pos{File: s.file, Line: line, Col: col},
		Msg:  fmt.Sprintf(format, args...),
		Line: s.lineText(line),
	}
}
