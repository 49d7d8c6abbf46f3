package syntax

// Builtin identifies an operator that no user module defines: a TLA+ kernel
// operator or an operator of a standard module (Naturals, Integers, Reals,
// Sequences, FiniteSets, Bags, TLC, TLAPS). The evaluator implements these
// natively. A name resolves to a standard-module Builtin only if the module
// (directly or through the modules it extends or instantiates) EXTENDS or
// INSTANCEs that standard module, and no user definition of the same name is
// visible; kernel builtins are always visible.
type Builtin uint16

const (
	BNone Builtin = iota

	// Kernel: logic and sets.
	BNot       // ~ a
	BImplies   // a => b
	BEquiv     // a <=> b (also \equiv)
	BEq        // a = b
	BNeq       // a # b (also /=)
	BIn        // a \in S
	BNotIn     // a \notin S
	BSubseteq  // S \subseteq T
	BCup       // S \cup T (also \union)
	BCap       // S \cap T (also \intersect)
	BSetMinus  // S \ T
	BPowerset  // SUBSET S
	BBigUnion  // UNION S
	BDomain    // DOMAIN f
	BTimes     // S \X T \X U (n-ary; also \times)
	BBoolean   // BOOLEAN
	BString    // STRING
	BPrime     // e'
	BUnchanged // UNCHANGED e
	BEnabled   // ENABLED A
	BAlways    // []F
	BEventually
	BLeadsTo   // F ~> G
	BCdot      // A \cdot B
	BWhilePlus // F -+-> G

	// Naturals / Integers / Reals.
	BNat
	BInt
	BReal
	BInfinity
	BPlus    // a + b
	BMinus   // a - b
	BMul     // a * b
	BPow     // a ^ b
	BLt      // a < b
	BGt      // a > b
	BLe      // a <= b (also =<, \leq)
	BGe      // a >= b (also \geq)
	BMod     // a % b
	BDiv     // a \div b
	BRange   // a .. b
	BNeg     // -a (Integers)
	BRealDiv // a / b (Reals)

	// Sequences.
	BSeq       // Seq(S)
	BLen       // Len(s)
	BConcat    // s \o t (also \circ)
	BAppend    // Append(s, e)
	BHead      // Head(s)
	BTail      // Tail(s)
	BSubSeq    // SubSeq(s, m, n)
	BSelectSeq // SelectSeq(s, Test)

	// FiniteSets.
	BIsFiniteSet
	BCardinality

	// TLC.
	BPrint        // Print(out, val)
	BPrintT       // PrintT(out)
	BAssert       // Assert(val, out)
	BJavaTime     // JavaTime
	BTLCGet       // TLCGet(i)
	BTLCSet       // TLCSet(i, v)
	BColonGt      // d :> e
	BDoubleAt     // f @@ g
	BPermutations // Permutations(S)
	BSortSeq      // SortSeq(s, Op)
	BRandomElement
	BAny
	BToString
	BTLCEval

	// Bags.
	BIsABag
	BBagToSet
	BSetToBag
	BBagIn
	BEmptyBag
	BBagPlus  // B1 (+) B2
	BBagMinus // B1 (-) B2
	BBagUnion
	BSqSubseteq // B1 \sqsubseteq B2
	BSubBag
	BBagOfAll
	BBagCardinality
	BCopiesIn

	numBuiltins
)

// builtinInfo describes a Builtin: its canonical name, the standard module
// that defines it ("" for the kernel) and its arity (-1: n-ary).
type builtinInfo struct {
	name   string
	module string
	arity  int
}

var builtinTable = [numBuiltins]builtinInfo{
	BNone:       {"", "", 0},
	BNot:        {"~", "", 1},
	BImplies:    {"=>", "", 2},
	BEquiv:      {"<=>", "", 2},
	BEq:         {"=", "", 2},
	BNeq:        {"#", "", 2},
	BIn:         {`\in`, "", 2},
	BNotIn:      {`\notin`, "", 2},
	BSubseteq:   {`\subseteq`, "", 2},
	BCup:        {`\cup`, "", 2},
	BCap:        {`\cap`, "", 2},
	BSetMinus:   {`\`, "", 2},
	BPowerset:   {"SUBSET", "", 1},
	BBigUnion:   {"UNION", "", 1},
	BDomain:     {"DOMAIN", "", 1},
	BTimes:      {`\X`, "", -1},
	BBoolean:    {"BOOLEAN", "", 0},
	BString:     {"STRING", "", 0},
	BPrime:      {"'", "", 1},
	BUnchanged:  {"UNCHANGED", "", 1},
	BEnabled:    {"ENABLED", "", 1},
	BAlways:     {"[]", "", 1},
	BEventually: {"<>", "", 1},
	BLeadsTo:    {"~>", "", 2},
	BCdot:       {`\cdot`, "", 2},
	BWhilePlus:  {"-+->", "", 2},

	BNat:      {"Nat", "Naturals", 0},
	BInt:      {"Int", "Integers", 0},
	BReal:     {"Real", "Reals", 0},
	BInfinity: {"Infinity", "Reals", 0},
	BPlus:     {"+", "Naturals", 2},
	BMinus:    {"-", "Naturals", 2},
	BMul:      {"*", "Naturals", 2},
	BPow:      {"^", "Naturals", 2},
	BLt:       {"<", "Naturals", 2},
	BGt:       {">", "Naturals", 2},
	BLe:       {"<=", "Naturals", 2},
	BGe:       {">=", "Naturals", 2},
	BMod:      {"%", "Naturals", 2},
	BDiv:      {`\div`, "Naturals", 2},
	BRange:    {"..", "Naturals", 2},
	BNeg:      {"-.", "Integers", 1},
	BRealDiv:  {"/", "Reals", 2},

	BSeq:       {"Seq", "Sequences", 1},
	BLen:       {"Len", "Sequences", 1},
	BConcat:    {`\o`, "Sequences", 2},
	BAppend:    {"Append", "Sequences", 2},
	BHead:      {"Head", "Sequences", 1},
	BTail:      {"Tail", "Sequences", 1},
	BSubSeq:    {"SubSeq", "Sequences", 3},
	BSelectSeq: {"SelectSeq", "Sequences", 2},

	BIsFiniteSet: {"IsFiniteSet", "FiniteSets", 1},
	BCardinality: {"Cardinality", "FiniteSets", 1},

	BPrint:         {"Print", "TLC", 2},
	BPrintT:        {"PrintT", "TLC", 1},
	BAssert:        {"Assert", "TLC", 2},
	BJavaTime:      {"JavaTime", "TLC", 0},
	BTLCGet:        {"TLCGet", "TLC", 1},
	BTLCSet:        {"TLCSet", "TLC", 2},
	BColonGt:       {":>", "TLC", 2},
	BDoubleAt:      {"@@", "TLC", 2},
	BPermutations:  {"Permutations", "TLC", 1},
	BSortSeq:       {"SortSeq", "TLC", 2},
	BRandomElement: {"RandomElement", "TLC", 1},
	BAny:           {"Any", "TLC", 0},
	BToString:      {"ToString", "TLC", 1},
	BTLCEval:       {"TLCEval", "TLC", 1},

	BIsABag:         {"IsABag", "Bags", 1},
	BBagToSet:       {"BagToSet", "Bags", 1},
	BSetToBag:       {"SetToBag", "Bags", 1},
	BBagIn:          {"BagIn", "Bags", 2},
	BEmptyBag:       {"EmptyBag", "Bags", 0},
	BBagPlus:        {"(+)", "Bags", 2},
	BBagMinus:       {"(-)", "Bags", 2},
	BBagUnion:       {"BagUnion", "Bags", 1},
	BSqSubseteq:     {`\sqsubseteq`, "Bags", 2},
	BSubBag:         {"SubBag", "Bags", 1},
	BBagOfAll:       {"BagOfAll", "Bags", 2},
	BBagCardinality: {"BagCardinality", "Bags", 1},
	BCopiesIn:       {"CopiesIn", "Bags", 2},
}

// String returns the canonical name of b: `\in`, `+`, `Len`, `-.` (unary
// minus), `'` (prime), `[]`, and so on.
func (b Builtin) String() string {
	if b < numBuiltins {
		return builtinTable[b].name
	}
	return "Builtin?"
}

// Module returns the standard module defining b, or "" for kernel operators.
func (b Builtin) Module() string {
	if b < numBuiltins {
		return builtinTable[b].module
	}
	return ""
}

// Arity returns the number of arguments b takes (-1 for n-ary \X).
func (b Builtin) Arity() int {
	if b < numBuiltins {
		return builtinTable[b].arity
	}
	return 0
}

// StandardModules is the set of module names recognised as standard: they
// are not looked for on disk and their operators are Builtins. Modules
// listed with false are recognised but define nothing the checker can use
// (TLAPS proof pragmas); names from them resolve only inside skipped proofs.
var StandardModules = map[string]bool{
	"Naturals":   true,
	"Integers":   true,
	"Reals":      true,
	"Sequences":  true,
	"FiniteSets": true,
	"Bags":       true,
	"TLC":        true,
	"TLAPS":      false,
}

// StandardExtends lists, for each standard module, the standard modules it
// EXTENDS (so `EXTENDS Integers` also makes Naturals' operators visible).
// Modules a standard module only LOCAL INSTANCEs (Sequences uses Naturals)
// are not exported, exactly as in SANY.
var StandardExtends = map[string][]string{
	"Integers": {"Naturals"},
	"Reals":    {"Integers", "Naturals"},
	"Bags":     {"TLC"},
}
