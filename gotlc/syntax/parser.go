package syntax

import (
	"fmt"
	"runtime/debug"
	"strconv"
)

// parser is a recursive-descent parser over the token slice of one file.
// Errors abort parsing by panicking with a bailout, recovered in the entry
// points; nothing else may panic out of this package.
type parser struct {
	src  *source
	file string
	toks []token
	p    int
	// stops is the stack of columns of the bulleted /\ and \/ lists being
	// parsed: a token at or left of the innermost column ends the current
	// list item (the layout rule).
	stops []int
	// depth counts nested expression parses, to turn pathological nesting
	// into an error instead of a stack overflow.
	depth int
	// work counts parseBin calls (tests check the parser stays linear).
	work int
	// braceMemo memoises parseBrace results (see there).
	braceMemo map[memoKey]memoResult
}

type bailout struct{ err *Error }

const maxDepth = 1000

// ParseModule parses the text of one .tla file and returns its (outermost)
// module, unresolved: Refs have Kind RefUnresolved. Use Load to parse a spec
// with the modules it uses and resolve names. ParseModule never panics.
func ParseModule(filename string, src []byte) (m *Module, err error) {
	s := newSource(filename, string(src))
	defer catch(s, &err)
	toks, lerr := lex(s)
	if lerr != nil {
		return nil, lerr
	}
	p := &parser{src: s, file: filename, toks: toks}
	m = p.parseModule()
	for p.peek().kind == tBegin {
		// A further module later in the same file: registered with the
		// first one's submodules, so that it can be extended or
		// instantiated by name, but not part of the first one's units.
		m.Submodules = append(m.Submodules, p.parseModule())
	}
	if err := checkDepth(s, m); err != nil {
		return nil, err
	}
	return m, nil
}

// MaxTreeDepth bounds the nesting depth of a parsed tree. Long chains (a
// variable primed many times, `a + b + ... + z`, `f[1][2]...`) nest one
// level per operator; beyond this depth the front end reports an error
// instead of letting the recursive walks of the resolver and the evaluator
// overflow the stack.
const MaxTreeDepth = 4000

// checkDepth verifies, without recursion, that no node of the tree under
// root is nested deeper than MaxTreeDepth.
func checkDepth(s *source, root Node) error {
	type item struct {
		n Node
		d int
	}
	stack := []item{{root, 1}}
	var kids []Node
	collect := func(parent Node) []Node {
		kids = kids[:0]
		Inspect(parent, func(n Node) bool {
			if n == parent {
				return true
			}
			kids = append(kids, n)
			return false
		})
		return kids
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.d > MaxTreeDepth {
			sp := it.n.Range()
			return s.errorf(sp.Line, sp.Col, "expression nested too deeply (more than %d levels)", MaxTreeDepth)
		}
		for _, k := range collect(it.n) {
			stack = append(stack, item{k, it.d + 1})
		}
	}
	return nil
}

// ParseExpr parses a single expression (as if it were the body of a
// definition at column 1), unresolved. It is meant for tests and tools.
// The text is wrapped in a one-line module header, so its first line is
// line 2 in positions and errors.
func ParseExpr(filename, text string) (e Expr, err error) {
	full := "---- MODULE Expr ----\n" + text + "\n===="
	s := newSource(filename, full)
	defer catch(s, &err)
	toks, lerr := lex(s)
	if lerr != nil {
		return nil, lerr
	}
	p := &parser{src: s, file: filename, toks: toks}
	p.expect(tBegin, "")
	p.next()
	if p.peek().kind == tSep {
		p.next()
	}
	e = p.parseExpr()
	if t := p.peek(); t.kind != tEnd {
		p.failAt(t, "unexpected %s after expression", describe(t))
	}
	if err := checkDepth(s, e); err != nil {
		return nil, err
	}
	return e, nil
}

// catch converts a bailout or any other panic into an error.
func catch(s *source, err *error) {
	if r := recover(); r != nil {
		if b, ok := r.(bailout); ok {
			*err = b.err
			return
		}
		*err = &Error{Pos: Pos{File: s.file, Line: 1, Col: 1},
			Msg: fmt.Sprintf("internal error in parser: %v\n%s", r, debug.Stack())}
	}
}

// ---------------------------------------------------------------------------
// Token access

// peek returns the current token, or a layout-stop token (kind tEOF with
// text "") when the current token lies at or left of the innermost
// bulleted-list column.
func (p *parser) peek() *token {
	t := &p.toks[p.p]
	if len(p.stops) > 0 && t.col <= p.stops[len(p.stops)-1] && t.kind != tEOF {
		return &layoutStop
	}
	return t
}

var layoutStop = token{kind: tEOF, text: ""}

// raw returns the current token ignoring the layout rule.
func (p *parser) raw() *token { return &p.toks[p.p] }

// at returns the token k positions ahead, ignoring the layout rule.
func (p *parser) at(k int) *token {
	if p.p+k >= len(p.toks) {
		return &p.toks[len(p.toks)-1]
	}
	return &p.toks[p.p+k]
}

func (p *parser) next() *token {
	t := &p.toks[p.p]
	if p.p < len(p.toks)-1 {
		p.p++
	}
	return t
}

// prev is the last consumed token.
func (p *parser) prev() *token {
	if p.p == 0 {
		return &p.toks[0]
	}
	return &p.toks[p.p-1]
}

func (p *parser) isOp(text string) bool {
	t := p.peek()
	return t.kind == tOp && t.text == text
}

func (p *parser) isKw(text string) bool {
	t := p.peek()
	return t.kind == tKeyword && t.text == text
}

func (p *parser) acceptOp(text string) bool {
	if p.isOp(text) {
		p.next()
		return true
	}
	return false
}

func (p *parser) expectOp(text string) *token {
	if !p.isOp(text) {
		p.failAt(p.peek(), "expected `%s`, found %s", text, describe(p.peek()))
	}
	return p.next()
}

func (p *parser) expectKw(text string) *token {
	if !p.isKw(text) {
		p.failAt(p.peek(), "expected %s, found %s", text, describe(p.peek()))
	}
	return p.next()
}

func (p *parser) expect(kind tokKind, what string) *token {
	t := p.peek()
	if t.kind != kind {
		if what == "" {
			what = kindName(kind)
		}
		p.failAt(t, "expected %s, found %s", what, describe(t))
	}
	return p.next()
}

func (p *parser) expectIdent(what string) *token {
	return p.expect(tIdent, what)
}

func kindName(k tokKind) string {
	switch k {
	case tIdent:
		return "an identifier"
	case tNumber:
		return "a number"
	case tString:
		return "a string"
	case tBegin:
		return "`---- MODULE`"
	case tEnd:
		return "`====`"
	case tSep:
		return "`----`"
	}
	return "a token"
}

// describe names a token for error messages.
func describe(t *token) string {
	switch t.kind {
	case tEOF:
		if t == &layoutStop {
			return "the end of a /\\ or \\/ list item (a token at or left of the bullet's column)"
		}
		return "end of file"
	case tIdent:
		return fmt.Sprintf("identifier `%s`", t.raw)
	case tNumber:
		return fmt.Sprintf("number %s", t.raw)
	case tString:
		return fmt.Sprintf("string %s", t.raw)
	case tKeyword:
		return "keyword " + t.text
	case tEnd:
		return "`====` (end of module)"
	case tSep:
		return "`----` separator"
	case tBegin:
		return "`---- MODULE`"
	case tWFSF:
		return "`" + t.text + "`"
	}
	return "`" + t.raw + "`"
}

// failAt aborts parsing with an error at t (at the real token when t is the
// layout stop).
func (p *parser) failAt(t *token, format string, args ...any) {
	if t == &layoutStop {
		t = p.raw()
	}
	panic(bailout{p.src.errorf(t.line, t.col, format, args...)})
}

func (p *parser) failSpan(s Span, format string, args ...any) {
	panic(bailout{p.src.errorf(s.Line, s.Col, format, args...)})
}

// span returns the span from token start to the last consumed token.
func (p *parser) span(start *token) Span {
	e := p.prev()
	if p.p == 0 || e.offset < start.offset {
		e = start
	}
	return Span{File: p.file, Line: start.line, Col: start.col, EndLine: e.endLine, EndCol: e.endCol}
}

func (p *parser) tokSpan(t *token) Span {
	return Span{File: p.file, Line: t.line, Col: t.col, EndLine: t.endLine, EndCol: t.endCol}
}

// spanFrom returns the span from the start of node n to the last consumed token.
func (p *parser) spanFrom(n Node) Span {
	s := n.Range()
	e := p.prev()
	s.EndLine, s.EndCol = e.endLine, e.endCol
	return s
}

// ---------------------------------------------------------------------------
// Modules

func (p *parser) parseModule() *Module {
	start := p.expect(tBegin, "`---- MODULE Name ----`")
	name := p.expectIdent("the module name")
	m := &Module{Name: name.text}
	if p.peek().kind == tSep {
		p.next()
	}
	first := true
	for {
		t := p.peek()
		switch t.kind {
		case tEnd:
			p.next()
			m.Span = p.span(start)
			return m
		case tEOF:
			p.failAt(t, "end of file inside module %s: missing `====`", m.Name)
		case tSep:
			p.next()
			m.Units = append(m.Units, &Separator{p.tokSpan(t)})
			continue
		case tBegin:
			sub := p.parseModule()
			m.Submodules = append(m.Submodules, sub)
			m.Units = append(m.Units, sub)
			continue
		}
		if t.kind == tKeyword && t.text == "EXTENDS" {
			if !first {
				p.failAt(t, "EXTENDS must be the first thing in a module")
			}
			p.next()
			for {
				n := p.expectIdent("a module name")
				m.Extends = append(m.Extends, &Name{p.tokSpan(n), n.text})
				if !p.acceptOp(",") {
					break
				}
			}
			first = false
			continue
		}
		first = false
		p.parseUnit(m)
	}
}

// parseUnit parses one module-level unit and adds it to m.
func (p *parser) parseUnit(m *Module) {
	t := p.peek()
	local := false
	if t.kind == tKeyword && t.text == "LOCAL" {
		local = true
		p.next()
		t = p.peek()
		if t.kind == tKeyword && t.text != "INSTANCE" {
			p.failAt(t, "LOCAL must be followed by a definition or INSTANCE, found %s", describe(t))
		}
	}
	if t.kind == tKeyword {
		switch t.text {
		case "CONSTANT", "CONSTANTS":
			p.next()
			for {
				d := p.parseConstDecl()
				d.Module = m
				m.Constants = append(m.Constants, d)
				m.Units = append(m.Units, d)
				if !p.acceptOp(",") {
					break
				}
			}
			return
		case "VARIABLE", "VARIABLES":
			p.next()
			for {
				n := p.expectIdent("a variable name")
				d := &VarDecl{Span: p.tokSpan(n), Name: n.text, Module: m}
				m.Variables = append(m.Variables, d)
				m.Units = append(m.Units, d)
				if !p.acceptOp(",") {
					break
				}
			}
			return
		case "ASSUME", "ASSUMPTION", "AXIOM":
			p.next()
			a := &Assume{Module: m}
			if p.peek().kind == tIdent && p.at(1).kind == tOp && p.at(1).text == "==" {
				a.Name = p.next().text
				p.next()
			}
			a.Expr = p.parseExpr()
			a.Span = p.span(t)
			m.Assumes = append(m.Assumes, a)
			m.Units = append(m.Units, a)
			return
		case "THEOREM", "LEMMA", "PROPOSITION", "COROLLARY":
			th := p.parseTheorem()
			th.Module = m
			m.Theorems = append(m.Theorems, th)
			m.Units = append(m.Units, th)
			return
		case "USE", "HIDE":
			p.next()
			p.skipProof(t.col)
			return
		case "RECURSIVE":
			r := p.parseRecursive()
			m.Units = append(m.Units, r)
			return
		case "INSTANCE":
			inst := p.parseInstance(t, "", nil)
			inst.Local = local
			inst.Module = m
			m.Instances = append(m.Instances, inst)
			m.Units = append(m.Units, inst)
			return
		}
		if proofKeywords[t.text] {
			// A stray proof (e.g. a PROOF after a USE): skip it.
			p.skipProof(t.col)
			return
		}
		p.failAt(t, "unexpected keyword %s at module level", t.text)
	}
	if t.kind == tOp && t.text == "<" && p.isStepLabel() {
		p.skipProof(t.col)
		return
	}
	d, inst := p.parseDefinition(false)
	if inst != nil {
		inst.Local = local
		inst.Module = m
		m.Instances = append(m.Instances, inst)
		m.Units = append(m.Units, inst)
		return
	}
	d.Local = local
	d.Module = m
	m.Defs = append(m.Defs, d)
	m.Units = append(m.Units, d)
}

// parseConstDecl parses `N`, `F(_, _)`, `_ + _`, `- _` or `_ ^+`.
func (p *parser) parseConstDecl() *ConstDecl {
	t := p.peek()
	if t.kind == tIdent {
		p.next()
		d := &ConstDecl{Name: t.text}
		d.Arity = p.parseArity()
		d.Span = p.span(t)
		return d
	}
	if t.kind == tOp && t.text == "_" {
		p.next()
		op := p.peek()
		if op.kind != tOp {
			p.failAt(op, "expected an operator symbol in constant declaration, found %s", describe(op))
		}
		p.next()
		if isPostfixOp(op.text) {
			return &ConstDecl{Span: p.span(t), Name: op.text, Arity: 1}
		}
		p.expectOp("_")
		return &ConstDecl{Span: p.span(t), Name: op.text, Arity: 2}
	}
	if t.kind == tOp && (t.text == "-" || t.text == "~") {
		p.next()
		p.expectOp("_")
		name := t.text
		if name == "-" {
			name = "-."
		}
		return &ConstDecl{Span: p.span(t), Name: name, Arity: 1}
	}
	p.failAt(t, "expected a constant declaration, found %s", describe(t))
	return nil
}

func (p *parser) parseRecursive() *RecursiveDecl {
	start := p.expectKw("RECURSIVE")
	r := &RecursiveDecl{}
	for {
		n := p.expectIdent("an operator name")
		prm := &Param{Name: n.text}
		prm.Arity = p.parseArity()
		prm.Span = p.span(n)
		r.Names = append(r.Names, prm)
		if !p.acceptOp(",") {
			break
		}
	}
	r.Span = p.span(start)
	return r
}

// isStepLabel reports whether the tokens at the current position form a
// proof step label `<n>`, `<n>x`, `<*>` or `<+>`.
func (p *parser) isStepLabel() bool {
	t0, t1, t2 := p.at(0), p.at(1), p.at(2)
	if t0.kind != tOp || t0.text != "<" {
		return false
	}
	if !(t1.kind == tNumber || t1.kind == tOp && (t1.text == "*" || t1.text == "+")) {
		return false
	}
	return t2.kind == tOp && t2.text == ">" && t2.offset == t1.offset+len(t1.raw)
}

// parseTheorem parses THEOREM [Name ==] statement [proof], skipping the proof.
func (p *parser) parseTheorem() *Theorem {
	start := p.next()
	th := &Theorem{Keyword: start.text}
	if p.peek().kind == tIdent && p.at(1).kind == tOp && p.at(1).text == "==" {
		th.Name = p.next().text
		p.next()
	}
	if p.isKw("ASSUME") {
		th.AssumeProve = true
		p.next()
		// Skip the ASSUME ... PROVE statement and the proof together.
		p.skipProof(start.col)
		th.Span = p.span(start)
		return th
	}
	th.Expr = p.parseExpr()
	th.Span = p.span(start)
	// Skip the proof, if there is one: a theorem without a proof is
	// followed directly by the next unit, which must not be skipped.
	if t := p.raw(); t.kind == tKeyword && proofKeywords[t.text] || p.isStepLabel() {
		p.skipProof(start.col)
	}
	return th
}

// theoremKeywords start a theorem; a line starting with one always ends a
// proof being skipped (they cannot occur inside proofs).
var theoremKeywords = map[string]bool{
	"THEOREM": true, "LEMMA": true, "PROPOSITION": true, "COROLLARY": true,
}

// skipProof skips proof text (or the rest of a USE/HIDE, or an ASSUME/PROVE
// statement). It stops before the `====`, `----` or `---- MODULE` line,
// before a line starting with THEOREM, LEMMA, PROPOSITION or COROLLARY, and
// before any other line whose first token is at or left of col (the column
// of the keyword that began the unit) and is neither a proof keyword (PROOF,
// BY, OBVIOUS, OMITTED, QED, USE, HIDE, DEFINE, HAVE, TAKE, WITNESS, PICK,
// SUFFICES, PROVE, CASE, ...) nor a step label (`<1>2.`, `<*>`, `<+>`).
// Everything a proof contains is therefore ignored, including definitions
// made inside it.
func (p *parser) skipProof(col int) {
	saved := p.stops
	p.stops = nil
	defer func() { p.stops = saved }()
	first := true
	for {
		t := p.raw()
		switch t.kind {
		case tEOF, tEnd, tSep, tBegin:
			return
		}
		if t.lineHead && !first {
			if t.kind == tKeyword && theoremKeywords[t.text] {
				return
			}
			if t.col <= col {
				proofy := t.kind == tKeyword && (proofKeywords[t.text] || t.text == "PROVE" || t.text == "CASE") ||
					p.isStepLabel()
				if !proofy {
					return
				}
			}
		}
		first = false
		p.next()
	}
}

// parseInstance parses `INSTANCE M [WITH a <- e, ...]`; start is the first
// token of the unit (for the span).
func (p *parser) parseInstance(start *token, name string, params []*Param) *InstanceDef {
	p.expectKw("INSTANCE")
	mod := p.expectIdent("a module name")
	inst := &InstanceDef{Name: name, Params: params, ModuleName: mod.text}
	if p.isKw("WITH") {
		p.next()
		for {
			t := p.peek()
			var lhs string
			switch {
			case t.kind == tIdent:
				lhs = t.text
				p.next()
			case t.kind == tOp && infixOps[t.text] != nil:
				lhs = t.text
				p.next()
			default:
				p.failAt(t, "expected a substitution `name <- expression`, found %s", describe(t))
			}
			p.expectOp("<-")
			e := p.parseExpr()
			inst.Subst = append(inst.Subst, &Subst{Span: p.span(t), Name: lhs, Expr: e})
			if !p.acceptOp(",") {
				break
			}
		}
	}
	inst.Span = p.span(start)
	return inst
}

// parseDefinition parses an operator, function or instance definition.
// Exactly one of the results is non-nil.
func (p *parser) parseDefinition(inLet bool) (*OpDef, *InstanceDef) {
	start := p.peek()
	d := &OpDef{InLet: inLet}
	switch {
	case start.kind == tIdent:
		p.next()
		nt := p.peek()
		switch {
		case nt.kind == tOp && nt.text == "==":
			d.Name = start.text
		case nt.kind == tOp && nt.text == "(":
			d.Name = start.text
			d.Params = p.parseParams()
		case nt.kind == tOp && nt.text == "[":
			d.Name = start.text
			d.IsFunc = true
			p.next()
			bs := p.parseBinders(false, "]")
			p.expectOp("]")
			eq := p.expectOp("==")
			body := p.parseExpr()
			d.Body = &FuncCons{Span: Span{File: p.file, Line: eq.line, Col: eq.col,
				EndLine: p.prev().endLine, EndCol: p.prev().endCol}, Binders: bs, Body: body}
			d.Span = p.span(start)
			return d, nil
		case nt.kind == tOp && isPostfixOp(nt.text):
			p.next()
			d.Name = nt.text
			d.Fixity = FixPostfix
			d.Params = []*Param{{Span: p.tokSpan(start), Name: start.text}}
		case nt.kind == tOp && infixOps[nt.text] != nil && !isKernelInfix(nt.text):
			p.next()
			rhs := p.expectIdent("the right operand name of an infix operator definition")
			d.Name = nt.text
			d.Fixity = FixInfix
			d.Params = []*Param{{Span: p.tokSpan(start), Name: start.text},
				{Span: p.tokSpan(rhs), Name: rhs.text, Index: 1}}
		case !inLet && !nt.lineHead && (nt.kind == tIdent || nt.kind == tNumber || nt.kind == tString) && upperWord(start.text):
			// `ASUME x > 0`: two names in a row where a unit begins.
			p.failAt(nt, "unexpected %s after %s (is `%s` a misspelled keyword?)", describe(nt), describe(start), start.text)
		case inLet:
			p.failAt(nt, "expected `==` in definition of %s (or IN after the LET definitions), found %s", start.text, describe(nt))
		default:
			p.failAt(nt, "expected `==` in definition of %s, found %s", start.text, describe(nt))
		}
	case start.kind == tOp && (start.text == "-." || start.text == "-"):
		p.next()
		arg := p.expectIdent("the operand name of a prefix operator definition")
		d.Name = "-."
		d.Fixity = FixPrefix
		d.Params = []*Param{{Span: p.tokSpan(arg), Name: arg.text}}
	case start.kind == tEOF && start == &layoutStop:
		p.failAt(start, "expected a definition, found %s", describe(start))
	default:
		p.failAt(start, "expected a definition, found %s", describe(start))
	}
	p.expectOp("==")
	if p.isKw("INSTANCE") {
		if d.Fixity != FixNone {
			p.failAt(p.peek(), "an operator symbol cannot name an instance")
		}
		return nil, p.parseInstance(start, d.Name, d.Params)
	}
	d.Body = p.parseExpr()
	d.Span = p.span(start)
	if !inLet {
		p.checkAfterBody()
	}
	return d, nil
}

// upperWord reports whether s is spelt like a keyword: capital letters
// only (ASUME, UNCHANGD).
func upperWord(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return s != ""
}

// beginsDefinition reports whether the next token is an identifier at the
// head of its line that starts a definition: `Name ==` or
// `Name(p, q) ==` with the parameters on that line.
func (p *parser) beginsDefinition() bool {
	t := p.at(0)
	if t.kind != tIdent || !t.lineHead {
		return false
	}
	n := p.at(1)
	if n.kind == tOp && n.text == "==" {
		return true
	}
	if n.kind != tOp || n.text != "(" {
		return false
	}
	for k := 2; k < 64; k++ {
		x := p.at(k)
		if x.line != t.line || x.kind == tEOF {
			return false
		}
		if x.kind == tOp && x.text == ")" {
			eq := p.at(k + 1)
			return eq.kind == tOp && eq.text == "=="
		}
	}
	return false
}

// checkAfterBody reports a token left on the line where a module-level
// definition's body ended that cannot start the next unit: the body
// stopped early, most often at a misspelled keyword (`UNCHANGD x` is the
// identifier UNCHANGD followed by x). Reporting it here points at the
// line of the mistake, not at the next definition.
func (p *parser) checkAfterBody() {
	t := p.raw()
	if t.lineHead || t.kind != tIdent && t.kind != tNumber && t.kind != tString {
		return
	}
	n := p.at(1)
	userInfix := n.kind == tOp && infixOps[n.text] != nil && !isKernelInfix(n.text) && p.at(2).kind == tIdent && p.at(3).kind == tOp && p.at(3).text == "=="
	if n.kind == tOp && (n.text == "==" || n.text == "(" || n.text == "[") || userInfix {
		return // another definition on the same line
	}
	if prev := p.prev(); prev.kind == tIdent {
		p.failAt(t, "unexpected %s after %s (is `%s` a misspelled keyword or operator?)", describe(t), describe(prev), prev.text)
	}
	p.failAt(t, "unexpected %s after the end of the expression", describe(t))
}

// symbolParam parses an operator-symbol parameter: `_ \prec _` (infix),
// `- _` (prefix) or `_ ^+` (postfix), named by the symbol's canonical
// spelling, or returns nil, consuming nothing.
func (p *parser) symbolParam(index int) *Param {
	t0, t1, t2 := p.at(0), p.at(1), p.at(2)
	isU := func(t *token) bool { return t.kind == tOp && t.text == "_" }
	switch {
	case isU(t0) && t1.kind == tOp && infixOps[t1.text] != nil && isU(t2):
		p.next()
		p.next()
		p.next()
		return &Param{Span: p.span(t0), Name: t1.text, Index: index, Arity: 2}
	case isU(t0) && t1.kind == tOp && isPostfixOp(t1.text):
		p.next()
		p.next()
		return &Param{Span: p.span(t0), Name: t1.text, Index: index, Arity: 1}
	case t0.kind == tOp && (t0.text == "-" || t0.text == "-.") && isU(t1):
		p.next()
		p.next()
		return &Param{Span: p.span(t0), Name: "-.", Index: index, Arity: 1}
	}
	return nil
}

// parseParams parses `(x, G(_, _), _ \prec _, ...)`.
func (p *parser) parseParams() []*Param {
	p.expectOp("(")
	var ps []*Param
	for {
		t := p.peek()
		if prm := p.symbolParam(len(ps)); prm != nil {
			ps = append(ps, prm)
			if !p.acceptOp(",") {
				break
			}
			continue
		}
		if t.kind != tIdent {
			p.failAt(t, "expected a parameter name, found %s", describe(t))
		}
		p.next()
		prm := &Param{Name: t.text, Index: len(ps)}
		prm.Arity = p.parseArity()
		prm.Span = p.span(t)
		ps = append(ps, prm)
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return ps
}

// parseNumber converts a number token.
func (p *parser) parseNumber(t *token) *NumLit {
	n := &NumLit{Span: p.tokSpan(t), Text: t.raw}
	s := t.raw
	base := 10
	if s[0] == '\\' {
		switch s[1] {
		case 'b', 'B':
			base = 2
		case 'o', 'O':
			base = 8
		default:
			base = 16
		}
		s = s[2:]
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			p.failAt(t, "unsupported construct: decimal number %s (Reals)", t.raw)
		}
	}
	v, err := strconv.ParseInt(s, base, 64)
	if err != nil {
		n.Big = true
	} else {
		n.Value = v
	}
	return n
}

// parseArity reads the "(_, _)" after an operator parameter's or a
// RECURSIVE declaration's name, if there is one, and returns the number of
// underscores (0 without parentheses).
func (p *parser) parseArity() int {
	n := 0
	if p.acceptOp("(") {
		for {
			p.expectOp("_")
			n++
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(")")
	}
	return n
}
