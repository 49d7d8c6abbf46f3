package syntax

// opInfo is the precedence range [lo, hi] of an operator, as in the table of
// Specifying Systems (section 15.2.1), and whether it is left-associative.
type opInfo struct {
	lo, hi int
	left   bool
}

func (a *opInfo) overlaps(b *opInfo) bool { return a.lo <= b.hi && b.lo <= a.hi }

// infixOps maps canonical infix operator spellings to their precedence.
var infixOps = map[string]*opInfo{
	"=>":  {1, 1, false},
	"<=>": {2, 2, false}, "~>": {2, 2, false}, "-+->": {2, 2, false},
	`/\`: {3, 3, true}, `\/`: {3, 3, true},
	"=": {5, 5, false}, "#": {5, 5, false}, "<": {5, 5, false}, ">": {5, 5, false},
	"<=": {5, 5, false}, ">=": {5, 5, false}, `\in`: {5, 5, false}, `\notin`: {5, 5, false},
	`\subseteq`: {5, 5, false}, `\subset`: {5, 5, false}, `\supseteq`: {5, 5, false},
	`\supset`: {5, 5, false}, `\prec`: {5, 5, false}, `\succ`: {5, 5, false},
	`\preceq`: {5, 5, false}, `\succeq`: {5, 5, false}, `\sqsubset`: {5, 5, false},
	`\sqsupset`: {5, 5, false}, `\sqsubseteq`: {5, 5, false}, `\sqsupseteq`: {5, 5, false},
	`\sim`: {5, 5, false}, `\simeq`: {5, 5, false}, `\approx`: {5, 5, false},
	`\cong`: {5, 5, false}, `\asymp`: {5, 5, false}, `\doteq`: {5, 5, false},
	`\propto`: {5, 5, false}, `\ll`: {5, 5, false}, `\gg`: {5, 5, false},
	":=": {5, 5, false}, "::=": {5, 5, false}, "|-": {5, 5, false}, "-|": {5, 5, false},
	"|=": {5, 5, false}, "=|": {5, 5, false},
	"@@": {6, 6, true},
	":>": {7, 7, false}, "<:": {7, 7, false},
	`\cup`: {8, 8, true}, `\cap`: {8, 8, true}, `\`: {8, 8, false},
	"..": {9, 9, false}, "...": {9, 9, false},
	"!!": {9, 13, false}, "$": {9, 13, true}, "$$": {9, 13, true}, "??": {9, 13, true},
	`\sqcap`: {9, 13, true}, `\sqcup`: {9, 13, true}, `\uplus`: {9, 13, true},
	`\wr`: {9, 14, false},
	"+":   {10, 10, true}, "++": {10, 10, true}, "(+)": {10, 10, true},
	"%": {10, 11, false}, "%%": {10, 11, true}, "|": {10, 11, true}, "||": {10, 11, true},
	`\X`: {10, 13, true},
	"-":  {11, 11, true}, "--": {11, 11, true}, "(-)": {11, 11, true},
	"*": {13, 13, true}, "**": {13, 13, true}, "/": {13, 13, false}, "//": {13, 13, false},
	`\div`: {13, 13, false}, `\o`: {13, 13, true}, "(.)": {13, 13, true},
	"(/)": {13, 13, false}, `(\X)`: {13, 13, true}, "&": {13, 13, true}, "&&": {13, 13, true},
	`\star`: {13, 13, true}, `\bullet`: {13, 13, true}, `\bigcirc`: {13, 13, true},
	"^": {14, 14, false}, "^^": {14, 14, false},
	`\cdot`: {5, 14, true},
}

// kernelInfix are infix symbols a user cannot define.
var kernelInfix = map[string]bool{
	"=>": true, "<=>": true, "~>": true, "-+->": true, `/\`: true, `\/`: true,
	"=": true, "#": true, `\in`: true, `\notin`: true, `\subseteq`: true,
	`\cup`: true, `\cap`: true, `\`: true, `\X`: true, `\cdot`: true,
}

func isKernelInfix(s string) bool { return kernelInfix[s] }

func isPostfixOp(s string) bool { return s == "^+" || s == "^*" || s == "^#" }

// prefix operator ranges.
var (
	precNot      = &opInfo{4, 4, false}
	precTemporal = &opInfo{4, 15, false} // [] <> ENABLED UNCHANGED
	precSubset   = &opInfo{8, 8, false}  // SUBSET UNION
	precDomain   = &opInfo{9, 9, false}
	precNeg      = &opInfo{12, 12, false}
)

// binCtx is the operator whose operand is being parsed.
type binCtx struct {
	info   *opInfo
	name   string
	prefix bool
}

func (p *parser) parseExpr() Expr { return p.parseBin(nil) }

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.failAt(p.peek(), "expression nested too deeply")
	}
}

func (p *parser) leave() { p.depth-- }

// parseBin parses an expression whose operators all bind tighter than ctx
// (the operator whose operand this is; nil at the top level). It reports a
// precedence conflict where TLA+ requires parentheses.
func (p *parser) parseBin(ctx *binCtx) Expr {
	p.enter()
	defer p.leave()
	p.work++
	left := p.parsePrefix()
	var last *opInfo
	lastName := ""
	var lastTok *token
	for {
		t := p.peek()
		if t.kind != tOp {
			break
		}
		info := infixOps[t.text]
		if info == nil {
			break
		}
		if t.text == "<" && t.lineHead && p.isStepLabel() {
			break // a proof step `<1>2.` starts here
		}
		if ctx != nil {
			if info.hi < ctx.info.lo {
				break // ctx binds tighter: the operand ends here
			}
			if ctx.prefix {
				// As SANY: a higher infix operator is absorbed into the
				// operand of a prefix operator (`-x^2` is `-(x^2)`), one with
				// exactly the same range is not (`SUBSET S \cup T` is
				// `(SUBSET S) \cup T`), and any other overlap is a conflict
				// (`[]x = 1`). SANY also refuses, after SUBSET, UNION and
				// DOMAIN, every infix operator whose range meets 10..13
				// (`SUBSET S \X T`, `DOMAIN f + 1`), while it absorbs `..`
				// and `^` (checked against SANY 2.1 of tla2tools 2.18).
				switch {
				case info.lo > ctx.info.hi:
					if (ctx.info == precSubset || ctx.info == precDomain) && info.lo <= 13 && info.hi >= 10 {
						p.failAt(t, "precedence conflict between `%s` and `%s`: add parentheses", ctx.name, t.raw)
					}
				case info.lo == ctx.info.lo && info.hi == ctx.info.hi:
					return left
				default:
					p.failAt(t, "precedence conflict between `%s` and `%s`: add parentheses", ctx.name, t.raw)
				}
			} else if info.overlaps(ctx.info) {
				if t.text == ctx.name && info.left {
					break
				}
				p.failAt(t, "precedence conflict between `%s` and `%s`: add parentheses", ctx.name, t.raw)
			}
		}
		if last != nil && info.overlaps(last) && !(t.text == lastName && info.left) {
			p.failAt(t, "precedence conflict between `%s` and `%s`: add parentheses", lastTok.raw, t.raw)
		}
		p.next()
		right := p.parseBin(&binCtx{info: info, name: t.text})
		left = p.combine(t, left, right, t.text == lastName)
		last, lastName, lastTok = info, t.text, t
	}
	return left
}

// combine builds the node for `left op right`. same is true when left was
// built by the same operator at the same level (for flattening).
func (p *parser) combine(op *token, left, right Expr, same bool) Expr {
	sp := left.Range()
	r := right.Range()
	sp.EndLine, sp.EndCol = r.EndLine, r.EndCol
	switch op.text {
	case `/\`, `\/`:
		kind := And
		if op.text == `\/` {
			kind = Or
		}
		if j, ok := left.(*Junction); ok && same && !j.Bulleted && j.Kind == kind {
			j.Items = append(j.Items, right)
			j.Span = sp
			return j
		}
		return &Junction{Span: sp, Kind: kind, Items: []Expr{left, right}}
	case `\X`:
		if a, ok := left.(*OpApp); ok && same && a.Op.Name == `\X` {
			a.Args = append(a.Args, right)
			a.Span = sp
			return a
		}
	}
	return &OpApp{Span: sp, Op: p.symRef(op), Args: []Expr{left, right}}
}

func (p *parser) symRef(t *token) *Ref {
	return &Ref{Span: p.tokSpan(t), Name: t.text}
}

func (p *parser) prefixApp(t *token, name string, ctx *opInfo) Expr {
	p.next()
	x := p.parseBin(&binCtx{info: ctx, name: t.raw, prefix: true})
	op := &Ref{Span: p.tokSpan(t), Name: name}
	return &OpApp{Span: p.spanFrom(op), Op: op, Args: []Expr{x}}
}

// parsePrefix parses prefix operators, bulleted lists and primaries with
// their postfix operators.
func (p *parser) parsePrefix() Expr {
	t := p.peek()
	switch t.kind {
	case tOp:
		switch t.text {
		case "~":
			return p.prefixApp(t, "~", precNot)
		case "-", "-.":
			return p.prefixApp(t, "-.", precNeg)
		case "[]":
			return p.prefixApp(t, "[]", precTemporal)
		case "<>":
			return p.prefixApp(t, "<>", precTemporal)
		case `/\`, `\/`:
			return p.parseBulleted()
		}
	case tKeyword:
		switch t.text {
		case "ENABLED", "UNCHANGED":
			return p.prefixApp(t, t.text, precTemporal)
		case "SUBSET", "UNION":
			return p.prefixApp(t, t.text, precSubset)
		case "DOMAIN":
			return p.prefixApp(t, t.text, precDomain)
		}
	}
	return p.parsePostfix(p.parsePrimary())
}

// parseBulleted parses a vertically aligned /\ or \/ list.
func (p *parser) parseBulleted() Expr {
	first := p.peek()
	bullet := first.text
	col := first.col
	kind := And
	if bullet == `\/` {
		kind = Or
	}
	j := &Junction{Kind: kind, Bulleted: true}
	for {
		p.next() // the bullet
		p.stops = append(p.stops, col)
		item := p.parseExpr()
		p.stops = p.stops[:len(p.stops)-1]
		j.Items = append(j.Items, item)
		t := p.peek()
		if t.kind == tOp && t.text == bullet && t.col == col {
			continue
		}
		break
	}
	j.Span = p.span(first)
	return j
}

// parsePostfix applies `'`, `[args]`, `.field` and `^+ ^* ^#` to x.
func (p *parser) parsePostfix(x Expr) Expr {
	for {
		t := p.peek()
		if t.kind != tOp {
			return x
		}
		switch t.text {
		case "'":
			p.next()
			op := p.symRef(t)
			x = &OpApp{Span: p.spanFrom(x), Op: op, Args: []Expr{x}}
		case "[":
			p.next()
			args := p.parseExprList()
			p.expectOp("]")
			x = &FuncApp{Span: p.spanFrom(x), Fn: x, Args: args}
		case ".":
			f := p.at(1)
			if f.kind != tIdent && f.kind != tKeyword {
				p.failAt(f, "expected a field name after `.`, found %s", describe(f))
			}
			p.next()
			p.next()
			x = &Dot{Span: p.spanFrom(x), X: x, Field: f.text}
		case "^+", "^*", "^#":
			p.next()
			x = &OpApp{Span: p.spanFrom(x), Op: p.symRef(t), Args: []Expr{x}}
		default:
			return x
		}
	}
}

// parseExprList parses `e, e, ...` (at least one).
func (p *parser) parseExprList() []Expr {
	var es []Expr
	for {
		es = append(es, p.parseExpr())
		if !p.acceptOp(",") {
			return es
		}
	}
}

func (p *parser) parsePrimary() Expr {
	t := p.peek()
	switch t.kind {
	case tIdent:
		if p.beginsDefinition() && p.p > 0 {
			// `Init == x \in` at the end of a line: the operand is
			// missing, and what follows is the next definition.
			prev := p.prev()
			p.failAt(prev, "expected an expression after %s, found the definition of %s on line %d", describe(prev), t.text, t.line)
		}
		return p.parseName()
	case tNumber:
		p.next()
		return p.parseNumber(t)
	case tString:
		p.next()
		return &StrLit{Span: p.tokSpan(t), Value: t.text}
	case tWFSF:
		return p.parseFairness()
	case tKeyword:
		switch t.text {
		case "TRUE", "FALSE":
			p.next()
			return &BoolLit{Span: p.tokSpan(t), Value: t.text == "TRUE"}
		case "BOOLEAN", "STRING":
			p.next()
			return &Ref{Span: p.tokSpan(t), Name: t.text}
		case "IF":
			return p.parseIf()
		case "CASE":
			return p.parseCase()
		case "LET":
			return p.parseLet()
		case "CHOOSE":
			return p.parseChoose()
		case "LAMBDA":
			return p.parseLambda()
		}
	case tOp:
		switch t.text {
		case "(":
			p.next()
			x := p.parseExpr()
			p.expectOp(")")
			return &Paren{Span: p.span(t), X: x}
		case "{":
			return p.parseBrace()
		case "[":
			return p.parseBracket()
		case "<<":
			return p.parseAngle()
		case `\A`, `\E`:
			return p.parseQuant()
		case `\AA`, `\EE`:
			return p.parseTemporalQuant()
		case "@":
			p.next()
			return &At{p.tokSpan(t)}
		}
	}
	if t == &layoutStop {
		p.failAt(t, "expected an expression, found a token at or left of the column of the enclosing /\\ or \\/ bullet")
	}
	p.failAt(t, "expected an expression, found %s", describe(t))
	return nil
}

// parseName parses an identifier with optional arguments, instance path
// (`I!Op`, `I(x)!J!Op(y)`) and label (`lab :: e`).
func (p *parser) parseName() Expr {
	start := p.next()
	if p.isOp("::") {
		p.next()
		x := p.parseExpr()
		return &Label{Span: p.span(start), Name: start.text, X: x}
	}
	ref := &Ref{Name: start.text}
	var args []Expr
	hasArgs := false
	if p.isOp("(") {
		p.next()
		args = p.parseArgs()
		hasArgs = true
		if p.isOp("::") {
			p.failAt(p.peek(), "unsupported construct: labels with parameters (`%s(...) :: e`)", start.text)
		}
	}
	for p.isOp("!") {
		if n := p.at(1); n.kind == tNumber || n.kind == tOp && n.text == ":" {
			// Positional subexpression selectors: `Inv!2`, `Init!1!3`, `Thm!:`.
			for p.isOp("!") && (p.at(1).kind == tNumber || p.at(1).kind == tOp && p.at(1).text == ":") {
				p.next()
				ref.sel = append(ref.sel, p.next().text)
			}
			if hasArgs || p.isOp("!") {
				p.failAt(p.peek(), "unsupported construct: a subexpression selector of an operator with arguments or followed by a name")
			}
			break
		}
		// Instance path: what we have so far names an instance.
		ref.path = append(ref.path, pathSeg{name: lastSegName(ref), args: args})
		p.next()
		n := p.peek()
		var seg string
		switch {
		case n.kind == tIdent:
			seg = n.text
		case n.kind == tOp && (infixOps[n.text] != nil || n.text == "-." || isPostfixOp(n.text)):
			seg = n.text
		default:
			p.failAt(n, "expected a name after `!`, found %s", describe(n))
		}
		p.next()
		ref.Name = ref.Name + "!" + seg
		args, hasArgs = nil, false
		if p.isOp("(") {
			p.next()
			args = p.parseArgs()
			hasArgs = true
		}
	}
	ref.Span = p.span(start)
	if !hasArgs {
		return ref
	}
	return &OpApp{Span: ref.Span, Op: ref, Args: args}
}

// pathSeg is one `Name(args)!` prefix of a Ref, before resolution.
type pathSeg struct {
	name string
	args []Expr
}

// lastSegName returns the last component of a possibly qualified name.
func lastSegName(r *Ref) string {
	n := r.Name
	for i := len(n) - 1; i >= 0; i-- {
		if n[i] == '!' {
			return n[i+1:]
		}
	}
	return n
}

// opSymbolArg parses an operator symbol given as an operator argument
// (`FoldSet(+, 0, S)`, `SortSeq(s, <)`, `F(\cap)`): an infix, prefix or
// postfix symbol directly followed by `,` or `)`. It returns nil, consuming
// nothing, when the next tokens are not such an argument. The result is a
// bare Ref named by the symbol's canonical spelling, resolved like the name
// of an operator passed as an argument.
func (p *parser) opSymbolArg() *Ref {
	t := p.peek()
	if t.kind != tOp || !(infixOps[t.text] != nil || t.text == "-." || isPostfixOp(t.text)) {
		return nil
	}
	if n := p.at(1); n.kind != tOp || (n.text != "," && n.text != ")") {
		return nil
	}
	p.next()
	return &Ref{Span: p.tokSpan(t), Name: t.text}
}

// parseArgs parses operator arguments up to and including `)`. Arguments
// may be LAMBDA expressions, bare operator names or operator symbols.
func (p *parser) parseArgs() []Expr {
	var args []Expr
	for {
		if r := p.opSymbolArg(); r != nil {
			args = append(args, r)
		} else {
			args = append(args, p.parseExpr())
		}
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(")")
	return args
}

func (p *parser) parseFairness() Expr {
	start := p.next()
	sub := p.parseSubscript()
	p.expectOp("(")
	a := p.parseExpr()
	p.expectOp(")")
	return &Fairness{Span: p.span(start), Strong: start.text == "SF_", Sub: sub, Action: a}
}

// parseSubscript parses the v of `[A]_v`, `<<A>>_v`, `WF_v(A)`: an
// identifier (possibly an instance path, without arguments), a tuple or a
// parenthesised expression.
func (p *parser) parseSubscript() Expr {
	t := p.peek()
	switch {
	case t.kind == tIdent:
		p.next()
		ref := &Ref{Name: t.text}
		for p.isOp("!") {
			ref.path = append(ref.path, pathSeg{name: lastSegName(ref)})
			p.next()
			n := p.expectIdent("a name after `!`")
			ref.Name += "!" + n.text
		}
		ref.Span = p.span(t)
		return ref
	case t.kind == tOp && t.text == "<<":
		return p.parseAngle()
	case t.kind == tOp && t.text == "(":
		p.next()
		x := p.parseExpr()
		p.expectOp(")")
		return &Paren{Span: p.span(t), X: x}
	}
	p.failAt(t, "expected a subscript (a variable, a tuple or a parenthesised expression), found %s", describe(t))
	return nil
}

func (p *parser) parseIf() Expr {
	start := p.next()
	c := p.parseExpr()
	p.expectKw("THEN")
	a := p.parseExpr()
	p.expectKw("ELSE")
	b := p.parseExpr()
	return &If{Span: p.span(start), Cond: c, Then: a, Else: b}
}

func (p *parser) parseCase() Expr {
	start := p.next()
	c := &Case{}
	for {
		at := p.peek()
		if p.isKw("OTHER") {
			if c.Other != nil {
				p.failAt(at, "CASE has two OTHER arms")
			}
			p.next()
			p.expectOp("->")
			c.Other = p.parseExpr()
		} else {
			if c.Other != nil {
				p.failAt(at, "OTHER must be the last arm of a CASE")
			}
			g := p.parseExpr()
			p.expectOp("->")
			b := p.parseExpr()
			c.Arms = append(c.Arms, &CaseArm{Span: p.span(at), Guard: g, Body: b})
		}
		if !p.acceptOp("[]") {
			break
		}
	}
	if len(c.Arms) == 0 {
		p.failAt(start, "CASE needs at least one arm besides OTHER")
	}
	c.Span = p.span(start)
	return c
}

func (p *parser) parseLet() Expr {
	start := p.next()
	l := &Let{}
	var recs []*RecursiveDecl
	for !p.isKw("IN") {
		t := p.peek()
		if t.kind == tKeyword && t.text == "RECURSIVE" {
			recs = append(recs, p.parseRecursive())
			continue
		}
		if t.kind == tEOF || t.kind == tEnd {
			p.failAt(t, "expected IN to end the LET started at line %d, found %s", start.line, describe(t))
		}
		d, inst := p.parseDefinition(true)
		if inst != nil {
			l.Instances = append(l.Instances, inst)
		} else {
			l.Defs = append(l.Defs, d)
		}
	}
	if len(l.Defs) == 0 && len(l.Instances) == 0 {
		p.failAt(p.peek(), "LET needs at least one definition")
	}
	for _, rd := range recs {
		for _, n := range rd.Names {
			found := false
			for _, d := range l.Defs {
				if d.Name == n.Name {
					d.Recursive = true
					found = true
				}
			}
			if !found {
				p.failSpan(n.Span, "RECURSIVE %s is never defined in this LET", n.Name)
			}
		}
	}
	p.expectKw("IN")
	l.Body = p.parseExpr()
	l.Span = p.span(start)
	return l
}

func (p *parser) parseChoose() Expr {
	start := p.next()
	b := p.parseOneBinder(true)
	p.expectOp(":")
	body := p.parseExpr()
	return &Choose{Span: p.span(start), Binder: b, Body: body}
}

func (p *parser) parseLambda() Expr {
	start := p.next()
	var ps []*Param
	for {
		n := p.expectIdent("a LAMBDA parameter")
		ps = append(ps, &Param{Span: p.tokSpan(n), Name: n.text, Index: len(ps)})
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(":")
	body := p.parseExpr()
	return &Lambda{Span: p.span(start), Params: ps, Body: body}
}

func (p *parser) parseQuant() Expr {
	start := p.next()
	kind := Forall
	if start.text == `\E` {
		kind = Exists
	}
	bs := p.parseBinders(true, ":")
	p.expectOp(":")
	body := p.parseExpr()
	return &Quant{Span: p.span(start), Kind: kind, Binders: bs, Body: body}
}

func (p *parser) parseTemporalQuant() Expr {
	start := p.next()
	kind := Forall
	if start.text == `\EE` {
		kind = Exists
	}
	var vs []*BoundVar
	for {
		n := p.expectIdent("a variable name")
		vs = append(vs, &BoundVar{Span: p.tokSpan(n), Name: n.text})
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp(":")
	body := p.parseExpr()
	return &TemporalQuant{Span: p.span(start), Kind: kind, Vars: vs, Body: body}
}

// parseOneBinder parses `x`, `x \in S` or `<<a, b>> \in S`.
func (p *parser) parseOneBinder(allowUnbounded bool) *Binder {
	t := p.peek()
	b := &Binder{}
	if t.kind == tOp && t.text == "<<" {
		p.next()
		for {
			n := p.expectIdent("a variable name")
			b.Vars = append(b.Vars, &BoundVar{Span: p.tokSpan(n), Name: n.text})
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp(">>")
		b.Tuple = true
		p.expectOp(`\in`)
		b.Set = p.parseExpr()
		b.Span = p.span(t)
		return b
	}
	n := p.expectIdent("a bound variable name")
	b.Vars = []*BoundVar{{Span: p.tokSpan(n), Name: n.text}}
	if p.acceptOp(`\in`) {
		b.Set = p.parseExpr()
	} else if !allowUnbounded {
		p.failAt(p.peek(), "expected `\\in` after %s, found %s", n.text, describe(p.peek()))
	}
	b.Span = p.span(t)
	return b
}

// parseBinders parses `x, y \in S, <<a, b>> \in T, z \in U` (and, when
// allowUnbounded, `x, y` without sets) up to the terminator.
func (p *parser) parseBinders(allowUnbounded bool, term string) []*Binder {
	var bs []*Binder
	var pending []*BoundVar
	var pendingStart *token
	for {
		t := p.peek()
		if t.kind == tOp && t.text == "<<" {
			if len(pending) > 0 {
				p.failAt(t, "expected `\\in` after bound variables, found `<<`")
			}
			bs = append(bs, p.parseOneBinder(false))
		} else {
			n := p.expectIdent("a bound variable name")
			if pendingStart == nil {
				pendingStart = n
			}
			pending = append(pending, &BoundVar{Span: p.tokSpan(n), Name: n.text})
			if p.acceptOp(`\in`) {
				set := p.parseExpr()
				bs = append(bs, &Binder{Span: p.span(pendingStart), Vars: pending, Set: set})
				pending, pendingStart = nil, nil
			}
		}
		if !p.acceptOp(",") {
			break
		}
	}
	if len(pending) > 0 {
		if !allowUnbounded || len(bs) > 0 {
			p.failAt(p.peek(), "expected `\\in` after bound variable %s, found %s",
				pending[len(pending)-1].Name, describe(p.peek()))
		}
		bs = append(bs, &Binder{Span: p.span(pendingStart), Vars: pending})
	}
	return bs
}

// looksLikeBinder reports whether the tokens at the current position start
// `x \in`, `x, y \in` or `<<a, b>> \in`.
func (p *parser) looksLikeBinder() bool {
	k := 0
	if t := p.at(0); t.kind == tOp && t.text == "<<" {
		k = 1
		for {
			if p.at(k).kind != tIdent {
				return false
			}
			k++
			if t := p.at(k); t.kind == tOp && t.text == "," {
				k++
				continue
			}
			break
		}
		if t := p.at(k); !(t.kind == tOp && t.text == ">>") {
			return false
		}
		k++
		t := p.at(k)
		return t.kind == tOp && t.text == `\in`
	}
	for {
		if p.at(k).kind != tIdent {
			return false
		}
		k++
		t := p.at(k)
		if t.kind == tOp && t.text == `\in` {
			return true
		}
		if t.kind == tOp && t.text == "," {
			k++
			continue
		}
		return false
	}
}

// parseBrace parses `{}`, `{a, b}`, `{x \in S : P}`, `{e : x \in S}`.
//
// The filter form is tried first and, when no `:` follows the binder, the
// braces are parsed again as an enumeration. Results are memoised by
// position so that nested braces (`{x \in {y \in {...}}}`) are parsed in
// linear, not exponential, time.
func (p *parser) parseBrace() Expr {
	key := memoKey{pos: p.p, nstops: len(p.stops)}
	if key.nstops > 0 {
		key.top = p.stops[key.nstops-1]
	}
	if r, ok := p.braceMemo[key]; ok {
		p.p = r.end
		return r.e
	}
	e := p.parseBraceOnce()
	if p.braceMemo == nil {
		p.braceMemo = map[memoKey]memoResult{}
	}
	p.braceMemo[key] = memoResult{e: e, end: p.p}
	return e
}

// memoKey identifies a parse of `{...}`: the token position and the layout
// context (the only state the result depends on).
type memoKey struct{ pos, nstops, top int }

type memoResult struct {
	e   Expr
	end int
}

func (p *parser) parseBraceOnce() Expr {
	start := p.next()
	if p.acceptOp("}") {
		return &SetEnum{Span: p.span(start)}
	}
	// {x \in S : P} and {<<a, b>> \in S : P}
	if t := p.at(0); (t.kind == tIdent && p.at(1).kind == tOp && p.at(1).text == `\in`) ||
		(t.kind == tOp && t.text == "<<" && p.looksLikeBinder()) {
		save := p.p
		b := p.parseOneBinder(false)
		if p.isOp(":") {
			p.next()
			pred := p.parseExpr()
			p.expectOp("}")
			return &SetFilter{Span: p.span(start), Binder: b, Pred: pred}
		}
		p.p = save // an ordinary element such as {x \in S}
	}
	first := p.parseExpr()
	if p.acceptOp(":") {
		bs := p.parseBinders(false, "}")
		p.expectOp("}")
		return &SetMap{Span: p.span(start), Elem: first, Binders: bs}
	}
	elems := []Expr{first}
	for p.acceptOp(",") {
		elems = append(elems, p.parseExpr())
	}
	p.expectOp("}")
	return &SetEnum{Span: p.span(start), Elems: elems}
}

// parseBracket parses everything that starts with `[`: function
// constructors, records, record sets, function sets, EXCEPT and `[A]_v`.
func (p *parser) parseBracket() Expr {
	start := p.next()
	t0, t1 := p.at(0), p.at(1)
	if t0.kind == tIdent && t1.kind == tOp && t1.text == "|->" {
		r := &RecordCons{Fields: p.fields("|->")}
		r.Span = p.span(start)
		return r
	}
	if t0.kind == tIdent && t1.kind == tOp && t1.text == ":" {
		r := &RecordSet{Fields: p.fields(":")}
		r.Span = p.span(start)
		return r
	}
	if p.looksLikeBinder() {
		bs := p.parseBinders(false, "|->")
		p.expectOp("|->")
		body := p.parseExpr()
		p.expectOp("]")
		return &FuncCons{Span: p.span(start), Binders: bs, Body: body}
	}
	x := p.parseExpr()
	switch {
	case p.isOp("->"):
		p.next()
		rng := p.parseExpr()
		p.expectOp("]")
		return &FuncSet{Span: p.span(start), Dom: x, Rng: rng}
	case p.isKw("EXCEPT"):
		p.next()
		ex := &Except{Fn: x}
		for {
			ut := p.expectOp("!")
			u := &ExceptUpdate{}
			for {
				st := p.peek()
				if p.acceptOp(".") {
					f := p.peek()
					if f.kind != tIdent && f.kind != tKeyword {
						p.failAt(f, "expected a field name after `.`, found %s", describe(f))
					}
					p.next()
					u.Path = append(u.Path, &ExceptStep{Span: p.span(st), Field: f.text})
				} else if p.acceptOp("[") {
					idx := p.parseExprList()
					p.expectOp("]")
					u.Path = append(u.Path, &ExceptStep{Span: p.span(st), Index: idx})
				} else {
					break
				}
			}
			if len(u.Path) == 0 {
				p.failAt(p.peek(), "expected `[` or `.` after `!` in EXCEPT, found %s", describe(p.peek()))
			}
			p.expectOp("=")
			u.Value = p.parseExpr()
			u.Span = p.span(ut)
			ex.Updates = append(ex.Updates, u)
			if !p.acceptOp(",") {
				break
			}
		}
		p.expectOp("]")
		ex.Span = p.span(start)
		return ex
	case p.isOp("]"):
		return p.finishAction(start, x)
	}
	p.failAt(p.peek(), "expected `->`, `EXCEPT` or `]` in bracket expression, found %s", describe(p.peek()))
	return nil
}

// parseAngle parses `<<a, b>>` or `<<A>>_v`.
func (p *parser) parseAngle() Expr {
	start := p.next()
	var elems []Expr
	if !p.isOp(">>") {
		elems = p.parseExprList()
	}
	p.expectOp(">>")
	if p.raw().kind == tOp && p.raw().text == "_" && p.raw().offset == p.prev().offset+len(p.prev().raw) {
		p.next()
		if len(elems) != 1 {
			p.failAt(start, "`<<A>>_v` needs exactly one action inside << >>")
		}
		sub := p.parseSubscript()
		return &ActionExpr{Span: p.span(start), Action: elems[0], Sub: sub, Angle: true}
	}
	return &Tuple{Span: p.span(start), Elems: elems}
}

// finishAction parses the `]_v` of `[A]_v`; start is the `[`.
func (p *parser) finishAction(start *token, x Expr) Expr {
	p.expectOp("]")
	if !p.isOp("_") {
		p.failAt(p.peek(), "expected `_` after `[A]` (an action `[A]_v`), found %s; "+
			"`[e]` alone is not an expression", describe(p.peek()))
	}
	p.next()
	sub := p.parseSubscript()
	return &ActionExpr{Span: p.span(start), Action: x, Sub: sub}
}

// fields parses the "name op value" list of a record constructor
// (op "|->") or a record set (op ":") up to and including its "]".
func (p *parser) fields(op string) []*Field {
	var fs []*Field
	for {
		n := p.expectIdent("a field name")
		p.expectOp(op)
		v := p.parseExpr()
		fs = append(fs, &Field{Span: p.span(n), Name: n.text, Value: v})
		if !p.acceptOp(",") {
			break
		}
	}
	p.expectOp("]")
	return fs
}
