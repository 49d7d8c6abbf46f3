// Package syntax is gotlc's front end for TLA+: the lexer, the parser, the
// abstract syntax tree (ast.go), the name resolver and the module loader.
//
// # Entry points
//
//	Load(path)                      parse a spec and every user module it EXTENDS or
//	                                INSTANCEs (Name.tla in the spec's directory), resolve
//	                                all names; returns a *Program
//	LoadWithOptions(path, opts)     the same with further module directories (Options.Library)
//	LoadSource(file, src, read)     the same from memory (read supplies other modules)
//	ParseModule(file, src)          parse one file, unresolved
//	ParseExpr(file, text)           parse one expression, unresolved (tests, tools)
//	Sexpr, SexprResolved            compact S-expression dumps of any node
//	Inspect                         depth-first walk of a tree
//	LookupBuiltin                   the Builtin for a canonical operator name
//
// None of them panics on any input (fuzzed by FuzzParse): errors are
// *Error (or ErrorList) values whose text is `file:line:col: message`,
// followed by the offending source line and a caret under the column.
// Constructs gotlc recognises but does not support say "unsupported
// construct: ...".
//
// The tree is built once and read-only afterwards: any number of goroutines
// may walk it concurrently.
//
// # Conventions
//
//   - Every node records its source Span (file, first and last character,
//     1-based line and column, end inclusive). Columns count code points
//     with tab stops of 8, as SANY's do, so Span.TLCString gives the
//     locations TLC prints.
//   - Operator spellings are canonical: `\land` and `∧` become `/\`,
//     `\union` becomes `\cup`, `=<` and `\leq` become `<=`, `/=` becomes `#`,
//     `\times` becomes `\X`, `\circ` becomes `\o`, unary minus is `-.`; see
//     Builtin.String.
//   - Conjunctions and disjunctions, infix or bulleted, are *Junction nodes
//     with their operands flattened into Items.
//   - Every use of a name is a *Ref; after resolution its Kind says what it
//     denotes (bound variable, parameter, constant, state variable,
//     definition, builtin) and the matching pointer field is set. Names
//     reached through instances carry the instance path in Ref.Via.
//   - Every application of something to arguments (user operator, operator
//     parameter, builtin in prefix, infix, postfix or call form) is an
//     *OpApp whose Op is a *Ref. `a \X b \X c` is one OpApp with three
//     arguments; `(a \X b) \X c` is two.
//
// # Language
//
// Modules (`---- MODULE M ----` ... `====`, text outside ignored, nested
// modules, which see what the module around them declares and defines
// before them), EXTENDS, CONSTANT(S) (including `F(_, _)`), VARIABLE(S),
// ASSUME/ASSUMPTION/AXIOM (optionally named), operator definitions with
// ordinary and higher-order parameters, infix (`a (+) b ==`), prefix
// (`-. a ==`) and postfix (`a ^+ ==`) definitions, LOCAL, RECURSIVE,
// function definitions `f[x \in S] ==`, INSTANCE with WITH substitutions
// (completed with the implicit ones), named and parameterised instances
// `I(x) == INSTANCE M` used as `I(1)!Op(2)`, THEOREM/LEMMA/PROPOSITION/
// COROLLARY statements (proofs, USE and HIDE skipped), `----` separators,
// comments `\*` and nested `(* *)`.
//
// Expressions: everything in Specifying Systems, chapter 16, except the
// forms listed below, with the precedence ranges and the associativity of
// its table of operators; a precedence conflict (`a => b => c`,
// `a = b = c`, `a /\ b \/ c`, `[]x = 1`) is an error, as in SANY (which
// also refuses SUBSET, UNION and DOMAIN before the operators of precedence
// 10 to 13: `DOMAIN f + 1`; gotlc does the same). Bulleted
// /\ and \/ lists follow the layout rule: an item ends at the first token
// at or left of its bullet's column, parentheses included. Unicode
// operators (∧ ∨ ¬ ∈ ∉ ∀ ∃ ≜ ≠ ≤ ≥ ⊆ ∪ ∩ × → ↦ ⟨ ⟩ □ ◇ ⇒ ≡ ↝ ∘ ...) are
// accepted as an extension (SANY 2.1 of tla2tools 2.18 rejects them).
//
// Resolution follows SANY: definitions are visible after they are made
// (RECURSIVE declares them earlier), a bound variable, parameter or LET
// definition may not reuse a visible name, operator arguments (LAMBDA or
// operator names) must match higher-order parameters, standard-module
// operators are visible only through EXTENDS or INSTANCE of their module
// (Sequences does not export Naturals), and LOCAL definitions do not leave
// their module.
//
// Operator symbols may be passed as operator arguments (`FoldSet(+, 0, S)`,
// `SortSeq(s, <)`): an infix, prefix or postfix symbol directly followed by
// `,` or `)` is a bare Ref to that operator. Identifiers (module names
// included) may start with digits (`2PCwithBTM`).
//
// Operator-symbol parameters (`OpToRel(_ \prec _, S)`) are parameters named
// by the symbol. Positional subexpression selectors (`Inv!2`, `Inv!3!1`,
// `Thm!:`) of definitions without parameters resolve to a definition whose
// body is the selected conjunct, disjunct or argument. A named INSTANCE
// inside LET is visible in the LET like a module-level one (its
// substitutions may not use bound names). Modules that follow the first one
// in the same file (after its `====`) are read too and can be extended or
// instantiated by name; modules gotlc embeds (TLCExt, Randomization: see
// Embedded) are used when no file of that name is found.
//
// Not supported (reported as errors): decimal numbers (Reals), labels with
// parameters (`lab(p) :: e`), selectors of operators with parameters.
package syntax
