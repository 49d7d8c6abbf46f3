// Package eval evaluates TLA+ expressions and actions over the syntax tree of
// gotlc/syntax. Each expression is compiled once into a Go closure: names are
// resolved to environment depths, state slots, constant values or compiled
// definitions at compile time, so evaluation never looks a name up by string.
//
// Evaluation errors are raised as panics carrying *Error (with the source
// span of the failing expression) and recovered by the entry points (Eval,
// Successors, ...), which return them as ordinary errors.
package eval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"sync"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Ctx is the state an expression is evaluated in: the current state S and,
// for actions, the next state N (entries nil while unassigned). A Ctx is
// owned by one goroutine.
type Ctx struct {
	S []value.Value
	N []value.Value
	// label is the sub-action being explored (successor generation only);
	// actSeq counts the sub-actions entered, so that successors can be
	// grouped by the TLC action (operator and \E binding) producing them.
	label  *Label
	actSeq int
	// named asks for labels with parameter values (Action.RunNamed);
	// lblArgs are those of the sub-action being explored.
	named   bool
	lblArgs []value.Value
	// memo caches results of costly state-level operators for this state;
	// noMemo disables it while S is still being built (initial states).
	// A state needs few entries, so a slice searched linearly beats a map.
	// The slice comes from memoPool (memoHold holds it) and goes back to
	// it when the evaluation is over (Release).
	memo     []memoEntry
	memoHold *[]memoEntry
	noMemo   bool
	// enab is the instance node of the ENABLED being evaluated (nil
	// outside one); enabPrimed marks a primed context inside it (see
	// enabledvars.go).
	enab       *instNode
	enabPrimed bool
	// depth is the nesting of RECURSIVE operator calls (recursionGuard).
	depth int
	// hidden, when set, counts the intermediate states of A \cdot B
	// (Action.RunCounted).
	hidden *int
	// rng is the generator RandomElement and RandomSubset draw from
	// (random.go); nil until the first draw.
	rng *rand.Rand
	// seed is the run's generator seed (seedMix; 0: the default), set by
	// the random operators before they draw.
	seed uint64
	// lvl is TLCGet("level") when lvlSet (see SetLevel).
	lvl    int
	lvlSet bool
	// conts are idle continuations of andActItems (see andCont).
	conts []*andCont
	// arena: bindings are carved from the blocks envs and lets (one
	// allocation for many; OpAction.Run lends its own) instead of being
	// allocated one by one.
	arena bool
	envs  []env
	lets  []thunkEnv
	tails *blockTails // where Release returns envs and lets (see carve)
	// out receives Print and PrintT output (nil: the Program's Out).
	out io.Writer
}

// andCont is the continuation "the rest of a conjunction from item from"
// that andActItems passes to an action conjunct. Its fn is built once;
// a Ctx keeps the idle ones (conts), so a state's successors reuse them
// instead of allocating a closure per conjunct entered. A continuation is
// only called while the conjunct it was given to runs (actions never keep
// k), so it is idle again when that call returns.
type andCont struct {
	run  func(c *Ctx, e *env, k func(), from int)
	c    *Ctx
	e    *env
	k    func()
	from int
	fn   func()
}

func (c *Ctx) getCont() *andCont {
	if n := len(c.conts); n > 0 {
		cn := c.conts[n-1]
		c.conts = c.conts[:n-1]
		return cn
	}
	cn := &andCont{}
	cn.fn = func() { cn.run(cn.c, cn.e, cn.k, cn.from) }
	return cn
}

func (c *Ctx) putCont(cn *andCont) {
	cn.e, cn.k = nil, nil
	c.conts = append(c.conts, cn)
}

// newEnv is the binding of v on top of up.
func (c *Ctx) newEnv(v any, up *env) *env {
	if !c.arena {
		return &env{v: v, up: up}
	}
	if len(c.envs) == 0 {
		c.envs = make([]env, 256)
	}
	n := &c.envs[0]
	c.envs = c.envs[1:]
	n.v, n.up = v, up
	return n
}

// newEnvs is k fresh bindings (for the caller to fill and link).
func (c *Ctx) newEnvs(k int) []env {
	if !c.arena || k > 64 {
		return make([]env, k)
	}
	if len(c.envs) < k {
		c.envs = make([]env, 256)
	}
	ns := c.envs[:k:k]
	c.envs = c.envs[k:]
	return ns
}

// newLet is a fresh LET thunk with its binding.
func (c *Ctx) newLet() *thunkEnv {
	if !c.arena {
		return &thunkEnv{}
	}
	if len(c.lets) == 0 {
		c.lets = make([]thunkEnv, 64)
	}
	t := &c.lets[0]
	c.lets = c.lets[1:]
	return t
}

type memoEntry struct {
	cd   *cdef
	h    uint64
	a0   value.Value   // the argument when there is one
	args []value.Value // the arguments when there are several
	v    value.Value
}

func (c *Ctx) memoGet(cd *cdef, h uint64, args []value.Value) (value.Value, bool) {
	if c.noMemo {
		return nil, false
	}
	for i := range c.memo {
		en := &c.memo[i]
		if en.h != h || en.cd != cd {
			continue
		}
		if len(args) == 1 {
			if en.args == nil && value.Equal(en.a0, args[0]) {
				return en.v, true
			}
			continue
		}
		if len(en.args) != len(args) {
			continue
		}
		same := true
		for j := 0; same && j < len(args); j++ {
			same = value.Equal(en.args[j], args[j])
		}
		if same {
			return en.v, true
		}
	}
	return nil, false
}

func (c *Ctx) memoPut(cd *cdef, h uint64, args []value.Value, v value.Value) {
	if c.noMemo || len(c.memo) >= 256 {
		return
	}
	if c.memo == nil {
		// Every state memoises a few results (an invariant, a costly
		// definition): a slice of earlier states is reused.
		c.memoHold = memoPool.Get().(*[]memoEntry)
		c.memo = (*c.memoHold)[:0]
	}
	en := memoEntry{cd: cd, h: h, v: v}
	if len(args) == 1 {
		en.a0 = args[0]
	} else {
		en.args = append([]value.Value(nil), args...)
	}
	c.memo = append(c.memo, en)
}

// memoPool holds idle memo slices (each a *[]memoEntry, empty, with its
// capacity): a state's memo is built in one of them instead of growing a
// fresh slice for every state, which was half the bytes allocated on
// MCCheckpointCoordination.
var memoPool = sync.Pool{New: func() any { m := make([]memoEntry, 0, 8); return &m }}

// Release ends the evaluations in c: its memoised results are dropped and
// their slice goes back to memoPool, and the unused tails of its binding
// blocks go back to tailPool. The context may still be used (a lazy set
// built in it evaluates in it later); it then memoises and allocates
// afresh.
func (c *Ctx) Release() {
	if c.tails != nil {
		c.tails.envs, c.tails.lets = c.envs, c.lets
		tailPool.Put(c.tails)
		c.envs, c.lets, c.tails = nil, nil, nil
	}
	if c.memoHold == nil {
		return
	}
	clear(c.memo) // the pool must not keep the values alive
	*c.memoHold = c.memo[:0]
	memoPool.Put(c.memoHold)
	c.memo, c.memoHold = nil, nil
}

// blockTails are the unused tails of the blocks bindings are carved from
// (Ctx.arena), passed from one evaluation context to the next through
// tailPool: a block is never handed out twice, only its unused part moves
// on, so a binding kept by a value stays valid.
type blockTails struct {
	envs []env
	lets []thunkEnv
}

var tailPool = sync.Pool{New: func() any { return new(blockTails) }}

// carve makes c carve its bindings from blocks (Ctx.arena), starting with
// the tails an earlier context released; Release passes them on.
func (c *Ctx) carve() {
	t := tailPool.Get().(*blockTails)
	c.arena, c.envs, c.lets, c.tails = true, t.envs, t.lets, t
	t.envs, t.lets = nil, nil
}

// env is an immutable linked list of bindings: bound variables, parameters,
// LET definitions and EXCEPT's @. Compile-time scopes mirror it, so a bound
// name compiles to "walk up k links".
type env struct {
	v  any // value.Value, *opVal or *thunk
	up *env
}

func (e *env) push(v any) *env { return &env{v: v, up: e} }

// envBlock hands out binding nodes for a loop that binds one variable to
// each element in turn: every element gets a node of its own (a lazy value
// or thunk built in the body may keep it), but the nodes come from blocks,
// one allocation per block instead of one per element. Blocks grow from 4
// to envBlockLen nodes, so a loop that stops early (an \E that finds its
// witness) allocates little more than before.
type envBlock struct {
	up    *env
	left  int // elements not yet given a node
	next  int // size of the next block
	nodes []env
}

const envBlockLen = 64

func newEnvBlock(up *env, n int) envBlock { return envBlock{up: up, left: n, next: 4} }

// bind returns a fresh node binding v on top of the block's environment.
func (b *envBlock) bind(v any) *env {
	if len(b.nodes) == 0 {
		n := min(b.left, b.next)
		if n < 1 {
			n = 1
		}
		b.nodes = make([]env, n)
		b.left -= n
		b.next = min(2*b.next, envBlockLen)
	}
	nd := &b.nodes[0]
	b.nodes = b.nodes[1:]
	nd.v, nd.up = v, b.up
	return nd
}

func (e *env) at(k int) any {
	for ; k > 0; k-- {
		e = e.up
	}
	return e.v
}

func (e *env) walk(k int) *env {
	for ; k > 0; k-- {
		e = e.up
	}
	return e
}

// fn is a compiled expression.
type fn func(c *Ctx, e *env) value.Value

// opVal is an operator used as a value: the argument of a higher-order
// parameter, a LAMBDA, or a LET definition with parameters.
type opVal struct {
	arity int
	call  func(c *Ctx, args []any) value.Value
	// act, when set, runs the operator as an action (a LAMBDA or definition
	// passed to a higher-order parameter and used in a next-state relation).
	act func(c *Ctx, args []any, k func())
}

// thunk is a zero-arity LET definition, evaluated at most once per binding
// and state.
type thunk struct {
	f    fn
	env  *env
	done bool
	v    value.Value
}

func (t *thunk) force(c *Ctx) value.Value {
	if !t.done {
		t.v = t.f(c, t.env)
		t.done = true
	}
	return t.v
}

// Error is an evaluation error with the span of the expression that failed.
type Error struct {
	Span   syntax.Span
	Module string
	Msg    string
	// Exit is the process exit code TLC uses for this error (0: the
	// default for evaluation errors, 75).
	Exit int
	// Overflow marks TLC's StackOverflowError (recursionGuard), which TLC
	// reports without the nested positions and with the search depth.
	Overflow bool
	// Chain holds the calls the failing expression was reached through,
	// innermost first: the call sites of the operators (and actions) being
	// evaluated. Only a Program compiled with RunInfo.TraceCalls records
	// them (see traceCall).
	Chain []syntax.Span
}

// IncompleteError reports a successor state in which some variable was
// not assigned; Partial holds the state as far as it was built (nil
// entries unassigned) and Label the sub-action.
type IncompleteError struct {
	Msg     string
	Label   *Label
	Partial []value.Value
}

func (e *IncompleteError) Error() string { return e.Msg }

func (e *Error) Error() string {
	if e.Span.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("%s\n%s", e.Msg, e.Where())
}

// Nested lists the locations the error happened in, outermost first and
// the failing expression last, as TLC prints "the nested expressions"
// ("Line L, column C to line L2, column C2 in M"). Without a Chain (see
// RunInfo.TraceCalls) it is the failing expression alone.
func (e *Error) Nested() []string {
	var out []string
	add := func(s syntax.Span) {
		out = append(out, fmt.Sprintf("Line %d, column %d to line %d, column %d in %s", s.Line, s.Col, s.EndLine, s.EndCol, moduleOfSpan(s)))
	}
	for i := len(e.Chain) - 1; i >= 0; i-- {
		add(e.Chain[i])
	}
	if e.Span.Line > 0 && (len(e.Chain) == 0 || e.Chain[0] != e.Span) {
		add(e.Span)
	}
	return out
}

// Where is the TLC-style location "line L, col C to line L2, col C2 of module M".
func (e *Error) Where() string {
	return e.Span.TLCString(e.Module)
}

// tlcWhere is the location TLC appends to the message of many evaluation
// errors: "line L, col C to line L2, col C2 of module M".
func tlcWhere(n syntax.Node) string {
	return n.Range().TLCString(moduleOfSpan(n.Range()))
}

func fail(n syntax.Node, format string, args ...any) {
	panic(&Error{Span: n.Range(), Module: moduleOfSpan(n.Range()), Msg: fmt.Sprintf(format, args...)})
}

func failErr(n syntax.Node, err error) {
	switch e := err.(type) {
	case *Error:
		panic(e)
	case *value.Error:
		panic(&Error{Span: n.Range(), Module: moduleOfSpan(n.Range()), Msg: e.Msg, Exit: e.Exit})
	}
	fail(n, "%s", err.Error())
}

// moduleOfSpan names the module of a span by its file name (M.tla -> M).
func moduleOfSpan(s syntax.Span) string {
	f := s.File
	for i := len(f) - 1; i >= 0; i-- {
		if f[i] == '/' {
			f = f[i+1:]
			break
		}
	}
	if len(f) > 4 && f[len(f)-4:] == ".tla" {
		f = f[:len(f)-4]
	}
	return f
}

// catch converts a panic raised during evaluation into an error.
func catch(err *error) {
	if r := recover(); r != nil {
		switch x := r.(type) {
		case *value.Error:
			*err = &Error{Msg: x.Msg, Exit: x.Exit}
		case error:
			*err = x
		default:
			msg := fmt.Sprintf("internal error: %v", r)
			if os.Getenv("GOTLC_DEBUG") != "" {
				msg += "\n" + string(debug.Stack())
			}
			*err = &Error{Msg: msg}
		}
	}
}

func str(v value.Value) string { return value.String(v) }

// pushValues binds xs on top of b, the last innermost, with one
// allocation.
func pushValues(b *env, xs []any) *env {
	if len(xs) == 1 {
		return &env{v: xs[0], up: b}
	}
	nodes := make([]env, len(xs))
	for i, x := range xs {
		nodes[i] = env{v: x, up: b}
		b = &nodes[i]
	}
	return b
}

// pushArgs binds evaluated arguments on top of b with one allocation.
func pushArgs(c *Ctx, e *env, b *env, fs []argFn) *env {
	switch len(fs) {
	case 0:
		return b
	case 1:
		return c.newEnv(fs[0](c, e), b)
	}
	nodes := c.newEnvs(len(fs))
	for i, f := range fs {
		nodes[i] = env{v: f(c, e), up: b}
		b = &nodes[i]
	}
	return b
}
