package syntax

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/veralloc/veralloc/internal/testutil"
)

// sanyPreludeHead starts every module given to SANY.
const sanyPreludeHead = "---- MODULE T ----\nEXTENDS Naturals, Integers, Sequences, FiniteSets, TLC\n"

// sanyCases are the bodies compared with SANY: every table case of this
// package (expressions, precedence conflicts, layout).
func sanyCases() []string {
	var cs []string
	for _, c := range exprCases {
		cs = append(cs, c.src)
	}
	cs = append(cs, precedenceErrors...)
	for _, c := range layoutCases {
		cs = append(cs, c.src)
	}
	// The operator pairs of TestPrecedencePairs: all that parse, and every
	// seventh conflict (each conflict costs a SANY run).
	conflicts := 0
	add := func(src string) {
		if _, err := ParseExpr("p.tla", src); err != nil {
			conflicts++
			if conflicts%7 != 0 {
				return
			}
		}
		cs = append(cs, src)
	}
	for _, a := range bookInfix {
		for _, b := range bookInfix {
			add("x " + a.src + " y " + b.src + " z")
		}
	}
	for _, p := range bookPrefix {
		for _, b := range bookInfix {
			add(p.src + "x " + b.src + " z")
		}
	}
	return cs
}

// caseNames returns the names a case uses freely (with the number of
// arguments they are applied to) and the names it binds; ok is false when
// the case cannot be compared in isolation (instance paths, or a name used
// with two arities).
func caseNames(body string) (free map[string]int, bound map[string]bool, ok bool) {
	free, bound = map[string]int{}, map[string]bool{}
	e, err := ParseExpr("T.tla", body)
	if err != nil {
		return free, bound, true // a parse error: nothing to declare
	}
	ok = true
	use := func(name string, arity int) {
		if strings.Contains(name, "!") {
			ok = false
			return
		}
		c := name[0]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return // operator symbols: left undeclared
		}
		if LookupBuiltin(name) != BNone {
			return
		}
		if old, seen := free[name]; seen && old != arity {
			ok = false
		}
		free[name] = arity
	}
	bindAll := func(vs []*BoundVar) {
		for _, v := range vs {
			bound[v.Name] = true
		}
	}
	var visit func(n Node) bool
	visit = func(n Node) bool {
		bindAll(BoundVars(n))
		switch x := n.(type) {
		case *OpApp:
			use(x.Op.Name, len(x.Args))
			for _, a := range x.Args {
				Inspect(a, visit)
			}
			return false // the operator's own Ref is not a 0-ary use
		case *Ref:
			use(x.Name, 0)
		case *Lambda:
			for _, p := range x.Params {
				bound[p.Name] = true
			}
		case *Let:
			for _, d := range x.Defs {
				bound[d.Name] = true
				for _, p := range d.Params {
					bound[p.Name] = true
				}
				if _, isFn := d.Body.(*FuncCons); isFn && d.IsFunc {
					bindAll(BoundVars(d.Body))
				}
			}
		}
		return true
	}
	Inspect(e, visit)
	for n := range bound {
		delete(free, n)
	}
	return free, bound, ok
}

// sanyBatch is a set of cases that can share one module: no name is free
// in one and bound in another.
type sanyBatch struct {
	free   map[string]int
	bound  map[string]bool
	bodies []string
}

func (b *sanyBatch) fits(free map[string]int, bound map[string]bool) bool {
	for n, a := range free {
		if b.bound[n] {
			return false
		}
		if old, ok := b.free[n]; ok && old != a {
			return false
		}
	}
	for n := range bound {
		if _, ok := b.free[n]; ok {
			return false
		}
	}
	return true
}

func (b *sanyBatch) add(body string, free map[string]int, bound map[string]bool) {
	for n, a := range free {
		b.free[n] = a
	}
	for n := range bound {
		b.bound[n] = true
	}
	b.bodies = append(b.bodies, body)
}

// module renders the batch as a module: free names become CONSTANTS.
func (b *sanyBatch) module() string {
	var sb strings.Builder
	sb.WriteString(sanyPreludeHead)
	var names []string
	for n := range b.free {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		decl := n
		if a := b.free[n]; a > 0 {
			decl += "(" + strings.TrimSuffix(strings.Repeat("_, ", a), ", ") + ")"
		}
		fmt.Fprintf(&sb, "CONSTANT %s\n", decl)
	}
	for i, body := range b.bodies {
		fmt.Fprintf(&sb, "Def%d ==\n%s\n", i, body)
	}
	sb.WriteString("====\n")
	return sb.String()
}

// sanyAccepts runs SANY on a module and reports whether it accepted it.
func sanyAccepts(jar, dir string, i int, text string) (bool, string, error) {
	sub := filepath.Join(dir, fmt.Sprint(i))
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return false, "", err
	}
	if err := os.WriteFile(filepath.Join(sub, "T.tla"), []byte(text), 0o644); err != nil {
		return false, "", err
	}
	cmd := exec.Command("java", "-cp", jar, "tla2sany.SANY", "T.tla")
	cmd.Dir = sub
	out, _ := cmd.CombinedOutput()
	o := string(out)
	if !strings.Contains(o, "Parsing file") {
		return false, o, fmt.Errorf("SANY did not run: %s", o)
	}
	rejected := strings.Contains(o, "***Parse Error***") || strings.Contains(o, "Semantic errors") ||
		strings.Contains(o, "Could not parse") || strings.Contains(o, "Fatal errors")
	return !rejected, o, nil
}

// TestAgreesWithSANY checks, for every table case, that gotlc's front end
// (parser and resolver) accepts exactly what SANY, the TLA+ tools' parser,
// accepts. Each case's free names are declared as CONSTANTS. Cases gotlc
// accepts are packed into a few modules (one SANY run each; on a mismatch
// the batch is rerun case by case to name the culprit); each case gotlc
// rejects needs its own run, since SANY stops at the first error. It needs
// TLA2TOOLS (the path of tla2tools.jar) and java, and takes about a minute.
func TestAgreesWithSANY(t *testing.T) {
	jar := os.Getenv("TLA2TOOLS")
	if jar == "" || os.Getenv("GOTLC_SANY") == "" {
		t.Skip("set TLA2TOOLS (tla2tools.jar) and GOTLC_SANY=1 to compare with SANY (about 40 SANY runs, 1-2 minutes)")
	}
	if testing.Short() {
		t.Skip("-short: skipping the comparison with SANY")
	}
	if _, err := exec.LookPath("java"); err != nil {
		t.Skip("java not found: skipping the comparison with SANY")
	}
	dir := t.TempDir()
	var batches []*sanyBatch
	var rejected []*sanyBatch
	skipped := 0
	unicode := 0
	for _, body := range sanyCases() {
		if !isASCII(body) {
			// SANY 2.1 (tla2tools 2.18) has no Unicode support; gotlc's
			// Unicode operators are an extension.
			unicode++
			continue
		}
		free, bound, ok := caseNames(body)
		if !ok {
			skipped++
			continue
		}
		single := &sanyBatch{free: map[string]int{}, bound: map[string]bool{}}
		single.add(body, free, bound)
		if _, err := LoadSource("T.tla", []byte(single.module()), nil); err != nil {
			rejected = append(rejected, single)
			continue
		}
		placed := false
		for _, b := range batches {
			if b.fits(free, bound) {
				b.add(body, free, bound)
				placed = true
				break
			}
		}
		if !placed {
			batches = append(batches, single)
		}
	}
	// All runs, two at a time: first the batches, then the rejected cases.
	jobs := append(append([]*sanyBatch{}, batches...), rejected...)
	type result struct {
		ok  bool
		out string
		err error
	}
	results := make([]result, len(jobs))
	sem := make(chan struct{}, 2)
	testutil.Go(len(jobs), func(i int) {
		sem <- struct{}{}
		defer func() { <-sem }()
		ok, out, err := sanyAccepts(jar, dir, i, jobs[i].module())
		results[i] = result{ok, out, err}
	})()
	run := len(jobs)
	accepted := 0
	for i, b := range jobs {
		r := results[i]
		if r.err != nil {
			t.Fatal(r.err)
		}
		if i >= len(batches) { // a case gotlc rejects
			if r.ok {
				_, err := LoadSource("T.tla", []byte(b.module()), nil)
				t.Errorf("gotlc rejects %q (%v), SANY accepts it", b.bodies[0], err)
			}
			continue
		}
		accepted += len(b.bodies)
		if r.ok {
			continue
		}
		// Find the case(s) SANY rejects, by bisection.
		var bisect func(bodies []string) int
		bisect = func(bodies []string) int {
			nb := &sanyBatch{free: map[string]int{}, bound: map[string]bool{}}
			for _, body := range bodies {
				free, bound, _ := caseNames(body)
				nb.add(body, free, bound)
			}
			ok, out, err := sanyAccepts(jar, dir, run, nb.module())
			run++
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				return 0
			}
			if len(bodies) == 1 {
				t.Errorf("gotlc accepts %q, SANY rejects it:\n%s", bodies[0], out)
				return 1
			}
			h := len(bodies) / 2
			return bisect(bodies[:h]) + bisect(bodies[h:])
		}
		h := len(b.bodies) / 2
		if len(b.bodies) == 1 || bisect(b.bodies[:h])+bisect(b.bodies[h:]) == 0 {
			if len(b.bodies) == 1 {
				t.Errorf("gotlc accepts %q, SANY rejects it:\n%s", b.bodies[0], r.out)
			} else {
				t.Errorf("SANY rejects a batch whose halves it accepts:\n%s\n%s", b.module(), r.out)
			}
		}
	}
	t.Logf("compared %d cases with SANY in %d runs: %d accepted by both, %d rejected by both; skipped %d with instance paths and %d with Unicode",
		accepted+len(rejected), run, accepted, len(rejected), skipped, unicode)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
