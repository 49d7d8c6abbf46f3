package impl

import (
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

var atomicDoc = regexp.MustCompile(`(?i)\batomic(ally)?\b`)

// inspectNodes calls visit for every node of type T in f.
func inspectNodes[T ast.Node](f *ast.File, visit func(T)) {
	ast.Inspect(f, func(n ast.Node) bool {
		if x, ok := n.(T); ok {
			visit(x)
		}
		return true
	})
}

// atomicFields returns the fields of impl's struct types, of a basic type
// (what sync/atomic's functions operate on), whose own comment says they
// are atomic.
func atomicFields(info *types.Info, files []*ast.File) map[*types.Var]string {
	out := map[*types.Var]string{}
	for _, f := range files {
		inspectNodes(f, func(ts *ast.TypeSpec) {
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return
			}
			for _, fl := range st.Fields.List {
				for _, name := range fl.Names {
					// The field's own comment: its line comment, or a doc
					// comment that starts with its name.
					text := fl.Comment.Text()
					if d := fl.Doc.Text(); strings.HasPrefix(d, name.Name+" ") {
						text += d
					}
					if !atomicDoc.MatchString(text) {
						continue
					}
					v, _ := info.Defs[name].(*types.Var)
					if v == nil {
						continue
					}
					if _, ok := v.Type().(*types.Basic); !ok {
						continue // atomic.Int64 and friends are atomic by type; sync/atomic's functions take basic types
					}
					out[v] = ts.Name.Name + "." + name.Name
				}
			}
		})
	}
	return out
}

// plainAccesses lists the uses of fields that are not &x.f passed to a
// function of sync/atomic.
func plainAccesses(fset *token.FileSet, info *types.Info, files []*ast.File, fields map[*types.Var]string) []string {
	var bad []string
	for _, f := range files {
		okSel := map[*ast.SelectorExpr]bool{}
		inspectNodes(f, func(call *ast.CallExpr) {
			fn, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return
			}
			pkg, ok := fn.X.(*ast.Ident)
			if !ok {
				return
			}
			if pn, ok := info.Uses[pkg].(*types.PkgName); !ok || pn.Imported().Path() != "sync/atomic" {
				return
			}
			for _, arg := range call.Args {
				if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.AND {
					if sel, ok := ast.Unparen(u.X).(*ast.SelectorExpr); ok {
						okSel[sel] = true
					}
				}
			}
		})
		inspectNodes(f, func(sel *ast.SelectorExpr) {
			s := info.Selections[sel]
			if s == nil || s.Kind() != types.FieldVal {
				return
			}
			v, _ := s.Obj().(*types.Var)
			if name, watched := fields[v]; watched && !okSel[sel] {
				bad = append(bad, fset.Position(sel.Pos()).String()+": "+name+" (documented atomic) accessed without sync/atomic")
			}
		})
	}
	sort.Strings(bad)
	return bad
}

func loadImpl(t *testing.T, dir string) (*token.FileSet, *types.Info, []*ast.File) {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		// The files of the default build (build constraints as go build sees them).
		if ok, err := build.Default.MatchFile(dir, filepath.Base(n)); err != nil || !ok {
			continue
		}
		f, err := parser.ParseFile(fset, n, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("github.com/veralloc/veralloc/impl", fset, files, info); err != nil {
		t.Fatalf("type-checking impl: %v", err)
	}
	return fset, info, files
}

// TestAtomicFieldsAccessedAtomically: every field of impl whose comment
// documents it as atomic is read and written only through sync/atomic (as
// &x.f passed to an atomic function), in the default build. In the default
// build the slab records live in mmapped memory, where the race detector
// does not look; under -race they are on the Go heap (records_race.go,
// TestRaceDetectorSeesSlabRecords), but the detector reports only the
// interleavings a run produces, so this static check covers every access.
func TestAtomicFieldsAccessedAtomically(t *testing.T) {
	fset, info, files := loadImpl(t, ".")
	fields := atomicFields(info, files)
	if len(fields) < 4 {
		t.Fatalf("found %d fields documented as atomic, want at least slab.owner, slab.orphaned, slab.remote, superslab.totalActive", len(fields))
	}
	for _, b := range plainAccesses(fset, info, files, fields) {
		t.Error(b)
	}
}

// The checker itself: a plain read of a field documented atomic is
// reported, the atomic accesses are not.
func TestAtomicFieldsCheckerCatchesPlainAccess(t *testing.T) {
	const src = `package p

import "sync/atomic"

type rec struct {
	head uint64 // the stack's head (atomic)
	n    int    // plain
}

func ok(r *rec) uint64 { atomic.AddUint64(&r.head, 1); r.n++; return atomic.LoadUint64(&(r.head)) }

func racy(r *rec) uint64 { return r.head }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	files := []*ast.File{f}
	bad := plainAccesses(fset, info, files, atomicFields(info, files))
	if len(bad) != 1 || !strings.Contains(bad[0], "p.go:12:") || !strings.Contains(bad[0], "rec.head") {
		t.Fatalf("reports %q, want one, for the plain read on line 12", bad)
	}
}
