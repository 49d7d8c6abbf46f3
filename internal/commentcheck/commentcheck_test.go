package commentcheck

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/repo"
)

// tree is what the module declares: its files, its packages' names and
// what each declares, the members of each type, the tests.
type tree struct {
	root      string
	files     map[string]bool // slash paths relative to root
	basenames map[string]bool
	pkgDecls  map[string]map[string]bool // package name -> declared identifiers (and Type.Member)
	members   map[string]bool            // "Type.Member", any package
	types     map[string]bool
	tests     map[string]bool // Test*, Benchmark*, Example*, Fuzz* functions
}

func moduleRoot(t *testing.T) string {
	dir, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func skipDir(rel string) bool {
	base := filepath.Base(rel)
	return base == ".git" || base == "out" || base == "testdata" || base == "node_modules"
}

// walkFiles calls fn with the path and the slash path relative to root of
// every file under root outside the directories skipDir names.
func walkFiles(root string, fn func(p, rel string) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && skipDir(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		return fn(p, rel)
	})
}

// loadTree parses every Go file under root (outside testdata and out).
func loadTree(t *testing.T, root string) (*tree, map[string]*ast.File, *token.FileSet) {
	tr := &tree{root: root, files: map[string]bool{}, basenames: map[string]bool{},
		pkgDecls: map[string]map[string]bool{}, members: map[string]bool{}, types: map[string]bool{}, tests: map[string]bool{}}
	fset := token.NewFileSet()
	parsed := map[string]*ast.File{}
	err := walkFiles(root, func(p, rel string) error {
		tr.files[rel] = true
		tr.basenames[filepath.Base(p)] = true
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		parsed[rel] = f
		tr.declare(f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tr, parsed, fset
}

func (tr *tree) declare(f *ast.File) {
	pkg := strings.TrimSuffix(f.Name.Name, "_test")
	decls := tr.pkgDecls[pkg]
	if decls == nil {
		decls = map[string]bool{}
		tr.pkgDecls[pkg] = decls
	}
	add := func(name string) { decls[name] = true }
	member := func(typ, m string) {
		tr.members[typ+"."+m] = true
		decls[typ+"."+m] = true
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			name := d.Name.Name
			if d.Recv != nil && len(d.Recv.List) == 1 {
				member(recvType(d.Recv.List[0].Type), name)
				continue
			}
			add(name)
			for _, p := range []string{"Test", "Benchmark", "Example", "Fuzz"} {
				if strings.HasPrefix(name, p) {
					tr.tests[name] = true
				}
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					add(s.Name.Name)
					tr.types[s.Name.Name] = true
					switch ty := s.Type.(type) {
					case *ast.StructType:
						for _, fl := range ty.Fields.List {
							for _, n := range fl.Names {
								member(s.Name.Name, n.Name)
							}
							if len(fl.Names) == 0 { // embedded
								member(s.Name.Name, recvType(fl.Type))
							}
						}
					case *ast.InterfaceType:
						for _, m := range ty.Methods.List {
							for _, n := range m.Names {
								member(s.Name.Name, n.Name)
							}
						}
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						add(n.Name)
					}
				}
			}
		}
	}
}

func recvType(x ast.Expr) string {
	switch x := x.(type) {
	case *ast.StarExpr:
		return recvType(x.X)
	case *ast.IndexExpr:
		return recvType(x.X)
	case *ast.IndexListExpr:
		return recvType(x.X)
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return ""
}

var (
	// a file path ending in .go (or a spec or config of tla/): bare
	// (heap.go) or with directories (impl/heap.go).
	fileRe = regexp.MustCompile(`(?:^|[\s(\x60'"])((?:[\w.-]+/)*[A-Za-z][\w-]*\.(?:go|tla|cfg))\b`)
	testRe = regexp.MustCompile(`\b((?:Test|Benchmark|Fuzz)[A-Z0-9_]\w*|Example[A-Z_]\w*)`)
	// (*T).M or (T).M
	methodRe = regexp.MustCompile(`\(\*?([A-Za-z_]\w*)\)\.([A-Za-z_]\w*)`)
	// X.Y where X is a type or a package of the module
	selRe = regexp.MustCompile(`\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b`)
)

// problems lists the references of text (found in file rel) that name
// nothing in the module.
func (tr *tree) problems(rel, text string) []string {
	var out []string
	dir := filepath.ToSlash(filepath.Dir(rel))
	for _, m := range fileRe.FindAllStringSubmatch(text, -1) {
		if !tr.fileExists(dir, m[1]) {
			out = append(out, "names file "+m[1]+", which does not exist")
		}
	}
	text = fileRe.ReplaceAllString(text, " ")
	for _, m := range testRe.FindAllStringSubmatch(text, -1) {
		if !tr.tests[m[1]] {
			out = append(out, "names test "+m[1]+", which is not declared")
		}
	}
	for _, m := range methodRe.FindAllStringSubmatch(text, -1) {
		if tr.types[m[1]] && !tr.members[m[1]+"."+m[2]] {
			out = append(out, "names ("+m[1]+")."+m[2]+", which is not declared")
		}
	}
	text = methodRe.ReplaceAllString(text, " ")
	for _, m := range selRe.FindAllStringSubmatchIndex(text, -1) {
		x, y := text[m[2]:m[3]], text[m[4]:m[5]]
		if m[0] > 0 && (text[m[0]-1] == '.' || text[m[0]-1] == '/') {
			continue // the tail of a longer chain or path
		}
		switch {
		case tr.pkgDecls[x] != nil && !isStdLike(x):
			if !tr.pkgDecls[x][y] && !tr.members[y] {
				out = append(out, "names "+x+"."+y+", which package "+x+" does not declare")
			}
		case tr.types[x] && isUpper(x) && !tr.members[x+"."+y]:
			out = append(out, "names "+x+"."+y+", which type "+x+" does not have")
		}
	}
	return out
}

// isStdLike: package names of the module that are also common words or
// standard packages, whose X.Y in prose is rarely about the module.
func isStdLike(p string) bool {
	switch p {
	case "main", "value", "check", "syntax", "models", "bench", "spec":
		return true
	}
	return false
}

func isUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

func (tr *tree) fileExists(dir, name string) bool {
	if strings.ContainsAny(name, "*{") {
		return true
	}
	switch strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)) {
	case "M", "Name", "X", "FILE": // placeholders (M.tla: a module named M)
		return true
	}
	if !strings.Contains(name, "/") {
		return tr.basenames[name]
	}
	if tr.files[name] || tr.files[filepath.ToSlash(filepath.Join(dir, name))] {
		return true
	}
	for f := range tr.files { // a path given from a package directory (tracecheck/spec.go)
		if strings.HasSuffix(f, "/"+name) {
			return true
		}
	}
	return false
}

// TestCommentsNameWhatExists: every comment of the module's Go files that
// names a Go file (heap.go, impl/heap.go), a test function (Test, Benchmark,
// Example or Fuzz followed by a name), a method or field ((*Heap).Alloc,
// Allocator.Check) or a package member (impl.New) names one that is
// declared. This is the
// mechanical part of keeping comments true; the rest is review.
func TestCommentsNameWhatExists(t *testing.T) {
	root := moduleRoot(t)
	tr, parsed, fset := loadTree(t, root)
	var bad []string
	for rel, f := range parsed {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				for _, p := range tr.problems(rel, c.Text) {
					bad = append(bad, fset.Position(c.Pos()).String()[len(root)+1:]+": "+p)
				}
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// The checker itself: each kind of dangling reference is reported, and
// references that exist are not.
func TestCheckerCatchesDanglingNames(t *testing.T) {
	tr := &tree{files: map[string]bool{"impl/heap.go": true}, basenames: map[string]bool{"heap.go": true},
		pkgDecls: map[string]map[string]bool{"impl": {"New": true, "Heap": true}},
		members:  map[string]bool{"Heap.Alloc": true}, types: map[string]bool{"Heap": true},
		tests: map[string]bool{"TestStress": true}}
	for _, c := range []struct {
		text string
		want string // "" = no problem
	}{
		{"// see heap.go and impl/heap.go", ""},
		{"// see trace_stub.go", "names file trace_stub.go"},
		{"// see impl/gone.go", "names file impl/gone.go"},
		{"// TestStress checks it", ""},
		{"// TestGone checks it", "names test TestGone"},
		{"// BenchmarkTraceHooksOff measures it", "names test BenchmarkTraceHooksOff"},
		{"// (*Heap).Alloc pops", ""},
		{"// (*Heap).Prepare pops", "names (Heap).Prepare"},
		{"// Heap.Alloc and impl.New", ""},
		{"// Heap.Gone", "names Heap.Gone"},
		{"// impl.Command runs it", "names impl.Command"},
	} {
		got := strings.Join(tr.problems("impl/x.go", c.text), "; ")
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%q: problems %q, want %q", c.text, got, c.want)
		}
	}
}
