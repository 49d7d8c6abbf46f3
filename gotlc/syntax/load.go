package syntax

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Load parses the spec at path (a .tla file; the extension may be omitted),
// every user module it EXTENDS or INSTANCEs (looked up as Name.tla in the
// same directory, transitively), and resolves all names. Standard modules
// (see StandardModules) are recognised by name and not read from disk.
// Load never panics; errors carry file:line:col.
func Load(path string) (prog *Program, err error) {
	return LoadWithOptions(path, Options{})
}

// Options adjust Load.
type Options struct {
	// Library lists further directories searched, in order, for user
	// modules not found in the spec's directory (like TLC's TLA-Library).
	Library []string
}

// LoadWithOptions is Load with a module search path.
func LoadWithOptions(path string, opts Options) (prog *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("internal error loading %s: %v", path, r)
		}
	}()
	if !strings.HasSuffix(path, ".tla") {
		path += ".tla"
	}
	src, rerr := os.ReadFile(path)
	if rerr != nil {
		return nil, fmt.Errorf("cannot read spec: %w", rerr)
	}
	dir := filepath.Dir(path)
	ld := &loader{
		dir: dir,
		lib: opts.Library,
		read: func(name string) (string, []byte, error) {
			f := filepath.Join(dir, name+".tla")
			b, err := os.ReadFile(f)
			for _, lib := range opts.Library {
				if err == nil {
					break
				}
				f = filepath.Join(lib, name+".tla")
				b, err = os.ReadFile(f)
			}
			return f, b, err
		},
	}
	return ld.load(path, src)
}

// LoadSource is Load for a root module given as text, with other modules
// supplied by read (name -> file name, contents); read may be nil when the
// root uses only standard modules. It is meant for tests and tools.
func LoadSource(filename string, src []byte, read func(module string) (file string, text []byte, err error)) (prog *Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, fmt.Errorf("internal error loading %s: %v", filename, r)
		}
	}()
	if read == nil {
		read = func(name string) (string, []byte, error) {
			return "", nil, fmt.Errorf("no module %s", name)
		}
	}
	ld := &loader{dir: filepath.Dir(filename), read: read}
	return ld.load(filename, src)
}

type loader struct {
	dir   string
	lib   []string
	read  func(name string) (string, []byte, error)
	mods  map[string]*Module
	srcs  map[string]*source
	infos map[string]*moduleInfo
	order []*Module
	state map[string]int // 1: resolving, 2: done
}

func (ld *loader) load(file string, text []byte) (*Program, error) {
	ld.mods = map[string]*Module{}
	ld.srcs = map[string]*source{}
	ld.infos = map[string]*moduleInfo{}
	ld.state = map[string]int{}
	root, err := ld.parse(file, text, "")
	if err != nil {
		return nil, err
	}
	if err := ld.resolve(root.Name, nil); err != nil {
		return nil, err
	}
	prog := &Program{Root: root, Modules: ld.mods, Order: ld.order, Dir: ld.dir}
	prog.index()
	return prog, nil
}

// parse parses a file and registers its module and nested submodules.
// want is the module name the file must define ("" for the root).
func (ld *loader) parse(file string, text []byte, want string) (*Module, error) {
	m, err := ParseModule(file, text)
	if err != nil {
		return nil, err
	}
	if want != "" && m.Name != want {
		return nil, &Error{Pos: m.Pos(), Msg: fmt.Sprintf("file %s defines module %s, expected %s",
			filepath.Base(file), m.Name, want)}
	}
	base := strings.TrimSuffix(filepath.Base(file), ".tla")
	if want == "" && base != m.Name && base != "" {
		return nil, &Error{Pos: m.Pos(), Msg: fmt.Sprintf("module %s is in file %s; TLA+ requires the file to be named %s.tla",
			m.Name, filepath.Base(file), m.Name)}
	}
	s := newSource(file, string(text))
	if err := ld.nestedScopes(file, text, m, s); err != nil {
		return nil, err
	}
	var reg func(m *Module) error
	reg = func(m *Module) error {
		if _, ok := StandardModules[m.Name]; ok {
			return &Error{Pos: m.Pos(), Msg: fmt.Sprintf("module name %s is reserved for a standard module", m.Name)}
		}
		if old := ld.mods[m.Name]; old != nil {
			return &Error{Pos: m.Pos(), Msg: fmt.Sprintf("module %s defined twice (also at %s)", m.Name, old.Pos())}
		}
		ld.mods[m.Name] = m
		ld.srcs[m.Name] = s
		for _, sub := range m.Submodules {
			if err := reg(sub); err != nil {
				return err
			}
		}
		return nil
	}
	if err := reg(m); err != nil {
		return nil, err
	}
	return m, nil
}

// nestedScopes gives each module nested in m the declarations and
// definitions of m that precede it, which TLA+ puts in its scope. The
// nested module EXTENDS a module named M$Sub made of m's text up to the
// nested module, parsed again (so its positions are m's), without earlier
// nested modules and without the constants and variables the nested
// module declares again (SANY warns and the nested declaration counts; a
// definition made again is an error, in SANY and here: "multiple
// definitions"). `IS(c) == INSTANCE Sub` in m
// then substitutes m's constants and variables for the ones Sub uses, by
// name, as for any instance (tlaplus/Examples' diskpaxos Synod!Inner).
func (ld *loader) nestedScopes(file string, text []byte, m *Module, s *source) error {
	for _, u := range m.Units {
		sub, ok := u.(*Module)
		if !ok || sub.Line < 1 || sub.Line > len(s.lines) {
			continue
		}
		prefix := string(text[:s.lines[sub.Line-1]]) + "\n====\n"
		pm, err := ParseModule(file, []byte(prefix))
		if err != nil {
			return err
		}
		own := map[string]bool{}
		for _, c := range sub.Constants {
			own[c.Name] = true
		}
		for _, v := range sub.Variables {
			own[v.Name] = true
		}
		keep := func(name string) bool { return !own[name] }
		pm.Constants = slices.DeleteFunc(pm.Constants, func(c *ConstDecl) bool { return !keep(c.Name) })
		pm.Variables = slices.DeleteFunc(pm.Variables, func(v *VarDecl) bool { return !keep(v.Name) })
		pm.Defs = slices.DeleteFunc(pm.Defs, func(d *OpDef) bool { return !keep(d.Name) })
		pm.Instances = slices.DeleteFunc(pm.Instances, func(in *InstanceDef) bool {
			return in.Name != "" && !keep(in.Name) || ld.nestedIn(m, in.ModuleName)
		})
		pm.Units = slices.DeleteFunc(pm.Units, func(u Unit) bool {
			switch x := u.(type) {
			case *Module:
				return true
			case *ConstDecl:
				return !keep(x.Name)
			case *VarDecl:
				return !keep(x.Name)
			case *OpDef:
				return !keep(x.Name)
			case *InstanceDef:
				return x.Name != "" && !keep(x.Name) || ld.nestedIn(m, x.ModuleName)
			}
			return false
		})
		pm.Submodules = nil
		pm.Name = m.Name + "$" + sub.Name
		if len(pm.Units) == 0 && len(pm.Extends) == 0 {
			continue
		}
		ld.mods[pm.Name] = pm
		ld.srcs[pm.Name] = s
		sub.Extends = append(sub.Extends, &Name{Span: sub.Span, Name: pm.Name})
	}
	return nil
}

// nestedIn reports whether name is a module nested in m.
func (ld *loader) nestedIn(m *Module, name string) bool {
	for _, sub := range m.Submodules {
		if sub.Name == name {
			return true
		}
	}
	return false
}

// uses lists the module names m refers to by EXTENDS or INSTANCE (in
// module-level and LET instances), with the span of the reference.
func uses(m *Module) []*Name {
	var out []*Name
	out = append(out, m.Extends...)
	for _, in := range m.Instances {
		out = append(out, &Name{Span: in.Span, Name: in.ModuleName})
	}
	for _, u := range m.Units {
		Inspect(u, func(n Node) bool {
			if l, ok := n.(*Let); ok {
				for _, in := range l.Instances {
					out = append(out, &Name{Span: in.Span, Name: in.ModuleName})
				}
			}
			return true
		})
	}
	return out
}

var unsupportedStd = map[string]bool{
	"RealTime": true, "Toolbox": true,
	"SequencesExt": true, "FiniteSetsExt": true, "Functions": true, "Folds": true,
	"Bitwise": true, "IOUtils": true, "Json": true, "CSV": true, "Relation": true,
	"NaturalsInduction": true, "WellFoundedInduction": true, "SequenceTheorems": true,
	"FiniteSetTheorems": true, "FunctionTheorems": true,
}

// resolve loads (if needed) and resolves module name and, first, every
// module it uses. chain is the current EXTENDS/INSTANCE path, for cycles.
func (ld *loader) resolve(name string, chain []string) error {
	switch ld.state[name] {
	case 2:
		return nil
	case 1:
		return fmt.Errorf("circular EXTENDS/INSTANCE: %s -> %s", strings.Join(chain, " -> "), name)
	}
	m := ld.mods[name]
	if m == nil {
		return fmt.Errorf("module %s not found", name) // callers load first
	}
	ld.state[name] = 1
	chain = append(chain, name)
	for _, u := range uses(m) {
		if _, ok := StandardModules[u.Name]; ok {
			continue
		}
		if ld.mods[u.Name] == nil {
			file, text, err := ld.read(u.Name)
			if err != nil && Embedded[u.Name] != "" {
				file, text, err = "gotlc/"+u.Name+".tla", []byte(Embedded[u.Name]), nil
			}
			if err != nil {
				msg := fmt.Sprintf("module %s not found (looked for %s.tla in %s%s)", u.Name, u.Name, ld.dir, ld.libNote())
				if unsupportedStd[u.Name] {
					msg = fmt.Sprintf("unsupported construct: module %s is not among the standard modules gotlc implements (%s)",
						u.Name, stdList())
				}
				e := &Error{Pos: u.Pos(), Msg: msg}
				if s := ld.srcs[name]; s != nil {
					e.Line = s.lineText(u.Line)
				}
				return e
			}
			if _, err := ld.parse(file, text, u.Name); err != nil {
				return err
			}
		}
		if err := ld.resolve(u.Name, chain); err != nil {
			return err
		}
	}
	info, err := resolveModule(m, ld.srcs[name], ld.infos, ld.mods)
	if err != nil {
		return err
	}
	ld.infos[name] = info
	ld.state[name] = 2
	ld.order = append(ld.order, m)
	return nil
}

func stdList() string {
	var ns []string
	for n, ok := range StandardModules {
		if ok {
			ns = append(ns, n)
		}
	}
	sort.Strings(ns)
	return strings.Join(ns, ", ")
}

// index fills Program.Vars/Constants and VarDecl.Index for the root.
func (p *Program) index() {
	for _, m := range p.Order {
		for _, v := range m.Variables {
			v.Index = -1
		}
	}
	seen := map[*Module]bool{}
	var walk func(m *Module)
	walk = func(m *Module) {
		if seen[m] {
			return
		}
		seen[m] = true
		for _, e := range m.ExtendsMods {
			walk(e)
		}
		for _, v := range m.Variables {
			v.Index = len(p.Vars)
			p.Vars = append(p.Vars, v)
		}
		p.Constants = append(p.Constants, m.Constants...)
	}
	walk(p.Root)
}

func (ld *loader) libNote() string {
	if len(ld.lib) == 0 {
		return ""
	}
	return " and " + strings.Join(ld.lib, ", ")
}
