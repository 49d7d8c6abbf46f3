package eval

import (
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// RunInfo describes the run TLCGet("config") reports on, as TLC 2.20's
// checkers build that record (AbstractChecker.createConfig,
// Simulator.getConfig).
type RunInfo struct {
	// Simulate is set for -simulate (TLC's mode "simulate"), else the
	// mode is "bfs".
	Simulate bool
	Deadlock bool // deadlock checking is on
	Workers  int
	Seed     int64
	Depth    int // -simulate: the behaviour length bound
	// TraceCalls compiles every call of an operator or action so that an
	// evaluation Error records the chain of calls it happened in
	// (Error.Chain). It costs a deferred function per call, so it is set
	// only to evaluate again what failed (as TLC re-evaluates with its
	// CallStackTool to print "the nested expressions").
	TraceCalls bool
}

// SetRunInfo tells the program about the run (before ASSUMEs are
// evaluated, since they may read TLCGet("config")).
// A Program that traces calls (RunInfo.TraceCalls) re-evaluates what
// another one evaluated already, so it prints nothing.
func (p *Program) SetRunInfo(r RunInfo) {
	p.run = r
	p.rngSeed = seedMix(r.Seed)
	p.constRand = newConstRand(p.rngSeed)
	if r.TraceCalls {
		p.Out = io.Discard
	}
}

// registers are TLC's TLCSet/TLCGet registers. TLC keeps one set per
// worker (IdThread); gotlc keeps one set for the run, which is what TLC
// does with one worker, the only case where their contents are defined.
type registers struct {
	mu sync.Mutex
	m  map[int64]value.Value
}

func (r *registers) get(i int64) (value.Value, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.m[i]
	return v, ok
}

func (r *registers) set(i int64, v value.Value) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil {
		r.m = map[int64]value.Value{}
	}
	r.m[i] = v
}

// configRecord is TLCGet("config").
func (p *Program) configRecord() value.Value {
	r := p.run
	workers := r.Workers
	if workers < 1 {
		workers = 1
	}
	install, _ := os.Executable()
	names := []string{"mode", "deadlock", "worker", "seed", "fingerprint", "install"}
	vals := []value.Value{value.Intern("bfs"), value.Bool(r.Deadlock), value.Int(workers),
		value.Intern(strconv.FormatInt(r.Seed, 10)), value.Intern("0"), value.Intern(install)}
	if r.Simulate {
		names = []string{"mode", "depth", "traces", "deadlock", "seed", "aril", "worker", "install"}
		vals = []value.Value{value.Intern("simulate"), value.Int(r.Depth), value.Int(-1), value.Bool(r.Deadlock),
			value.Intern(strconv.FormatInt(r.Seed, 10)), value.Intern("0"), value.Int(workers), value.Intern(install)}
	}
	return namedRecord(names, vals)
}

// compileTLCGet compiles TLCGet(x) as TLC 2.20 evaluates it
// (TLCGetSet.TLCGetEval): a register for a natural x, else one of the
// named values gotlc knows ("config", "level", and the search's counts
// once it is over: "stats", "diameter", ...); the others are refused.
func (p *Program) compileTLCGet(site syntax.Node, arg syntax.Expr, s *scope) fn {
	a := p.compile(arg, s)
	return func(c *Ctx, e *env) value.Value {
		switch x := a(c, e).(type) {
		case value.Int:
			if x >= 0 {
				v, ok := p.regs.get(int64(x))
				if !ok {
					fail(site, "TLCGet(%d) was undefined.", int64(x))
				}
				return v
			}
		case *value.Str:
			switch x.S {
			case "config":
				return p.configRecord()
			case "level":
				return value.Int(c.level(site))
			case "stats", "diameter", "distinct", "generated", "queue", "duration":
				return p.statsValue(site, x.S)
			}
			if x.S == "-Dtlc2.tool.impl.Tool.cdot" {
				// Action composition is always on (cdotAct).
				return value.Intern("true")
			}
			if strings.HasPrefix(x.S, "-D") {
				return x
			}
			fail(site, "TLCGet(%q) is not supported by gotlc (it supports registers, \"config\", \"level\" and, in a POSTCONDITION, \"stats\")", x.S)
		}
		fail(site, "The argument of TLCGet should be a nonnegative integer, but instead it is:\n%s", str(a(c, e)))
		return nil
	}
}

// SearchStats are the counts of a finished breadth-first search, as
// TLCGet("stats") reports them (TLC 2.20's AbstractChecker.getStatistics):
// Diameter is the depth reached, Duration the seconds since the start.
type SearchStats struct {
	Queue, Distinct, Initial, Generated int64
	Diameter                            int
	Duration                            int64
}

// SetSearchStats makes TLCGet("stats") (and TLCGet("diameter"),
// "distinct", "generated", "queue", "duration") report s: gotlc sets them
// once the search is over, for the POSTCONDITION. During the search they
// are an evaluation error (TLC reports the counts reached so far, which
// gotlc's batched merge does not have at hand).
func (p *Program) SetSearchStats(s SearchStats) { p.stats = &s }

// statsValue is TLCGet(key) for key "stats" or one of its fields. The
// "stats" record has TLC's fields; worker is 0, the thread TLC evaluates
// a postcondition in.
func (p *Program) statsValue(site syntax.Node, key string) value.Value {
	st := p.stats
	if st == nil {
		fail(site, "TLCGet(%q) is available in gotlc only once the search is over (in a POSTCONDITION)", key)
	}
	names := []string{"queue", "distinct", "initial", "generated", "diameter", "duration", "worker"}
	vals := []value.Value{value.Int(st.Queue), value.Int(st.Distinct), value.Int(st.Initial), value.Int(st.Generated),
		value.Int(st.Diameter), value.Int(st.Duration), value.Int(0)}
	for i, n := range names {
		if n == key {
			return vals[i]
		}
	}
	return namedRecord(names, vals)
}

// compileTLCSet compiles TLCSet(i, v) (TLCGetSet.TLCSet): it stores v in
// register i and is TRUE. TLCSet("exit", ...) and TLCSet("pause", ...)
// are refused: gotlc does not stop or pause on request.
func (p *Program) compileTLCSet(site syntax.Node, args []syntax.Expr, s *scope) fn {
	ia, va := p.compile(args[0], s), p.compile(args[1], s)
	return func(c *Ctx, e *env) value.Value {
		switch x := ia(c, e).(type) {
		case value.Int:
			if x >= 0 {
				p.regs.set(int64(x), va(c, e))
				return value.True
			}
		case *value.Str:
			if strings.HasPrefix(x.S, "-D") {
				va(c, e)
				return value.True
			}
			fail(site, "TLCSet(%q, ...) is not supported by gotlc", x.S)
		}
		fail(site, "The first argument of TLCSet should be a nonnegative integer, but instead it is:\n%s", str(ia(c, e)))
		return nil
	}
}

// level is TLCGet("level") in c: the BFS level of the current state
// (initial states are level 1), 0 in an ASSUME or the initial predicate.
func (c *Ctx) level(site syntax.Node) int {
	if c.lvlSet {
		return c.lvl
	}
	if c.S == nil {
		return 0
	}
	fail(site, "TLCGet(\"level\") is not available here: gotlc knows the level only in a breadth-first search")
	return 0
}

// SetLevel records the BFS level of c's current state (initial states are
// level 1) for TLCGet("level").
func (c *Ctx) SetLevel(l int) { c.lvl, c.lvlSet = l, true }

// namedRecord is the record [names[i] |-> vals[i]] (distinct names, as
// TLCGet's records have).
func namedRecord(names []string, vals []value.Value) value.Value {
	strs := make([]*value.Str, len(names))
	for i, n := range names {
		strs[i] = value.Intern(n)
	}
	rec, err := value.NewRecord(strs, vals)
	if err != nil {
		panic(err)
	}
	return rec
}
