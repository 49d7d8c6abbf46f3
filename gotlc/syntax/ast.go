package syntax

import "fmt"

// Pos is a point in a source file. Line and Col are 1-based; Col counts
// Unicode code points, a tab advancing to the next multiple of 8 plus one
// (SANY's and therefore TLC's columns). The zero Pos means "unknown".
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as "file:line:col".
func (p Pos) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Span is the source extent of a node: from (Line, Col) to (EndLine, EndCol),
// both inclusive, in File.
type Span struct {
	File            string
	Line, Col       int
	EndLine, EndCol int
}

// Start returns the first position of s.
func (s Span) Start() Pos { return Pos{s.File, s.Line, s.Col} }

// Stop returns the last position of s (inclusive).
func (s Span) Stop() Pos { return Pos{s.File, s.EndLine, s.EndCol} }

// Pos returns the first position of s; it makes every node a Node.
func (s Span) Pos() Pos { return s.Start() }

// Range returns s itself; it makes every node a Node.
func (s Span) Range() Span { return s }

// TLCString formats s the way TLC names source locations, e.g.
// "line 3, col 5 to line 4, col 20 of module M".
func (s Span) TLCString(module string) string {
	return fmt.Sprintf("line %d, col %d to line %d, col %d of module %s",
		s.Line, s.Col, s.EndLine, s.EndCol, module)
}

// Node is any syntax tree node.
type Node interface {
	Pos() Pos
	Range() Span
}

// Expr is an expression node. The concrete types are: *Ref, *OpApp,
// *Junction, *NumLit, *StrLit, *BoolLit, *At, *If, *Case, *Let, *Quant,
// *TemporalQuant, *Choose, *SetEnum, *SetFilter, *SetMap, *FuncCons,
// *FuncApp, *FuncSet, *Except, *RecordCons, *RecordSet, *Dot, *Tuple,
// *Lambda, *ActionExpr, *Fairness, *Paren, *Label.
type Expr interface {
	Node
	exprNode()
}

// ---------------------------------------------------------------------------
// Programs and modules

// Program is the result of Load: a root module and every user module it
// reaches through EXTENDS and INSTANCE, all resolved.
type Program struct {
	Root *Module
	// Modules holds the user modules by name (Root included).
	Modules map[string]*Module
	// Order lists the user modules so that every module comes after the
	// modules it extends or instantiates; Root is last.
	Order []*Module
	// Dir is the directory user modules were searched in.
	Dir string
	// Vars lists the state variables of Root (declared in Root or in the
	// modules it extends, extended modules first, in declaration order);
	// Vars[i].Index == i. Variables of modules that are only instantiated
	// are not state variables (they are substituted) and have Index -1.
	Vars []*VarDecl
	// Constants lists the constants of Root (own and extended), in the same
	// order; these are what a .cfg must bind.
	Constants []*ConstDecl
}

// Module is one parsed `---- MODULE Name ----` ... `====` module.
type Module struct {
	Span
	Name string
	// Extends lists the module names after EXTENDS, in source order. Standard
	// modules (see StandardModules) are kept here by name only.
	Extends []*Name
	// ExtendsMods holds, after resolution, the user modules named in Extends
	// (standard modules have no *Module and are absent).
	ExtendsMods []*Module
	// Standard is the set of standard module names this module sees,
	// directly or through the user modules it extends (filled by resolution).
	Standard map[string]bool

	// Units is every module-level unit in source order. The slices below
	// hold the same objects grouped by kind, for convenience.
	Units     []Unit
	Constants []*ConstDecl
	Variables []*VarDecl
	Defs      []*OpDef       // operator and function definitions (not LET ones)
	Instances []*InstanceDef // named and unnamed INSTANCEs
	Assumes   []*Assume
	Theorems  []*Theorem
	// Submodules are modules nested inside this one (rare).
	Submodules []*Module

	// Scope maps every name visible at the end of the module (own
	// definitions, definitions of extended modules, of unnamed instances,
	// constants, variables, named instances) to what it denotes; filled by
	// resolution. Lookup is the accessor.
	Scope map[string]*Entity
}

// Unit is a module-level item: *ConstDecl, *VarDecl, *OpDef, *InstanceDef,
// *Assume, *Theorem, *RecursiveDecl, *Module (a nested module) or
// *Separator.
type Unit interface {
	Node
	unitNode()
}

// Name is an identifier occurrence with its position (used in declarations
// and in EXTENDS lists).
type Name struct {
	Span
	Name string
}

// Separator is a `----` line between units (kept only for printing).
type Separator struct{ Span }

// ConstDecl declares one constant. `CONSTANT N, F(_, _)` gives two
// ConstDecls; Arity is the number of `_` (0 for ordinary constants).
type ConstDecl struct {
	Span
	Name   string
	Arity  int
	Module *Module // declaring module
}

// VarDecl declares one state variable. Index is its position among the
// variables of the declaring module and of the modules it extends, in the
// order TLC uses (declaration order, extended modules first); it is filled by
// resolution and is the natural slot number for states.
type VarDecl struct {
	Span
	Name   string
	Index  int
	Module *Module
}

// Param is a formal parameter of an operator definition, of a LAMBDA, or of a
// named instance. Arity > 0 for higher-order parameters written `G(_, _)`.
// Index is the position among the definition's parameters.
type Param struct {
	Span
	Name  string
	Arity int
	Index int
}

// Fixity says how a user operator definition is written.
type Fixity uint8

const (
	FixNone    Fixity = iota // Op, Op(a, b)
	FixPrefix                // -. a, or a prefix symbol such as `~`
	FixInfix                 // a (+) b
	FixPostfix               // a ^+
)

// OpDef is an operator definition `Op(p1, ..., pn) == Body` (a module-level
// unit or a LET definition; definitions inside proofs are skipped with the
// proof), or a function definition `f[x \in S, ...] == e`.
//
// For a function definition IsFunc is true, Params is empty and Body is the
// *FuncCons `[x \in S, ... |-> e]`; references to f inside Body are Refs to
// this OpDef (the definition is recursive in the TLA+ sense).
type OpDef struct {
	Span
	Name   string // the operator's name or its canonical symbol, e.g. "(+)"
	Fixity Fixity
	Params []*Param
	Body   Expr
	IsFunc bool
	// Local is true for `LOCAL Op == ...`.
	Local bool
	// Recursive is true when the operator was declared with RECURSIVE.
	Recursive bool
	// InLet is true for definitions made in a LET; their bodies may refer to
	// bound variables and parameters of the enclosing expression.
	InLet  bool
	Module *Module // defining module
}

// RecursiveDecl is `RECURSIVE F(_), G`. Each declared name is later defined
// by an OpDef with Recursive set.
type RecursiveDecl struct {
	Span
	Names []*Param
}

// InstanceDef is `INSTANCE M WITH a <- e, ...` (Name == "") or a named
// instance `I(p1, ...) == INSTANCE M WITH ...`.
type InstanceDef struct {
	Span
	Name   string // "" for an unnamed INSTANCE
	Params []*Param
	// ModuleName is the instantiated module; Target is that module after
	// resolution (nil when ModuleName is a standard module, which is legal:
	// `INSTANCE Naturals` just makes its operators visible).
	ModuleName string
	Target     *Module
	// Subst holds the substitutions. After resolution it is complete: one
	// entry for every CONSTANT and VARIABLE of Target (including those of the
	// modules Target extends), implicit ones (`c <- c`) added with Implicit
	// set and Expr a Ref resolved in the instantiating module.
	Subst  []*Subst
	Local  bool
	Module *Module // the instantiating module
}

// Subst is one `name <- Expr` of an INSTANCE. Exactly one of Const and Var is
// set after resolution.
type Subst struct {
	Span
	Name     string
	Expr     Expr
	Const    *ConstDecl
	Var      *VarDecl
	Implicit bool
}

// Assume is `ASSUME e` (or `ASSUMPTION`, `AXIOM`), optionally named
// `ASSUME Name == e`.
type Assume struct {
	Span
	Name   string
	Expr   Expr
	Module *Module
}

// Theorem is `THEOREM`, `LEMMA`, `PROPOSITION` or `COROLLARY`, optionally
// named. Its proof is skipped. Expr is the statement when it is an ordinary
// expression; for `ASSUME ... PROVE ...` statements Expr is nil and
// AssumeProve is true. The evaluator never needs theorems.
type Theorem struct {
	Span
	Keyword     string
	Name        string
	Expr        Expr
	AssumeProve bool
	Module      *Module
}

func (*ConstDecl) unitNode()     {}
func (*VarDecl) unitNode()       {}
func (*OpDef) unitNode()         {}
func (*InstanceDef) unitNode()   {}
func (*Assume) unitNode()        {}
func (*Theorem) unitNode()       {}
func (*RecursiveDecl) unitNode() {}
func (*Module) unitNode()        {}
func (*Separator) unitNode()     {}

// Entity is what a module-level name denotes in Module.Scope.
type Entity struct {
	Kind  RefKind // RefConst, RefVar, RefDef or RefInstance (builtins are not in Scope; see LookupBuiltin)
	Const *ConstDecl
	Var   *VarDecl
	Def   *OpDef
	Inst  *InstanceDef
	// Via is the chain of unnamed instances through which a definition is
	// visible (empty for own and extended definitions). See Ref.Via.
	Via     []*InstUse
	Builtin Builtin // unused: kept for compatibility, always BNone
}

// ---------------------------------------------------------------------------
// Names and applications

// RefKind says what a Ref denotes.
type RefKind uint8

const (
	RefUnresolved RefKind = iota // before resolution only
	RefBound                     // a variable bound by \A, \E, CHOOSE, {..}, [x \in S |-> ..]: Bound
	RefParam                     // a parameter of the enclosing definition or LAMBDA: Param
	RefConst                     // a declared CONSTANT: Const
	RefVar                       // a declared VARIABLE: Var
	RefDef                       // an operator or function definition: Def (maybe via instances)
	RefInstance                  // a named instance used as a prefix; only inside Ref.Via
	RefBuiltin                   // a built-in or standard-module operator: Builtin
)

var refKindNames = [...]string{"unresolved", "bound", "param", "const", "var", "def", "instance", "builtin"}

func (k RefKind) String() string {
	if int(k) < len(refKindNames) {
		return refKindNames[k]
	}
	return fmt.Sprintf("RefKind(%d)", k)
}

// BoundVar is one variable introduced by a Binder. Refs to it point here, so
// the evaluator can key environments by *BoundVar.
type BoundVar struct {
	Span
	Name string
}

// InstUse is one step of an instance path: the instance and, for a
// parameterised instance `I(x) == INSTANCE M`, the actual arguments as
// written in `I(3)!Op`, evaluated in the context where the Ref appears.
type InstUse struct {
	Inst *InstanceDef
	Args []Expr
}

// Ref is a use of a name: `x`, `Op`, `I!Op`, `I(1)!J!Op`, `+` (as the Op of an
// OpApp), `BOOLEAN`.
//
// Via is the instance path through which a definition, constant or variable
// of another module is reached, outermost first. For `I!J!Op`: Via[0] is I
// (an InstanceDef of the current module), Via[1] is J (of I's target), and
// Def is Op of J's target. When Def is evaluated, the constants and variables
// of its module are replaced by the substitutions of Via[len-1], whose
// expressions are evaluated under Via[len-2], and so on out to the context of
// the Ref. A definition reached through a top-level unnamed INSTANCE has a
// one-element Via with that InstanceDef. Refs inside an instantiated module's
// own definitions to that module's definitions have an empty Via: the
// substitution context is inherited dynamically.
type Ref struct {
	Span
	Name string // as written, canonicalised for symbols; "I!Op" for paths
	Kind RefKind

	Bound   *BoundVar  // RefBound
	Param   *Param     // RefParam
	Const   *ConstDecl // RefConst
	Var     *VarDecl   // RefVar
	Def     *OpDef     // RefDef
	Builtin Builtin    // RefBuiltin
	Via     []*InstUse // see above

	path []pathSeg // instance path as parsed (`I(args)!`), consumed by resolution
	sel  []string  // positional selectors after the name (`Inv!2`, `Thm!:`), consumed by resolution
}

// OpApp applies Op to Args. It covers `Op(a, b)`, `a + b`, `~a`, `x'`,
// `UNCHANGED v`, `SUBSET S`, `a \X b \X c` (one OpApp with three Args and
// Builtin Times), `G(x)` for a higher-order parameter G, and so on. Op.Kind
// may be RefDef, RefParam, RefConst (higher-order constant) or RefBuiltin.
type OpApp struct {
	Span
	Op   *Ref
	Args []Expr
}

// JunctionKind is AND (`/\`) or OR (`\/`).
type JunctionKind uint8

const (
	And JunctionKind = iota
	Or
)

func (k JunctionKind) String() string {
	if k == And {
		return `/\`
	}
	return `\/`
}

// Junction is a conjunction or disjunction of Items, evaluated left to right.
// Bulleted is true for a vertically aligned list (`/\ a` newline `/\ b`);
// infix chains `a /\ b /\ c` are flattened into one Junction as well.
type Junction struct {
	Span
	Kind     JunctionKind
	Items    []Expr
	Bulleted bool
}

// NumLit is a natural number literal (decimal, or \b \o \h forms). Text is
// the source spelling; Value its value. Big is true when the value does not
// fit in int64 (Value is then 0).
type NumLit struct {
	Span
	Text  string
	Value int64
	Big   bool
}

// StrLit is a string literal; Value has escapes (\" \\ \n \t \r \f) decoded.
type StrLit struct {
	Span
	Value string
}

// BoolLit is TRUE or FALSE.
type BoolLit struct {
	Span
	Value bool
}

// At is `@` inside an EXCEPT value: the old value at the updated path.
type At struct{ Span }

// Paren records explicit parentheses; kept so that printers can reproduce
// the source and so that `(a \X b) \X c` stays a nested product. Evaluators
// just evaluate X.
type Paren struct {
	Span
	X Expr
}

// Label is a TLA+2 position label `lab :: e` or `lab(p) :: e`; it has no
// meaning for model checking and evaluates to X.
type Label struct {
	Span
	Name   string
	Params []string
	X      Expr
}

// Inner returns the expression a Paren or a Label wraps (x itself for any
// other expression): neither means anything to evaluation, so the
// compilers of expressions, actions, properties and temporal formulas all
// look through them with it.
func Inner(x Expr) Expr {
	switch t := x.(type) {
	case *Paren:
		return t.X
	case *Label:
		return t.X
	}
	return x
}

// ---------------------------------------------------------------------------
// Control

// If is IF Cond THEN Then ELSE Else.
type If struct {
	Span
	Cond, Then, Else Expr
}

// CaseArm is one `Guard -> Body` of a CASE.
type CaseArm struct {
	Span
	Guard, Body Expr
}

// Case is CASE arm [] arm ... [] OTHER -> Other. Other is nil when absent.
type Case struct {
	Span
	Arms  []*CaseArm
	Other Expr
}

// Let is LET defs IN Body. Defs are OpDefs with InLet set (function
// definitions included); Instances are named instances defined in the LET,
// which the parser accepts and the resolver refuses as unsupported.
type Let struct {
	Span
	Defs      []*OpDef
	Instances []*InstanceDef
	Body      Expr
}

// ---------------------------------------------------------------------------
// Binding constructs

// Binder binds variables to the elements of a set:
//
//	x \in S            Vars = [x],    Tuple = false, Set = S
//	x, y \in S         Vars = [x, y], Tuple = false, Set = S (each ranges over S)
//	<<a, b>> \in S     Vars = [a, b], Tuple = true,  Set = S (elements are tuples)
//	x                  Vars = [x],    Set = nil (unbounded, e.g. \E x : P)
type Binder struct {
	Span
	Vars  []*BoundVar
	Tuple bool
	Set   Expr
}

// QuantKind is \A or \E.
type QuantKind uint8

const (
	Forall QuantKind = iota
	Exists
)

func (k QuantKind) String() string {
	if k == Forall {
		return `\A`
	}
	return `\E`
}

// Quant is `\A b1, b2 : Body` or `\E ...`. The binders are nested left to
// right (later sets may mention earlier variables).
type Quant struct {
	Span
	Kind    QuantKind
	Binders []*Binder
	Body    Expr
}

// TemporalQuant is `\AA x : F` or `\EE x : F` (parsed; not model-checkable).
type TemporalQuant struct {
	Span
	Kind QuantKind
	Vars []*BoundVar
	Body Expr
}

// Choose is `CHOOSE x \in S : P` (Binder.Set may be nil for the unbounded
// form, and Binder.Tuple may be set for `CHOOSE <<a, b>> \in S : P`).
type Choose struct {
	Span
	Binder *Binder
	Body   Expr
}

// SetEnum is `{a, b, c}` (Elems empty for `{}`).
type SetEnum struct {
	Span
	Elems []Expr
}

// SetFilter is `{x \in S : P}` (or `{<<a, b>> \in S : P}`).
type SetFilter struct {
	Span
	Binder *Binder
	Pred   Expr
}

// SetMap is `{e : x \in S, y \in T}`.
type SetMap struct {
	Span
	Elem    Expr
	Binders []*Binder
}

// FuncCons is `[x \in S, y \in T |-> e]`. With one binder of one variable
// the domain is S; otherwise it is the Cartesian product of the sets of all
// variables in order and the function takes tuples.
type FuncCons struct {
	Span
	Binders []*Binder
	Body    Expr
}

// FuncApp is `f[a]` or `f[a, b]` (the latter applies f to <<a, b>>).
type FuncApp struct {
	Span
	Fn   Expr
	Args []Expr
}

// FuncSet is `[S -> T]`.
type FuncSet struct {
	Span
	Dom, Rng Expr
}

// ExceptStep is one component of an EXCEPT path: `.field` (Field set) or
// `[a]` / `[a, b]` (Index set; several expressions index by a tuple).
type ExceptStep struct {
	Span
	Field string
	Index []Expr
}

// ExceptUpdate is `!path = Value`. Inside Value, *At means the old value at
// the path.
type ExceptUpdate struct {
	Span
	Path  []*ExceptStep
	Value Expr
}

// Except is `[Fn EXCEPT !... = e, !... = e]`.
type Except struct {
	Span
	Fn      Expr
	Updates []*ExceptUpdate
}

// Field is one `name |-> e` or `name : S` of a record constructor or record set.
type Field struct {
	Span
	Name  string
	Value Expr
}

// RecordCons is `[a |-> 1, b |-> 2]`.
type RecordCons struct {
	Span
	Fields []*Field
}

// RecordSet is `[a : S, b : T]`.
type RecordSet struct {
	Span
	Fields []*Field
}

// Dot is `r.field`.
type Dot struct {
	Span
	X     Expr
	Field string
}

// Tuple is `<<a, b, c>>` (Elems empty for `<<>>`).
type Tuple struct {
	Span
	Elems []Expr
}

// Lambda is `LAMBDA x, y : e`, only legal as an argument to an operator
// with a higher-order parameter.
type Lambda struct {
	Span
	Params []*Param
	Body   Expr
}

// ActionExpr is `[A]_v` (Angle false) or `<<A>>_v` (Angle true).
type ActionExpr struct {
	Span
	Action Expr
	Sub    Expr
	Angle  bool
}

// Fairness is `WF_v(A)` (Strong false) or `SF_v(A)` (Strong true).
type Fairness struct {
	Span
	Strong bool
	Sub    Expr
	Action Expr
}

func (*Ref) exprNode()           {}
func (*OpApp) exprNode()         {}
func (*Junction) exprNode()      {}
func (*NumLit) exprNode()        {}
func (*StrLit) exprNode()        {}
func (*BoolLit) exprNode()       {}
func (*At) exprNode()            {}
func (*Paren) exprNode()         {}
func (*Label) exprNode()         {}
func (*If) exprNode()            {}
func (*Case) exprNode()          {}
func (*Let) exprNode()           {}
func (*Quant) exprNode()         {}
func (*TemporalQuant) exprNode() {}
func (*Choose) exprNode()        {}
func (*SetEnum) exprNode()       {}
func (*SetFilter) exprNode()     {}
func (*SetMap) exprNode()        {}
func (*FuncCons) exprNode()      {}
func (*FuncApp) exprNode()       {}
func (*FuncSet) exprNode()       {}
func (*Except) exprNode()        {}
func (*RecordCons) exprNode()    {}
func (*RecordSet) exprNode()     {}
func (*Dot) exprNode()           {}
func (*Tuple) exprNode()         {}
func (*Lambda) exprNode()        {}
func (*ActionExpr) exprNode()    {}
func (*Fairness) exprNode()      {}

// Lookup returns what name denotes at module level in m (own and extended
// definitions, definitions imported by unnamed instances, constants,
// variables, named instances), or nil. It is valid after resolution.
func (m *Module) Lookup(name string) *Entity {
	if m == nil || m.Scope == nil {
		return nil
	}
	return m.Scope[name]
}

// Def returns the operator definition visible in m under name, or nil.
func (m *Module) Def(name string) *OpDef {
	if e := m.Lookup(name); e != nil && e.Kind == RefDef {
		return e.Def
	}
	return nil
}
