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

// cfgValue converts a value written in the cfg.
func cfgValue(v *cfg.Value) value.Value {
	switch v.Kind {
	case cfg.Int:
		return value.Int(v.Int)
	case cfg.Str:
		return value.Intern(v.Str)
	case cfg.Bool:
		return value.Bool(v.Bool)
	case cfg.ModelValue:
		return value.NewModel(v.Str)
	case cfg.Set:
		es := make([]value.Value, len(v.Elems))
		for i, e := range v.Elems {
			es[i] = cfgValue(e)
		}
		return value.NewSet(es)
	}
	es := make([]value.Value, len(v.Elems))
	for i, e := range v.Elems {
		es[i] = cfgValue(e)
	}
	return value.NewTuple(es)
}

// Build prepares the model described by c for the loaded spec. ASSUMEs are
// evaluated here.
func Build(prog *syntax.Program, c *cfg.Config) (*Model, *eval.Program, error) {
	p := eval.New(prog)
	root := prog.Root
	assigned := map[*syntax.ConstDecl]bool{}
	for _, k := range c.Constants {
		ent := root.Lookup(k.Name)
		if ent == nil {
			return nil, p, cfgErr("The configuration file assigns %s, which is not declared or defined in module %s.", k.Name, root.Name)
		}
		switch {
		case ent.Kind == syntax.RefConst && k.Kind == cfg.Assign:
			p.SetConst(ent.Const, cfgValue(k.Value))
			assigned[ent.Const] = true
		case ent.Kind == syntax.RefConst && k.Kind == cfg.Replace:
			d, err := findDef(prog, k.With.Name, k.Module)
			if err != nil {
				return nil, p, err
			}
			p.SetConstDef(ent.Const, d)
			assigned[ent.Const] = true
		case ent.Kind == syntax.RefDef && k.Kind == cfg.Assign:
			p.Override(ent.Def, cfgValue(k.Value))
		case ent.Kind == syntax.RefDef && k.Kind == cfg.Replace:
			d, err := findDef(prog, k.With.Name, k.Module)
			if err != nil {
				return nil, p, err
			}
			var via []*syntax.InstUse
			if k.Module == "" {
				if we := root.Lookup(k.With.Name); we != nil {
					via = we.Via
				}
			}
			p.Replace(ent.Def, d, via)
		default:
			return nil, p, cfgErr("The configuration file assigns %s, which is not a constant or definition.", k.Name)
		}
	}
	for _, ent := range root.Scope {
		if ent.Kind == syntax.RefConst && len(ent.Via) == 0 && !assigned[ent.Const] {
			return nil, p, cfgErr("The constant parameter %s is not assigned a value by the configuration file.", ent.Const.Name)
		}
	}
	m := &Model{Prog: p}
	def := func(n cfg.Name, what string) (*syntax.OpDef, error) {
		d := root.Def(n.Name)
		if d == nil {
			return nil, cfgErr("The %s %s specified in the configuration file\nis not defined in the specification.", what, n.Name)
		}
		return d, nil
	}
	ref := func(d *syntax.OpDef) syntax.Expr {
		return &syntax.Ref{Span: d.Span, Name: d.Name, Kind: syntax.RefDef, Def: d}
	}
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
	default:
		return nil, p, cfgErr("The configuration file specifies neither SPECIFICATION nor INIT and NEXT.")
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
		m.Properties = append(m.Properties, NamedProperty{n.Name, prop})
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
			return nil, p, setupEvalErr(err)
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
				return nil, p, &SetupError{Kind: SetupEval, Msg: "Evaluating assumption " + a.Expr.Range().TLCString(m.Name) + " failed.\n" + err.Error(), Err: err}
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
	return &SetupError{Kind: SetupEval, Msg: err.Error(), Err: err}
}

func findDef(prog *syntax.Program, name, module string) (*syntax.OpDef, error) {
	m := prog.Root
	if module != "" {
		m = prog.Modules[module]
		if m == nil {
			return nil, cfgErr("The configuration file names module %s, which is not part of the specification.", module)
		}
	}
	d := m.Def(name)
	if d == nil {
		return nil, cfgErr("The configuration file names %s, which is not defined in module %s.", name, m.Name)
	}
	return d, nil
}
