package check

import (
	"cmp"
	"slices"
	"strings"

	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Bind binds the CONSTANT section of c to p, as TLC does before model
// checking, simulation or trace validation:
//
//	C = v          a declared constant, or a definition overridden by a value
//	C <- D         a constant or a definition replaced by the definition D
//	C = [M] v      the definition C of module M overridden by a value
//	C <- [M] D     the definition C of module M replaced by the root's D
//
// As in TLC, `[M]` names the module of the left-hand side (never a
// declared constant: TLC ignores those) while D is always the root
// module's. The definition is replaced wherever it is used, not only in
// M's text: TLC replaces the definition's body, which all instances
// share (so `Nat <- [M] D` replaces Nat everywhere).
//
// fallback, when not nil, supplies values (by name) for the root module's
// constants c leaves unassigned (trace validation takes them from the
// trace); any constant still unbound is a ConfigProblem. c may be nil.
func Bind(p *eval.Program, c *cfg.Config, fallback map[string]value.Value) error {
	prog := p.Src
	root := prog.Root
	assigned := map[*syntax.ConstDecl]bool{}
	var consts []*cfg.Constant
	if c != nil {
		consts = c.Constants
	}
	for _, k := range consts {
		if k.Module != "" {
			if err := bindInModule(p, k); err != nil {
				return err
			}
			continue
		}
		ent := root.Lookup(k.Name)
		if ent == nil {
			if b := syntax.LookupBuiltin(k.Name); b != syntax.BNone && isIdent(k.Name) {
				// A standard-module operator: `Nat <- MCNat`, `Seq <- MCSeq`.
				if k.Kind == cfg.Assign {
					p.OverrideBuiltin(b, cfgValue(k.Value))
					continue
				}
				d, via, err := withDef(prog, k)
				if err != nil {
					return err
				}
				p.ReplaceBuiltin(b, d, via)
				continue
			}
			if k.Kind == cfg.Assign {
				// TLC ignores, without a word, a value given to a name the
				// spec does not declare.
				continue
			}
			return cfgErr("In the configuration file, the identifier %s does not appear in the specification.", k.Name)
		}
		switch {
		case ent.Kind == syntax.RefConst && k.Kind == cfg.Assign:
			p.SetConst(ent.Const, cfgValue(k.Value))
			assigned[ent.Const] = true
		case ent.Kind == syntax.RefConst && k.Kind == cfg.Replace:
			d, err := rootDef(prog, k)
			if err != nil {
				return err
			}
			p.SetConstDef(ent.Const, d)
			assigned[ent.Const] = true
		case ent.Kind == syntax.RefDef && k.Kind == cfg.Assign:
			p.Override(ent.Def, cfgValue(k.Value))
		case ent.Kind == syntax.RefDef && k.Kind == cfg.Replace:
			d, via, err := withDef(prog, k)
			if err != nil {
				return err
			}
			p.Replace(ent.Def, d, via)
		default:
			return cfgErr("The configuration file assigns %s, which is not a constant or definition.", k.Name)
		}
	}
	var missing []*syntax.ConstDecl
	for _, ent := range root.Scope {
		if ent.Kind != syntax.RefConst || len(ent.Via) != 0 || assigned[ent.Const] {
			continue
		}
		if v, ok := fallback[ent.Const.Name]; ok {
			p.SetConst(ent.Const, v)
			assigned[ent.Const] = true
			continue
		}
		missing = append(missing, ent.Const)
	}
	if len(missing) > 0 {
		// The first in declaration order, as TLC reports it.
		slices.SortFunc(missing, func(a, b *syntax.ConstDecl) int {
			return cmp.Or(strings.Compare(a.File, b.File), a.Line-b.Line, a.Col-b.Col)
		})
		return cfgErr("The constant parameter %s is not assigned a value by the configuration file.", missing[0].Name)
	}
	return nil
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
	}
	es := make([]value.Value, len(v.Elems))
	for i, e := range v.Elems {
		es[i] = cfgValue(e)
	}
	if v.Kind == cfg.Set {
		return value.NewSet(es)
	}
	return value.NewTuple(es)
}

// bindInModule binds an entry `C = [M] v` or `C <- [M] D` (see Bind).
func bindInModule(p *eval.Program, k *cfg.Constant) error {
	prog := p.Src
	m := prog.Modules[k.Module]
	if k.Kind == cfg.Assign {
		// TLC applies module-scoped values to definitions only and says
		// nothing about a module or name it does not find.
		if d := m.Def(k.Name); d != nil {
			p.Override(d, cfgValue(k.Value))
			p.ScopedToModule(d)
		}
		return nil
	}
	if m == nil {
		return cfgErr("In the configuration file, the module name %s is not a module in the specification.", k.Module)
	}
	with, via, err := withDef(prog, k)
	if err != nil {
		return err
	}
	if d := m.Def(k.Name); d != nil {
		if len(d.Params) != len(with.Params) {
			return cfgErr("The configuration file substitutes for %s with %s of different number of arguments.", k.Name, k.With.Name)
		}
		p.Replace(d, with, via)
		p.ScopedToModule(d)
		return nil
	}
	if b := syntax.LookupBuiltin(k.Name); b != syntax.BNone && isIdent(k.Name) && (b.Module() == "" || m.Standard[b.Module()]) {
		// TLC replaces the body of the standard module's definition, which
		// every module that uses it shares: the replacement is global.
		p.ReplaceBuiltin(b, with, via)
		return nil
	}
	return cfgErr("In the configuration file, the identifier %s does not appear in the specification.", k.Name)
}

// withDef finds the root module's definition a `<-` entry puts in place,
// and the chain of unnamed instances through which the root module sees it.
func withDef(prog *syntax.Program, k *cfg.Constant) (*syntax.OpDef, []*syntax.InstUse, error) {
	d, err := rootDef(prog, k)
	if err != nil {
		return nil, nil, err
	}
	var via []*syntax.InstUse
	if we := prog.Root.Lookup(k.With.Name); we != nil {
		via = we.Via
	}
	return d, via, nil
}

// isIdent: name is an identifier (Nat, Seq), not an operator symbol.
func isIdent(name string) bool {
	for i, r := range name {
		if !(r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || i > 0 && '0' <= r && r <= '9') {
			return false
		}
	}
	return name != ""
}

// rootDef is the root module's definition named on the right of k's `<-`.
func rootDef(prog *syntax.Program, k *cfg.Constant) (*syntax.OpDef, error) {
	d := prog.Root.Def(k.With.Name)
	if d == nil {
		return nil, cfgErr("The configuration file substitutes for %s with the undefined identifier %s.", k.Name, k.With.Name)
	}
	return d, nil
}
