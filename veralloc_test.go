//go:build linux

package veralloc_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"expvar"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/veralloc/veralloc"
)

func newAlloc(t *testing.T, o veralloc.Options) *veralloc.Allocator {
	t.Helper()
	a, err := veralloc.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// exported lists every exported identifier of the root package's non-test
// files (for every build tag), methods as Type.Method.
func exported(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	var names []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if !d.Name.IsExported() {
					continue
				}
				if d.Recv != nil {
					rt := d.Recv.List[0].Type
					if s, ok := rt.(*ast.StarExpr); ok {
						rt = s.X
					}
					names = append(names, rt.(*ast.Ident).Name+"."+d.Name.Name)
				} else {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							names = append(names, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								names = append(names, n.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(names)
	return names
}

// The front door shows what a user needs and none of the verification
// machinery of impl.
func TestExportedSet(t *testing.T) {
	want := []string{
		"Alloc", "AllocSlice", "Allocator", "Allocator.Close", "Allocator.Err", "Allocator.NewHeap",
		"Allocator.Publish", "Allocator.Stats", "Allocator.Trim", "Buffer", "Buffer.Bytes", "Buffer.Cap",
		"Buffer.Free", "Buffer.Grow", "Buffer.Len", "Buffer.Read", "Buffer.Reset", "Buffer.String",
		"Buffer.Truncate", "Buffer.Write", "Buffer.WriteByte", "Buffer.WriteRune", "Buffer.WriteString",
		"Buffer.WriteTo", "ClassStats", "ErrBadSize", "ErrClosed", "ErrCorrupt", "ErrDoubleFree",
		"ErrForeign", "ErrHasPointers", "ErrHeapClosed", "ErrInUse", "ErrNotAllocated", "ErrNotBlockStart",
		"ErrOutOfMemory", "Error", "Free", "FreeSlice", "Heap", "Heap.Alloc", "Heap.Close", "Heap.Free",
		"Heap.Realloc", "New", "NewBuffer", "Options", "Stats",
	}
	got := exported(t)
	if !slices.Equal(got, want) {
		t.Errorf("exported identifiers:\n got %q\nwant %q", got, want)
	}
	for _, bad := range []string{"Inspect", "Snapshot", "SlabState", "LocateAddr", "Locate", "SlabBase",
		"EnableFault", "StartTrace", "TraceBuild", "Check"} {
		for _, g := range got {
			if g == bad || strings.HasSuffix(g, "."+bad) {
				t.Errorf("%s is exported by the front door", g)
			}
		}
	}
}

func TestAllocFreeClose(t *testing.T) {
	a := newAlloc(t, veralloc.Options{})
	h := a.NewHeap()
	b, err := h.Alloc(100)
	if err != nil || len(b) != 100 || cap(b) != 100 {
		t.Fatalf("Alloc(100) = len %d cap %d, %v", len(b), cap(b), err)
	}
	if err := h.Free(b); err != nil {
		t.Fatal(err)
	}
	if err := h.Free(b); !errors.Is(err, veralloc.ErrDoubleFree) {
		t.Errorf("second Free: %v, want ErrDoubleFree", err)
	}
	if err := h.Free(make([]byte, 8)); !errors.Is(err, veralloc.ErrForeign) {
		t.Errorf("Free of a Go slice: %v, want ErrForeign", err)
	}
	var e *veralloc.Error
	if _, err := h.Alloc(-1); !errors.As(err, &e) || !errors.Is(err, veralloc.ErrBadSize) {
		t.Errorf("Alloc(-1): %v", err)
	}
	if err := a.Close(); !errors.Is(err, veralloc.ErrInUse) {
		t.Errorf("Close with an open heap: %v, want ErrInUse", err)
	}
	h.Close()
	if _, err := h.Alloc(1); !errors.Is(err, veralloc.ErrHeapClosed) {
		t.Errorf("Alloc on a closed heap: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); !errors.Is(err, veralloc.ErrClosed) {
		t.Errorf("second Close: %v, want ErrClosed", err)
	}
}

func addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

func TestRealloc(t *testing.T) {
	a := newAlloc(t, veralloc.Options{})
	h := a.NewHeap()
	b, _ := h.Alloc(100)
	copy(b, "hello")
	// In place up to the class's block size (112 for 100 bytes).
	g, err := h.Realloc(b, 112)
	if err != nil || addr(g) != addr(b) || len(g) != 112 || cap(g) != 112 {
		t.Fatalf("Realloc(100 -> 112): moved %v, len %d cap %d, %v", addr(g) != addr(b), len(g), cap(g), err)
	}
	s, err := h.Realloc(g, 10)
	if err != nil || addr(s) != addr(b) || len(s) != 10 || cap(s) != 112 {
		t.Fatalf("Realloc(112 -> 10): moved %v, len %d cap %d, %v", addr(s) != addr(b), len(s), cap(s), err)
	}
	// Growing past it moves, keeps the bytes and frees the old block.
	m, err := h.Realloc(b, 5000)
	if err != nil || addr(m) == addr(b) || len(m) != 5000 || cap(m) != 5120 || string(m[:5]) != "hello" {
		t.Fatalf("Realloc(-> 5000): moved %v, len %d cap %d %q, %v", addr(m) != addr(b), len(m), cap(m), m[:5], err)
	}
	if err := h.Free(b); !errors.Is(err, veralloc.ErrDoubleFree) {
		t.Errorf("the old block after a moving Realloc: Free says %v, want ErrDoubleFree", err)
	}
	if _, err := h.Realloc(b, 1); !errors.Is(err, veralloc.ErrNotAllocated) {
		t.Errorf("Realloc of a freed block: %v, want ErrNotAllocated", err)
	}
	if _, err := h.Realloc(make([]byte, 4), 8); !errors.Is(err, veralloc.ErrForeign) {
		t.Errorf("Realloc of a Go slice: %v, want ErrForeign", err)
	}
	if _, err := h.Realloc(m[1:], 8); !errors.Is(err, veralloc.ErrNotBlockStart) {
		t.Errorf("Realloc inside a block: %v, want ErrNotBlockStart", err)
	}
	// Large blocks: in place within the mapping's pages.
	l, err := h.Realloc(m, 100000)
	if err != nil || cap(l) < 100000 || string(l[:5]) != "hello" {
		t.Fatalf("Realloc(-> 100000): cap %d, %v", cap(l), err)
	}
	l2, err := h.Realloc(l, cap(l))
	if err != nil || addr(l2) != addr(l) {
		t.Fatalf("large Realloc within cap moved (%v)", err)
	}
	n, err := h.Realloc(nil, 30)
	if err != nil || len(n) != 30 || cap(n) != 32 {
		t.Fatalf("Realloc(nil, 30) = len %d cap %d, %v", len(n), cap(n), err)
	}
	for _, x := range [][]byte{l2, n} {
		if err := h.Free(x); err != nil {
			t.Fatal(err)
		}
	}
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestBuffer(t *testing.T) {
	a := newAlloc(t, veralloc.Options{})
	h := a.NewHeap()
	buf := veralloc.NewBuffer(h)
	var ref bytes.Buffer
	for i := 0; i < 3000; i++ {
		s := fmt.Sprintf("line %d\n", i)
		fmt.Fprint(buf, s) // through io.Writer
		ref.WriteString(s)
		if i%7 == 0 {
			buf.WriteByte('#')
			ref.WriteByte('#')
			buf.WriteRune('é')
			ref.WriteRune('é')
		}
	}
	if !bytes.Equal(buf.Bytes(), ref.Bytes()) || buf.Len() != ref.Len() {
		t.Fatalf("buffer holds %d bytes, want %d (equal %v)", buf.Len(), ref.Len(), bytes.Equal(buf.Bytes(), ref.Bytes()))
	}
	if st := a.Stats(); st.LargeBlocks != 1 {
		t.Errorf("a %d-byte buffer: %d large blocks, want 1", buf.Len(), st.LargeBlocks)
	}
	head := make([]byte, 10)
	if n, err := io.ReadFull(buf, head); n != 10 || err != nil || string(head) != "line 0\n#é" {
		t.Fatalf("Read: %q %v", head[:n], err)
	}
	var out bytes.Buffer
	if _, err := buf.WriteTo(&out); err != nil || out.String() != ref.String()[10:] {
		t.Fatalf("WriteTo: %d bytes, %v", out.Len(), err)
	}
	buf.Reset()
	buf.WriteString("again")
	buf.Truncate(3)
	if buf.String() != "aga" {
		t.Errorf("after Reset, WriteString, Truncate: %q", buf.String())
	}
	if err := buf.Free(); err != nil {
		t.Fatal(err)
	}
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatalf("Close after Buffer.Free: %v", err)
	}
}

type point struct {
	X, Y int64
	Tag  [8]byte
	W    [3]float64
}

type named struct {
	ID   int
	Name string
}

type nested struct {
	A [2]struct{ P *int }
}

func TestTyped(t *testing.T) {
	a := newAlloc(t, veralloc.Options{})
	h := a.NewHeap()
	// Dirty a block of point's class first, so that zeroing is observable.
	d, _ := h.Alloc(int(unsafe.Sizeof(point{})))
	for i := range d {
		d[i] = 0xff
	}
	h.Free(d)
	p, err := veralloc.Alloc[point](h)
	if err != nil {
		t.Fatal(err)
	}
	if *p != (point{}) {
		t.Errorf("Alloc[point] is not zeroed: %+v", *p)
	}
	p.X, p.W[2] = 7, 1.5
	s, err := veralloc.AllocSlice[uint32](h, 1000)
	if err != nil || len(s) != 1000 || cap(s) != 1000 {
		t.Fatalf("AllocSlice: len %d cap %d, %v", len(s), cap(s), err)
	}
	for i := range s {
		if s[i] != 0 {
			t.Fatalf("AllocSlice not zeroed at %d", i)
		}
		s[i] = uint32(i)
	}
	for _, c := range []struct {
		err  error
		want string
	}{
		{func() error { _, err := veralloc.Alloc[named](h); return err }(), "Name is a string"},
		{func() error { _, err := veralloc.Alloc[nested](h); return err }(), "A[0].P is a ptr"},
		{func() error { _, err := veralloc.AllocSlice[[]byte](h, 3); return err }(), "it is a slice"},
		{func() error { _, err := veralloc.Alloc[any](h); return err }(), "it is a interface"},
	} {
		if !errors.Is(c.err, veralloc.ErrHasPointers) || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("typed allocation of a type with pointers: %v, want ErrHasPointers naming %q", c.err, c.want)
		}
	}
	if _, err := veralloc.AllocSlice[int](h, -1); !errors.Is(err, veralloc.ErrBadSize) {
		t.Errorf("AllocSlice(-1): %v", err)
	}
	if err := veralloc.Free(h, p); err != nil {
		t.Fatal(err)
	}
	if err := veralloc.Free(h, p); !errors.Is(err, veralloc.ErrDoubleFree) {
		t.Errorf("second Free[point]: %v", err)
	}
	if err := veralloc.FreeSlice(h, s[:10]); err != nil {
		t.Fatal(err)
	}
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

var hexAddr = regexp.MustCompile(`0x[0-9a-f]+`)

func TestLeakReport(t *testing.T) {
	a := newAlloc(t, veralloc.Options{})
	h1, h2 := a.NewHeap(), a.NewHeap()
	var live []uintptr
	for i := 0; i < 3; i++ {
		b, _ := h2.Alloc(100)
		live = append(live, addr(b))
	}
	big, _ := h1.Alloc(100000)
	h1.Close()
	h2.Close()
	err := a.Close()
	if !errors.Is(err, veralloc.ErrInUse) {
		t.Fatalf("Close with live blocks: %v", err)
	}
	msg := err.Error()
	for _, p := range live {
		if !strings.Contains(msg, fmt.Sprintf("class 6 (size 112) at %#x", p)) {
			t.Errorf("leak report does not name the block at %#x:\n%s", p, msg)
		}
	}
	if strings.Count(msg, "allocated by heap 2") != 3 {
		t.Errorf("leak report does not name heap 2 for each small block:\n%s", msg)
	}
	if !strings.Contains(msg, fmt.Sprintf("large block of 100000 bytes at %#x, allocated by heap 1", addr(big))) {
		t.Errorf("leak report does not name the large block:\n%s", msg)
	}
	if !strings.Contains(msg, "3 small block(s) and 1 large block(s)") {
		t.Errorf("leak report counts: %s", msg)
	}
	// More than five: the first five are named and the rest counted.
	h := a.NewHeap()
	for i := 0; i < 10; i++ {
		h.Alloc(16)
	}
	h.Close()
	msg = a.Close().Error()
	if n := len(hexAddr.FindAllString(msg, -1)); n != 5 || !strings.Contains(msg, "and 9 more") {
		t.Errorf("14 live blocks: %d addresses named, want 5 and \"and 9 more\":\n%s", n, msg)
	}
}

// TestLeakReportAfterAdoption: in a slab that changed owners each block is
// named by the heap that allocated it (heap ids are given in order of
// NewHeap, from 1).
func TestLeakReportAfterAdoption(t *testing.T) {
	a := newAlloc(t, veralloc.Options{})
	h1, h2 := a.NewHeap(), a.NewHeap()
	x1, _ := h1.Alloc(100)
	h1.Close()
	x2, _ := h2.Alloc(100) // adopts h1's orphaned slab
	h2.Close()
	msg := a.Close().Error()
	slabs := map[string]bool{}
	for _, c := range []struct {
		p  uintptr
		id int
	}{{addr(x1), 1}, {addr(x2), 2}} {
		m := regexp.MustCompile(fmt.Sprintf(`at %#x, slab (\S+) block \d+, allocated by heap %d(;|$)`, c.p, c.id)).FindStringSubmatch(msg)
		if m == nil {
			t.Errorf("leak report does not name heap %d for the block at %#x:\n%s", c.id, c.p, msg)
			continue
		}
		slabs[m[1]] = true
	}
	if len(slabs) != 1 {
		t.Errorf("the blocks are in slabs %v; the test needs one slab that changed owners", slabs)
	}
}

// A heap dropped without Close is reported and closed by its cleanup; the
// allocator can then close.
func TestDroppedHeap(t *testing.T) {
	reports := make(chan string, 4)
	a := newAlloc(t, veralloc.Options{Report: func(m string) { reports <- m }})
	kept := func() []byte {
		h := a.NewHeap()
		b, _ := h.Alloc(64)
		for i := 0; i < 100; i++ {
			x, _ := h.Alloc(64)
			h.Free(x)
		}
		return b // the heap is dropped here
	}()
	var msg string
	deadline := time.Now().Add(10 * time.Second)
	for msg == "" && time.Now().Before(deadline) {
		runtime.GC()
		select {
		case msg = <-reports:
		case <-time.After(10 * time.Millisecond):
		}
	}
	if !strings.Contains(msg, "heap 1 was dropped without Close") {
		t.Fatalf("no report of the dropped heap within 10 s (got %q)", msg)
	}
	if st := a.Stats(); st.Heaps != 0 {
		t.Errorf("after the cleanup %d heaps are open", st.Heaps)
	}
	h := a.NewHeap()
	if err := h.Free(kept); err != nil {
		t.Fatalf("freeing a block of the dropped heap: %v", err)
	}
	h.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-reports:
		t.Errorf("a closed heap was reported: %s", m)
	default:
	}
}

// A closed heap is not reported when dropped.
func TestClosedHeapNotReported(t *testing.T) {
	reports := make(chan string, 4)
	a := newAlloc(t, veralloc.Options{Report: func(m string) { reports <- m }})
	func() { a.NewHeap().Close() }()
	for i := 0; i < 5; i++ {
		runtime.GC()
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case m := <-reports:
		t.Errorf("a closed heap was reported: %s", m)
	default:
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestStatsAndExpvar(t *testing.T) {
	// Batch 1, no cache list and no local batches of remote frees: every
	// block not in the user's hands is on its slab's freelist or remote
	// stack, so the figures are exact. 64 KiB slabs: 1000 blocks of 112
	// bytes fill two.
	a := newAlloc(t, veralloc.Options{SlabSize: 64 << 10, Batch: 1, SllMax: -1, RemoteBatch: -1})
	h := a.NewHeap()
	var bs [][]byte
	for i := 0; i < 1000; i++ {
		b, _ := h.Alloc(100)
		bs = append(bs, b)
	}
	for i := 0; i < 10; i++ {
		b, _ := h.Alloc(3000)
		bs = append(bs, b)
	}
	big, _ := h.Alloc(1 << 20)
	st := a.Stats()
	find := func(st veralloc.Stats, size int) veralloc.ClassStats {
		for _, c := range st.Classes {
			if c.Size == size {
				return c
			}
		}
		return veralloc.ClassStats{}
	}
	c112, c3072 := find(st, 112), find(st, 3072)
	if c112.BlocksInUse != 1000 || c112.BytesInUse != 112000 || c112.Slabs != 2 || c112.BytesMapped != 2*65536 {
		t.Errorf("class 112: %+v, want 1000 blocks, 112000 bytes in use, 2 slabs of 64 KiB", c112)
	}
	if c3072.BlocksInUse != 10 || c3072.BytesInUse != 30720 || c3072.BytesMapped != 65536 {
		t.Errorf("class 3072: %+v", c3072)
	}
	large := int64(1<<20 + 4096) // the request and a page for the header
	if st.LargeBlocks != 1 || st.LargeBytesMapped != large {
		t.Errorf("large: %d blocks, %d bytes mapped; want 1, %d", st.LargeBlocks, st.LargeBytesMapped, large)
	}
	if st.BytesInUse != 112000+30720+large || st.BytesMapped < st.BytesInUse {
		t.Errorf("totals: in use %d, mapped %d", st.BytesInUse, st.BytesMapped)
	}
	if err := a.Publish("veralloc_test"); err != nil {
		t.Fatal(err)
	}
	if err := a.Publish("veralloc_test"); err == nil {
		t.Error("Publish of a taken name succeeded")
	}
	var pub veralloc.Stats
	if err := json.Unmarshal([]byte(expvar.Get("veralloc_test").String()), &pub); err != nil {
		t.Fatal(err)
	}
	if pub.BytesInUse != st.BytesInUse || find(pub, 112).BlocksInUse != 1000 {
		t.Errorf("expvar: in use %d, class 112 %d blocks", pub.BytesInUse, find(pub, 112).BlocksInUse)
	}
	for _, b := range bs[:500] {
		h.Free(b)
	}
	if c := find(a.Stats(), 112); c.BlocksInUse != 500 {
		t.Errorf("after 500 frees class 112 has %d blocks in use", c.BlocksInUse)
	}
	// Remote frees (through another heap) leave the count at once too.
	h2 := a.NewHeap()
	for _, b := range bs[500:] {
		h2.Free(b)
	}
	h2.Free(big)
	if st := a.Stats(); st.BytesInUse != 0 {
		t.Errorf("after every free: %d bytes in use (%+v)", st.BytesInUse, st.Classes)
	}
	h.Close()
	h2.Close()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}

// The non-Linux file stops the build with the message a user can act on.
func TestNonLinuxMessage(t *testing.T) {
	for _, f := range []string{"unsupported.go", "impl/unsupported.go"} {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		af, err := parser.ParseFile(fset, f, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		expr, err := constraint.Parse(strings.SplitN(string(src), "\n", 2)[0])
		if err != nil || expr.Eval(func(tag string) bool { return tag == "linux" }) ||
			!expr.Eval(func(tag string) bool { return tag == "darwin" }) {
			t.Errorf("%s: build constraint %v must select every system but Linux", f, expr)
		}
		var msgs []string
		conf := types.Config{Importer: importer.Default(), Error: func(err error) { msgs = append(msgs, err.Error()) }}
		conf.Check(af.Name.Name, fset, []*ast.File{af}, nil)
		if len(msgs) != 1 || !strings.Contains(msgs[0], `"veralloc needs Linux (mmap, madvise)"`) {
			t.Errorf("%s: compiler errors %q, want one with the message", f, msgs)
		}
	}
}
