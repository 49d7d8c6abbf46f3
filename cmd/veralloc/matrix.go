package main

import (
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
)

// The tests column of the traceability matrix: which tests of impl/, spec/
// and linearize/ reach each action's function, ranked by how directly they
// exercise it.

// testRef is a test (or example) that reaches an action's function.
type testRef struct {
	Pkg   string // impl, spec, linearize
	Name  string
	File  string // relative to the repository root
	Line  int
	Tag   string // the build constraint its file needs ("faults", "race", ...), "" when none
	Score int    // 3: named after the action; 2: its body calls the function; 1: reaches it through other calls
	Depth int    // calls from the test's body to the function (1 = direct)
}

// String is the test's name as the matrix prints it.
func (t testRef) String() string {
	s := t.Pkg + "." + t.Name
	if t.Tag != "" {
		s += " [" + t.Tag + "]"
	}
	return s
}

// testPackages are the directories whose tests the matrix scans.
var testPackages = []string{"impl", "spec", "linearize"}

// testGraph is a call graph of the scanned packages, resolved by package
// and name (see callsIn).
type testGraph struct {
	calls map[string]map[string]bool // "pkg:name" (test helpers "test:pkg:name") -> the keys it may call
	tests []testNode
	depth []map[string]int // per test, its depths (computed once)
}

type testNode struct {
	ref    testRef
	called map[string]bool
}

// scanTests parses the Go files of the test packages under root. Calls are
// resolved by package and name (see callsIn), not by type, so
// reachability over-approximates: a test may be listed for a method of the
// same name on another type.
func scanTests(root string) (*testGraph, error) {
	g := &testGraph{calls: map[string]map[string]bool{}}
	fset := token.NewFileSet()
	for _, pkg := range testPackages {
		files, err := filepath.Glob(filepath.Join(root, pkg, "*.go"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			af, err := parser.ParseFile(fset, f, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			isTest := strings.HasSuffix(f, "_test.go")
			tag := buildTag(af)
			imports := moduleImports(af)
			rel, _ := filepath.Rel(root, f)
			for _, d := range af.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
					// A package-level table of functions (spec/'s action
					// table) calls what it holds for whoever names it.
					for _, sp := range gd.Specs {
						vs := sp.(*ast.ValueSpec)
						for _, n := range vs.Names {
							key := pkg + ":" + n.Name
							if isTest {
								key = "test:" + key
							}
							for _, v := range vs.Values {
								for c := range callsIn(v, pkg, imports) {
									if g.calls[key] == nil {
										g.calls[key] = map[string]bool{}
									}
									g.calls[key][c] = true
								}
							}
						}
					}
					continue
				}
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				called := callsIn(fd.Body, pkg, imports)
				name := pkg + ":" + fd.Name.Name
				if isTest && fd.Recv == nil && (strings.HasPrefix(fd.Name.Name, "Test") || strings.HasPrefix(fd.Name.Name, "Example")) {
					g.tests = append(g.tests, testNode{ref: testRef{Pkg: pkg, Name: fd.Name.Name, File: rel,
						Line: fset.Position(fd.Pos()).Line, Tag: tag}, called: called})
					continue
				}
				if isTest {
					name = "test:" + name
				}
				if g.calls[name] == nil {
					g.calls[name] = map[string]bool{}
				}
				for c := range called {
					g.calls[name][c] = true
				}
			}
		}
	}
	sort.Slice(g.tests, func(i, j int) bool {
		a, b := g.tests[i].ref, g.tests[j].ref
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		return a.Name < b.Name
	})
	return g, nil
}

// buildTag returns the build constraint of a file as written after
// //go:build, without the linux tag every file of these packages may
// carry, or "".
func buildTag(af *ast.File) string {
	for _, cg := range af.Comments {
		if cg.Pos() > af.Package {
			break
		}
		for _, c := range cg.List {
			if constraint.IsGoBuild(c.Text) {
				x, err := constraint.Parse(c.Text)
				if err != nil || x.String() == "linux" {
					return ""
				}
				return x.String()
			}
		}
	}
	return ""
}

// moduleImports maps the names under which a file imports the scanned
// packages (github.com/veralloc/veralloc/impl, ...) to the package.
func moduleImports(af *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range af.Imports {
		path := strings.Trim(im.Path.Value, `"`)
		for _, p := range testPackages {
			if path == "github.com/veralloc/veralloc/"+p {
				name := p
				if im.Name != nil {
					name = im.Name.Name
				}
				m[name] = p
			}
		}
	}
	return m
}

// callsIn lists the functions a body of package pkg may call (or take as a
// method value), as "pkg:name" keys: f(...) is pkg's f; p.f(...) with p an
// imported scanned package is that package's f; any other x.f(...) is a
// method f of pkg or of a scanned package the file imports; a bare name x
// may also be a package-level variable of pkg (a table of functions).
func callsIn(body ast.Node, pkg string, imports map[string]string) map[string]bool {
	called := map[string]bool{}
	sel := func(x ast.Expr, name string) {
		if id, ok := x.(*ast.Ident); ok {
			if p, ok := imports[id.Name]; ok {
				called[p+":"+name] = true
				return
			}
		}
		called[pkg+":"+name] = true
		for _, p := range imports {
			called[p+":"+name] = true
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch t := n.(type) {
		case *ast.Ident: // a package-level variable it reads (only those have entries)
			called[pkg+":"+t.Name] = true
		case *ast.CallExpr:
			switch fn := t.Fun.(type) {
			case *ast.Ident:
				called[pkg+":"+fn.Name] = true
			case *ast.IndexExpr: // generic call f[T](...)
				if id, ok := fn.X.(*ast.Ident); ok {
					called[pkg+":"+id.Name] = true
				}
			}
		case *ast.SelectorExpr:
			sel(t.X, t.Sel.Name)
		}
		return true
	})
	return called
}

// words splits a Go name into its words: FreeRemoteCas -> Free
// Remote Cas.
func words(name string) []string {
	var out []string
	start := 0
	for i := 1; i <= len(name); i++ {
		if i == len(name) || name[i] == '_' || (name[i] >= 'A' && name[i] <= 'Z' && !(name[i-1] >= 'A' && name[i-1] <= 'Z')) {
			if w := strings.Trim(name[start:i], "_"); w != "" {
				out = append(out, w)
			}
			start = i
		}
	}
	return out
}

// namedAfter reports whether a test's name contains the action's words in
// order, e.g. TestFreeRemoteCasRetry is named after FreeRemote and
// FreeRemoteCas, TestAllocFreeBasic after Alloc (not ExampleAllocator_Inspect).
func namedAfter(test, action string) bool {
	tw, aw := words(test), words(action)
	for i := 0; i+len(aw) <= len(tw); i++ {
		ok := true
		for j := range aw {
			if !strings.EqualFold(tw[i+j], aw[j]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// depths returns, for a test, the number of calls from its body to each
// reachable function name (breadth first).
func (g *testGraph) depths(tn testNode) map[string]int {
	d := map[string]int{}
	var frontier []string
	visit := func(name string, depth int) {
		for _, k := range []string{name, "test:" + name} {
			if strings.HasPrefix(k, "test:") && !strings.HasPrefix(k, "test:"+tn.ref.Pkg+":") {
				continue // another package's test helper
			}
			if _, seen := d[k]; !seen && g.calls[k] != nil {
				d[k] = depth
				frontier = append(frontier, k)
			}
		}
	}
	for c := range tn.called {
		visit(c, 1)
	}
	for len(frontier) > 0 {
		next := frontier
		frontier = nil
		for _, n := range next {
			for c := range g.calls[n] {
				visit(c, d[n]+1)
			}
		}
	}
	return d
}

// rankTests returns, per action, the tests from which one of its
// functions (keys "impl:name", "spec:name": package and bare name) is reachable, most direct first: tests named
// after the action, then tests whose body calls the function, then the
// rest by call depth; ties by package (impl, linearize, spec) and name.
func (g *testGraph) rankTests(action string, funcs []string) []testRef {
	var out []testRef
	if g.depth == nil {
		g.depth = make([]map[string]int, len(g.tests))
		for i, tn := range g.tests {
			g.depth[i] = g.depths(tn)
		}
	}
	for i, tn := range g.tests {
		d := g.depth[i]
		best := 0
		for _, f := range funcs {
			if k, ok := d[f]; ok && (best == 0 || k < best) {
				best = k
			}
		}
		if best == 0 {
			continue
		}
		r := tn.ref
		r.Depth = best
		switch {
		case namedAfter(r.Name, action):
			r.Score = 3
		case best == 1:
			r.Score = 2
		default:
			r.Score = 1
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Depth != b.Depth {
			return a.Depth < b.Depth
		}
		if a.Pkg != b.Pkg {
			return a.Pkg < b.Pkg
		}
		return a.Name < b.Name
	})
	return out
}

// perPackage counts tests by package, e.g. "impl 20, linearize 4, spec 2".
func perPackage(ts []testRef) string {
	n := map[string]int{}
	for _, t := range ts {
		n[t.Pkg]++
	}
	var parts []string
	for _, p := range []string{"impl", "linearize", "spec"} {
		if n[p] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", p, n[p]))
		}
	}
	return strings.Join(parts, ", ")
}
