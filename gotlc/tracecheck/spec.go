package tracecheck

import (
	"fmt"
	"slices"
	"time"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Options configure a trace check.
type Options struct {
	// Config is an optional TLC .cfg: its INIT and NEXT name the initial
	// predicate and next-state relation (default Init and Next) and its
	// CONSTANT assignments bind constants the trace leaves open or
	// override the trace's (e.g. Bug = "B4" to validate against a mutant).
	Config string
	// Library lists more directories searched for modules.
	Library []string
	// Null names the constant a JSON null stands for (default "Nil").
	Null string
	// MaxCandidates bounds the successors of one event that the search
	// tries when several match it (default 64).
	MaxCandidates int
	// Window is the number of the merge's latest choice points it can
	// come back to (default 1024); MaxBacktracks bounds the events it
	// tries after its first dead end (default 20000). Reaching either ends
	// the check as a failure, never as a validation.
	Window        int
	MaxBacktracks int
	// Progress, when set, is called about every ProgressEvery (default 10
	// seconds) while the trace is being validated, from the validating
	// goroutine.
	Progress      func(Progress)
	ProgressEvery time.Duration
}

// Progress is what a long validation reports as it goes.
type Progress struct {
	Events  int           // events validated so far
	Line    int           // the line of the last event validated
	Elapsed time.Duration // since Check started
}

// action is an action of Next ready to be stepped.
type action struct {
	name    string
	op      *eval.OpAction
	params  []string
	domains [][]value.Value // per path, per parameter: the binder's domain (nil: unchecked)
}

// model is the loaded spec bound to the trace's constants.
type model struct {
	prog    *eval.Program
	vars    []string
	slot    map[string]int
	init    [][]value.Value
	actions map[string]*action
	order   []string // action names in source order
	null    value.Value
	bin     *binModel // the tables of a binary trace (nil: NDJSON)
	ev      event     // the event being decoded (reused)
	dec     decoder   // the merge's decoder
}

// loadModel loads specPath and binds its constants: the cfg's assignments
// first, then the trace's.
func loadModel(specPath string, consts map[string]value.Value, opts Options) (*model, error) {
	prog, err := syntax.LoadWithOptions(specPath, syntax.Options{Library: opts.Library})
	if err != nil {
		return nil, err
	}
	var conf *cfg.Config
	if opts.Config != "" {
		if conf, err = cfg.ParseFile(opts.Config); err != nil {
			return nil, err
		}
	}
	p := eval.New(prog)
	root := prog.Root
	if err := check.Bind(p, conf, consts); err != nil {
		return nil, fmt.Errorf("binding the constants (the -config's, then the trace's header and end record): %v", err)
	}
	m := &model{prog: p, slot: map[string]int{}, actions: map[string]*action{}}
	for i, v := range p.Vars {
		m.vars = append(m.vars, v.Name)
		m.slot[v.Name] = i
	}
	nullName := opts.Null
	if nullName == "" {
		nullName = "Nil"
	}
	if ent := root.Lookup(nullName); ent != nil {
		ref := &syntax.Ref{Name: nullName, Kind: ent.Kind, Const: ent.Const, Def: ent.Def}
		if ent.Kind == syntax.RefConst || ent.Kind == syntax.RefDef {
			if v, err := p.Eval(ref, nil); err == nil {
				m.null = v
			}
		}
	}
	for _, u := range root.Units {
		if a, ok := u.(*syntax.Assume); ok {
			v, err := p.Eval(a.Expr, nil)
			if err != nil {
				return nil, fmt.Errorf("evaluating the assumption at %s: %v", a.Span.Start(), err)
			}
			if v != value.True {
				return nil, fmt.Errorf("the trace's constants make the assumption at %s false", a.Span.Start())
			}
		}
	}
	initName, nextName := "Init", "Next"
	if conf != nil {
		if conf.Init.Name != "" {
			initName = conf.Init.Name
		}
		if conf.Next.Name != "" {
			nextName = conf.Next.Name
		}
	}
	di, dn := root.Def(initName), root.Def(nextName)
	if di == nil || dn == nil {
		return nil, fmt.Errorf("module %s defines no %s or no %s (name them with INIT and NEXT in a -config)", root.Name, initName, nextName)
	}
	ia, err := p.CompileInit(&syntax.Ref{Span: di.Span, Name: di.Name, Kind: syntax.RefDef, Def: di})
	if err != nil {
		return nil, err
	}
	if _, err := ia.Run(nil, func(s []value.Value, _ *eval.Label, _ int) { m.init = append(m.init, s) }); err != nil {
		return nil, fmt.Errorf("computing the initial state: %v", err)
	}
	if len(m.init) == 0 {
		return nil, fmt.Errorf("%s has no initial state with the trace's constants", initName)
	}
	// The actions are Next's sub-actions (syntax.SplitNext) named by a
	// definition: what an event names. A definition split into several
	// sub-actions from one use (a disjunction in its body) is one action.
	var prev *syntax.SubAction
	for _, ap := range syntax.SplitNext(dn) {
		if ap.Def == nil || (prev != nil && prev.Def == ap.Def && slices.Equal(prev.Domains, ap.Domains)) {
			continue
		}
		prev = &ap
		a := m.actions[ap.Def.Name]
		if a == nil {
			op, err := p.CompileOpAction(ap.Def)
			if err != nil {
				return nil, fmt.Errorf("compiling action %s: %v", ap.Def.Name, err)
			}
			a = &action{name: ap.Def.Name, op: op}
			for _, pr := range ap.Def.Params {
				a.params = append(a.params, pr.Name)
			}
			m.actions[ap.Def.Name] = a
			m.order = append(m.order, ap.Def.Name)
		}
		doms := make([]value.Value, len(ap.Domains))
		for i, x := range ap.Domains {
			if x == nil {
				continue
			}
			if v, err := p.Eval(x, nil); err == nil && value.IsSet(v) {
				doms[i] = v
			}
		}
		a.domains = append(a.domains, doms)
	}
	if len(m.actions) == 0 {
		return nil, fmt.Errorf("%s: found no action in %s (it must be a disjunction of actions, possibly under \\E)", root.Name, nextName)
	}
	return m, nil
}
