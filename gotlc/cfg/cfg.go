// Package cfg reads TLC model configuration files (.cfg).
//
// A configuration is a sequence of sections, each introduced by a keyword:
//
//	CONSTANT(S)  N = 3   Procs = {p1, p2}   x = x   Op <- Other
//	             D = [Mod] v   D <- [Mod] Other
//	INIT Init    NEXT Next    SPECIFICATION Spec
//	INVARIANT(S) Inv1 Inv2    PROPERTY(IES) P    CONSTRAINT(S) C
//	ACTION_CONSTRAINT(S) A    SYMMETRY Perms     VIEW V
//	CHECK_DEADLOCK FALSE      ALIAS A            POSTCONDITION P
//
// Comments are `\*` to end of line and nested `(* ... *)`. Values are
// integers (possibly negative), strings, TRUE/FALSE, model values (bare
// identifiers) and sets `{...}` of values, nested freely; tuples `<<...>>`
// and negative integers only with Options.Extended (TLC 2.18 rejects them).
// Parse never panics; errors are *syntax.Error with file:line:col, the
// offending line and a caret.
package cfg

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/veralloc/veralloc/gotlc/syntax"
)

// Pos is a position in the .cfg file (same type as the TLA+ front end's).
type Pos = syntax.Pos

// Name is an identifier with its position.
type Name struct {
	Name string
	Pos  Pos
}

// Config is a parsed .cfg file. Section order in the file does not matter;
// within a section, entries keep file order. Empty strings mean "not given".
type Config struct {
	File string

	// Constants holds the CONSTANT(S) entries in file order.
	Constants []*Constant

	Init          Name
	Next          Name
	Specification Name

	Invariants        []Name
	Properties        []Name
	Constraints       []Name
	ActionConstraints []Name

	Symmetry      Name
	View          Name
	Alias         Name
	Postcondition Name

	// CheckDeadlock is nil when CHECK_DEADLOCK is absent (TLC's default is
	// to check for deadlock), else the value given.
	CheckDeadlock *bool
}

// ConstKind says what a CONSTANT entry does.
type ConstKind uint8

const (
	// Assign binds the constant to a value: `N = 3`, `x = x`, `S = {a, b}`.
	Assign ConstKind = iota
	// Replace replaces a constant or definition by another definition:
	// `Op <- Other` or `Op <- [Mod] Other`.
	Replace
)

// Constant is one entry of a CONSTANT(S) section.
type Constant struct {
	Name string
	Pos  Pos
	Kind ConstKind
	// Value is set for Assign.
	Value *Value
	// With is the replacing definition for Replace, always a definition
	// of the root module (as in TLC).
	With Name
	// Module is the module named in `D = [Mod] v` or `D <- [Mod] Other`
	// ("" when absent): the entry then applies to the definition D of
	// module Mod (a definition, never a declared constant), not to the
	// root module's D.
	Module string
}

// ValueKind classifies a Value.
type ValueKind uint8

const (
	Int ValueKind = iota
	Str
	Bool
	ModelValue
	Set
	Tuple
)

func (k ValueKind) String() string {
	return [...]string{"integer", "string", "boolean", "model value", "set", "tuple"}[k]
}

// Value is a constant value written in a .cfg file.
type Value struct {
	Kind  ValueKind
	Pos   Pos
	Int   int64    // Int
	Str   string   // Str: the decoded string; ModelValue: the name
	Bool  bool     // Bool
	Elems []*Value // Set (as written, duplicates kept) and Tuple
}

// String formats v in TLC's syntax (model values by name, strings quoted).
func (v *Value) String() string {
	switch v.Kind {
	case Int:
		return strconv.FormatInt(v.Int, 10)
	case Str:
		return strconv.Quote(v.Str)
	case Bool:
		if v.Bool {
			return "TRUE"
		}
		return "FALSE"
	case ModelValue:
		return v.Str
	}
	open, close := "{", "}"
	if v.Kind == Tuple {
		open, close = "<<", ">>"
	}
	parts := make([]string, len(v.Elems))
	for i, e := range v.Elems {
		parts[i] = e.String()
	}
	return open + strings.Join(parts, ", ") + close
}

// Constant returns the CONSTANT entry for name (the last one when the name
// is given more than once, as TLC uses), or nil.
func (c *Config) Constant(name string) *Constant {
	for i := len(c.Constants) - 1; i >= 0; i-- {
		if c.Constants[i].Name == name {
			return c.Constants[i]
		}
	}
	return nil
}

// ParseFile reads and parses the .cfg file at path.
func ParseFile(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read config: %w", err)
	}
	return Parse(path, b)
}

// Options adjust Parse.
type Options struct {
	// Extended accepts what TLC 2.18 rejects: tuples `<<1, 2>>` and
	// negative integers as constant values.
	Extended bool
}

// Error is a configuration error. It formats like a TLA+ syntax error
// (file:line:col, message, source line, caret); TLC, when set, is how TLC
// 2.18 words the same problem ("It was expecting = or <-, but did not find
// it."), for tools that reproduce TLC's output.
type Error struct {
	Pos  Pos
	Msg  string
	Line string // the offending source line
	TLC  string
}

func (e *Error) Error() string {
	se := syntax.Error{Pos: e.Pos, Msg: e.Msg, Line: e.Line}
	return se.Error()
}

// Parse parses the text of a .cfg file, accepting what TLC accepts;
// filename is used in positions. Later assignments to the same constant
// override earlier ones, as in TLC (Config.Constant returns the last).
func Parse(filename string, src []byte) (*Config, error) {
	return ParseWithOptions(filename, src, Options{})
}

// ParseWithOptions is Parse with options.
func ParseWithOptions(filename string, src []byte, opts Options) (cfg *Config, err error) {
	p := &parser{opts: opts, file: filename, text: string(src), lines: lineStarts(string(src))}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok {
				cfg, err = nil, e
				return
			}
			cfg, err = nil, &Error{Pos: Pos{File: filename, Line: 1, Col: 1},
				Msg: fmt.Sprintf("internal error in config parser: %v\n%s", r, debug.Stack())}
		}
	}()
	p.lex()
	return p.parse(), nil
}
