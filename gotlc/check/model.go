package check

import (
	"errors"
	"fmt"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// SetupKind classifies an error found before the search starts.
type SetupKind int

const (
	ConfigProblem   SetupKind = iota // the cfg names something wrong (TLC exit 255)
	AssumptionFalse                  // an ASSUME is false (exit 10)
	SetupEval                        // evaluation error while preparing (exit 75)
	Unsupported                      // liveness or another feature gotlc refuses
)

// SetupError is an error found while building the model.
type SetupError struct {
	Kind SetupKind
	Msg  string
	Err  error
}

func (e *SetupError) Error() string { return e.Msg }

func cfgErr(format string, args ...any) *SetupError {
	return &SetupError{Kind: ConfigProblem, Msg: fmt.Sprintf(format, args...)}
}

// Build prepares the model described by c for the loaded spec. ASSUMEs are
// evaluated here.
func Build(prog *syntax.Program, c *cfg.Config) (*Model, *eval.Program, error) {
	return BuildRun(prog, c, eval.RunInfo{Deadlock: true, Workers: 1})
}

// BuildRun is Build for the run described by info, which TLCGet("config")
// reports (the ASSUMEs may read it).
func BuildRun(prog *syntax.Program, c *cfg.Config, info eval.RunInfo) (*Model, *eval.Program, error) {
	p := eval.New(prog)
	p.SetRunInfo(info)
	root := prog.Root
	if err := Bind(p, c, nil); err != nil {
		return nil, p, err
	}
	m := &Model{Prog: p}
	def := func(n cfg.Name, what string) (*syntax.OpDef, error) {
		d := root.Def(n.Name)
		if d == nil {
			return nil, cfgErr("The %s %s specified in the configuration file\nis not defined in the specification.", what, n.Name)
		}
		return d, nil
	}
	ref := func(d *syntax.OpDef) syntax.Expr { return p.DefRef(d) }
	var err error
	switch {
	case c.Specification.Name != "":
		d, derr := def(c.Specification, "specification")
		if derr != nil {
			return nil, p, derr
		}
		m.Init, m.Next, err = p.CompileSpec(ref(d))
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		m.Temporal = eval.NewTemporalSet()
		if m.Fairness, err = p.CompileFairness(ref(d), m.Temporal); err != nil {
			return nil, p, setupEvalErr(err)
		}
	case c.Init.Name != "" && c.Next.Name != "":
		di, derr := def(c.Init, "initial predicate")
		if derr != nil {
			return nil, p, derr
		}
		dn, derr := def(c.Next, "next-state relation")
		if derr != nil {
			return nil, p, derr
		}
		if m.Init, err = p.CompileInit(ref(di)); err != nil {
			return nil, p, setupEvalErr(err)
		}
		if m.Next, err = p.CompileNext(ref(dn), dn.Name, dn.Body.Range()); err != nil {
			return nil, p, setupEvalErr(err)
		}
	case c.Init.Name == "" && c.Next.Name == "" && len(p.Vars) > 0:
		// TLC 2.20: exit 151 (corpus constonly/Vars).
		return nil, p, cfgErr("The configuration file did not specify the initial state predicate.")
	case c.Init.Name == "" && c.Next.Name == "":
		// A constant-only model (only ASSUMEs, often with Print): TLC
		// evaluates the assumptions and reports a search of no state.
		none := &syntax.BoolLit{Value: false}
		if m.Init, err = p.CompileInit(none); err != nil {
			return nil, p, setupEvalErr(err)
		}
		if m.Next, err = p.CompileNext(none, "Next", none.Span); err != nil {
			return nil, p, setupEvalErr(err)
		}
	default:
		return nil, p, cfgErr("The configuration file specifies INIT or NEXT without the other.")
	}
	for _, n := range c.Invariants {
		d, derr := def(n, "invariant")
		if derr != nil {
			return nil, p, derr
		}
		pr, err := p.CompileDefPred(d)
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		m.Invariants = append(m.Invariants, Named{n.Name, pr})
	}
	for _, n := range c.Properties {
		d, derr := def(n, "property")
		if derr != nil {
			return nil, p, derr
		}
		prop, err := p.CompileProperty(ref(d))
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		np := NamedProperty{Name: n.Name, Prop: prop}
		if prop.HasLiveness() {
			if m.Temporal == nil {
				m.Temporal = eval.NewTemporalSet()
			}
			if np.Live, err = p.CompileLiveness(prop, m.Temporal); err != nil {
				return nil, p, setupEvalErr(err)
			}
		}
		m.Properties = append(m.Properties, np)
	}
	for _, n := range c.Constraints {
		d, derr := def(n, "constraint")
		if derr != nil {
			return nil, p, derr
		}
		pr, err := p.CompileDefPred(d)
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		m.Constraints = append(m.Constraints, Named{n.Name, pr})
	}
	for _, n := range c.ActionConstraints {
		d, derr := def(n, "action constraint")
		if derr != nil {
			return nil, p, derr
		}
		pr, err := p.CompileDefPred(d)
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		m.ActionConstraints = append(m.ActionConstraints, Named{n.Name, pr})
	}
	if c.View.Name != "" {
		d, derr := def(c.View, "view")
		if derr != nil {
			return nil, p, derr
		}
		if m.View, err = p.CompileDefPred(d); err != nil {
			return nil, p, setupEvalErr(err)
		}
	}
	if c.Postcondition.Name != "" {
		d, derr := def(c.Postcondition, "postcondition")
		if derr != nil {
			return nil, p, derr
		}
		pr, err := p.CompileDefPred(d)
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		m.Postcondition = &Postcondition{Named: Named{c.Postcondition.Name, pr}, Where: d.Body.Range().TLCString(d.Module.Name)}
	}
	if c.Symmetry.Name != "" {
		d, derr := def(c.Symmetry, "symmetry")
		if derr != nil {
			return nil, p, derr
		}
		pr, err := p.CompileDefPred(d)
		if err != nil {
			return nil, p, setupEvalErr(err)
		}
		v, err := pr.Value(nil, nil)
		if err != nil {
			// TLC 2.20: the message alone, exit 255.
			return nil, p, startupEvalErr(err, 255)
		}
		if m.Symmetry, m.SymmetryWarning, err = symmetryPerms(d, v); err != nil {
			return nil, p, err
		}
	}
	// Assumptions of every module, in load order.
	for _, m := range prog.Order {
		for _, a := range m.Assumes {
			if m != root && !inRootScope(root, m) {
				continue
			}
			v, err := p.Eval(a.Expr, nil)
			if err != nil {
				// TLC 2.20: no location after the message, exit 10.
				se := startupEvalErr(err, 10)
				se.Msg = "Evaluating assumption " + a.Expr.Range().TLCString(m.Name) + " failed.\n" + se.Msg
				return nil, p, se
			}
			if b, ok := v.(value.Bool); !ok || !bool(b) {
				return nil, p, &SetupError{Kind: AssumptionFalse, Msg: "Assumption " + a.Expr.Range().TLCString(m.Name) + " is false."}
			}
		}
	}
	return m, p, nil
}

func inRootScope(root, m *syntax.Module) bool {
	var visit func(x *syntax.Module) bool
	seen := map[*syntax.Module]bool{}
	visit = func(x *syntax.Module) bool {
		if x == m {
			return true
		}
		if seen[x] {
			return false
		}
		seen[x] = true
		for _, e := range x.ExtendsMods {
			if visit(e) {
				return true
			}
		}
		return false
	}
	return visit(root)
}

func setupEvalErr(err error) *SetupError {
	var le *eval.LivenessError
	if errors.As(err, &le) {
		return &SetupError{Kind: Unsupported, Msg: le.Error(), Err: err}
	}
	var ce *eval.CannotHandleError
	if errors.As(err, &ce) {
		return &SetupError{Kind: Unsupported, Msg: ce.Error(), Err: err}
	}
	return &SetupError{Kind: SetupEval, Msg: err.Error(), Err: err}
}

// startupEvalErr is the SetupError of an evaluation error raised while
// the model is prepared (an ASSUME, the SYMMETRY set): TLC prints the
// message without the location gotlc's Error appends, and exits with
// exit unless the error has a code of its own (a failed Assert).
func startupEvalErr(err error, exit int) *SetupError {
	var ee *eval.Error
	if !errors.As(err, &ee) {
		return setupEvalErr(err)
	}
	e := *ee
	if e.Exit == 0 {
		e.Exit = exit
	}
	return &SetupError{Kind: SetupEval, Msg: e.Msg, Err: &e}
}

// Postcondition is a POSTCONDITION with the location TLC names it by.
type Postcondition struct {
	Named
	Where string // "line L, col C to line L2, col C2 of module M" of its body
}

// Evaluate evaluates the postcondition once the search r is over:
// TLCGet("stats") reports r's counts. It returns TLC's report of a false
// or failing postcondition (TLC words it as an assumption: "Assumption
// <location> is false.", exit 10), or "" when it holds.
func (pc *Postcondition) Evaluate(p *eval.Program, r *Result, elapsed int64) (msg string, err error) {
	p.SetSearchStats(eval.SearchStats{Queue: r.Left, Distinct: r.Distinct, Initial: r.InitStates,
		Generated: r.Generated, Diameter: r.Depth, Duration: elapsed})
	v, err := pc.Pred.Value(nil, nil)
	if err != nil {
		return "Evaluating assumption " + pc.Where + " failed.", err
	}
	if b, ok := v.(value.Bool); !ok || !bool(b) {
		return "Assumption " + pc.Where + " is false.", nil
	}
	return "", nil
}
