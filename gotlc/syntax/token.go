package syntax

// tokKind classifies a token.
type tokKind uint8

const (
	tEOF     tokKind = iota
	tIdent           // Foo, x, _y1
	tNumber          // 42, \b101, \h1F, 1.5
	tString          // "abc" (text holds the decoded value)
	tKeyword         // IF, THEN, MODULE, ...
	tOp              // operator symbols and punctuation, canonicalised
	tBegin           // ---- MODULE (text: "MODULE")
	tEnd             // ==== line
	tSep             // ---- line (not followed by MODULE)
	tWFSF            // WF_ or SF_
)

// token is one lexeme. text is canonical: keywords and identifiers as
// written, operator symbols in canonical ASCII form (`∧` and `\land` give
// `/\`), strings decoded.
type token struct {
	kind     tokKind
	text     string
	raw      string // spelling in the source (for messages)
	line     int
	col      int
	endLine  int
	endCol   int
	offset   int  // byte offset of the first character
	lineHead bool // first token on its line
}

var keywords = map[string]bool{
	"ASSUME": true, "ASSUMPTION": true, "AXIOM": true, "BOOLEAN": true, "CASE": true,
	"CHOOSE": true, "CONSTANT": true, "CONSTANTS": true, "DOMAIN": true, "ELSE": true,
	"ENABLED": true, "EXCEPT": true, "EXTENDS": true, "IF": true, "IN": true,
	"INSTANCE": true, "LET": true, "LOCAL": true, "MODULE": true, "OTHER": true,
	"SUBSET": true, "THEN": true, "THEOREM": true, "UNCHANGED": true, "UNION": true,
	"VARIABLE": true, "VARIABLES": true, "WITH": true, "LAMBDA": true, "RECURSIVE": true,
	"LEMMA": true, "PROPOSITION": true, "COROLLARY": true, "STRING": true,
	"TRUE": true, "FALSE": true,
	// Proof language.
	"PROOF": true, "BY": true, "OBVIOUS": true, "OMITTED": true, "QED": true,
	"USE": true, "HIDE": true, "DEFINE": true, "HAVE": true, "TAKE": true,
	"WITNESS": true, "PICK": true, "SUFFICES": true, "PROVE": true, "NEW": true,
	"STATE": true, "ACTION": true, "TEMPORAL": true, "DEF": true, "DEFS": true,
	"ONLY": true,
}

// proofKeywords begin or continue proofs; a module-level unit never starts
// with one of them.
var proofKeywords = map[string]bool{
	"PROOF": true, "BY": true, "OBVIOUS": true, "OMITTED": true, "QED": true,
	"USE": true, "HIDE": true, "DEFINE": true, "HAVE": true, "TAKE": true,
	"WITNESS": true, "PICK": true, "SUFFICES": true, "PROVE": true, "DEF": true,
	"DEFS": true, "ONLY": true, "NEW": true,
}

// backslashOps maps `\name` operators to their canonical spelling. Names not
// listed are lexing errors.
var backslashOps = map[string]string{
	`\land`: `/\`, `\lor`: `\/`, `\lnot`: `~`, `\neg`: `~`,
	`\in`: `\in`, `\notin`: `\notin`, `\cup`: `\cup`, `\union`: `\cup`,
	`\cap`: `\cap`, `\intersect`: `\cap`, `\subseteq`: `\subseteq`,
	`\subset`: `\subset`, `\supseteq`: `\supseteq`, `\supset`: `\supset`,
	`\X`: `\X`, `\times`: `\X`, `\div`: `\div`, `\o`: `\o`, `\circ`: `\o`,
	`\leq`: `<=`, `\geq`: `>=`, `\equiv`: `<=>`, `\cdot`: `\cdot`,
	`\A`: `\A`, `\E`: `\E`, `\AA`: `\AA`, `\EE`: `\EE`,
	`\prec`: `\prec`, `\succ`: `\succ`, `\preceq`: `\preceq`, `\succeq`: `\succeq`,
	`\sqsubset`: `\sqsubset`, `\sqsupset`: `\sqsupset`, `\sqsubseteq`: `\sqsubseteq`,
	`\sqsupseteq`: `\sqsupseteq`, `\sqcap`: `\sqcap`, `\sqcup`: `\sqcup`,
	`\uplus`: `\uplus`, `\ll`: `\ll`, `\gg`: `\gg`, `\sim`: `\sim`, `\simeq`: `\simeq`,
	`\approx`: `\approx`, `\cong`: `\cong`, `\asymp`: `\asymp`, `\doteq`: `\doteq`,
	`\propto`: `\propto`, `\wr`: `\wr`, `\star`: `\star`, `\bullet`: `\bullet`,
	`\bigcirc`: `\bigcirc`, `\oplus`: `(+)`, `\ominus`: `(-)`, `\otimes`: `(\X)`,
	`\odot`: `(.)`, `\oslash`: `(/)`,
}

// symbolOps lists ASCII symbol tokens, longest first within each leading
// character (the lexer takes the longest match).
var symbolOps = []string{
	"<=>", "<=", "<:", "<<", "<>", "<-", "<",
	"=>", "=<", "=|", "==", "=",
	">=", ">>", ">",
	"-+->", "->", "-|", "--", "-.", "-",
	"|->", "|-", "|=", "||", "|",
	"~>", "~",
	"/\\", "/=", "//", "/",
	"\\/",
	"::=", ":=", ":>", "::", ":",
	"...", "..", ".",
	"++", "+",
	"**", "*",
	"^^", "^+", "^*", "^#", "^",
	"%%", "%",
	"&&", "&",
	"$$", "$",
	"##", "#",
	"??", "!!", "!",
	"@@", "@",
	"(+)", "(-)", "(.)", "(/)", "(\\X)", "(",
	")", "[]", "[", "]", "{", "}", ",", "'", "_", "?",
}

// symbolsByFirst indexes symbolOps by first byte, keeping their order.
var symbolsByFirst = func() (t [256][]string) {
	for _, op := range symbolOps {
		t[op[0]] = append(t[op[0]], op)
	}
	return t
}()

// canonicalSymbol maps ASCII symbols with several spellings to one.
var canonicalSymbol = map[string]string{
	"=<": "<=", "/=": "#",
}

// unicodeOps maps Unicode operator characters to canonical ASCII tokens.
var unicodeOps = map[rune]string{
	'∧': `/\`, '∨': `\/`, '¬': "~", '∈': `\in`, '∉': `\notin`, '∀': `\A`, '∃': `\E`,
	'≜': "==", '≠': "#", '≤': "<=", '≥': ">=", '⊆': `\subseteq`, '⊂': `\subset`,
	'⊇': `\supseteq`, '⊃': `\supset`, '∪': `\cup`, '∩': `\cap`, '×': `\X`,
	'→': "->", '↦': "|->", '⟨': "<<", '⟩': ">>", '□': "[]", '◇': "<>", '⇒': "=>",
	'≡': "<=>", '⇔': "<=>", '↝': "~>", '←': "<-", '∘': `\o`, '÷': `\div`, '⋅': `\cdot`,
	'⊕': "(+)", '⊖': "(-)", '⊗': `(\X)`, '⊙': "(.)", '⊘': "(/)", '≺': `\prec`,
	'≻': `\succ`, '⪯': `\preceq`, '⪰': `\succeq`, '⊏': `\sqsubset`, '⊐': `\sqsupset`,
	'⊑': `\sqsubseteq`, '⊒': `\sqsupseteq`, '⊓': `\sqcap`, '⊔': `\sqcup`, '⊎': `\uplus`,
	'≪': `\ll`, '≫': `\gg`, '∼': `\sim`, '≃': `\simeq`, '≈': `\approx`, '≅': `\cong`,
	'≍': `\asymp`, '≐': `\doteq`, '∝': `\propto`, '≀': `\wr`, '⊢': "|-", '⊣': "-|",
	'⊨': "|=", '⫤': "=|", '≔': ":=", '⩴': "::=", '‥': "..", '…': "...",
	'⋆': `\star`, '∙': `\bullet`, '◯': `\bigcirc`, '⟦': "[", '⟧': "]",
}

// unicodeIdents maps Unicode letters that stand for standard names.
var unicodeIdents = map[rune]string{'ℕ': "Nat", 'ℤ': "Int", 'ℝ': "Real"}
