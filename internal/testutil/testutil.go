// Package testutil holds what the project's tests share: reading fixture
// files and scanning Go sources for "// spec: Module!Action" markers. It is
// imported by _test.go files only.
package testutil

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/veralloc/veralloc/internal/cputime"
)

// ReadFile returns the text of path; a missing or unreadable file fails tb.
func ReadFile(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// File is one file matched by Glob: its path and its text.
type File struct {
	Path, Text string
}

// Glob reads every file that pattern matches (filepath.Glob order); an
// unreadable file fails tb.
func Glob(tb testing.TB, pattern string) []File {
	tb.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]File, len(paths))
	for i, p := range paths {
		out[i] = File{p, ReadFile(tb, p)}
	}
	return out
}

// Marker is a "// spec: Module!Action" line of a Go source file.
type Marker struct {
	File           string
	Line           int // 1-based
	Module, Action string
}

func (m Marker) String() string { return m.Module + "!" + m.Action }

var marker = regexp.MustCompile(`^\s*// spec: (\w+)!(\w+)\s*$`)

// SpecMarkers returns the spec markers of the non-test .go files of dir, in
// file and line order. It fails tb for a marker that is not on the line
// before a func, and for a malformed one (a "// spec:" comment outside a
// string literal that does not have the marker's form).
func SpecMarkers(tb testing.TB, dir string) []Marker {
	tb.Helper()
	var out []Marker
	for _, f := range Glob(tb, filepath.Join(dir, "*.go")) {
		if strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		lines := strings.Split(f.Text, "\n")
		for i, l := range lines {
			m := marker.FindStringSubmatch(l)
			if m == nil {
				if strings.Contains(l, "// spec:") && !strings.Contains(l, "\"") {
					tb.Errorf("%s:%d: malformed marker %q", f.Path, i+1, strings.TrimSpace(l))
				}
				continue
			}
			k := Marker{File: f.Path, Line: i + 1, Module: m[1], Action: m[2]}
			if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "func ") {
				tb.Errorf("%s:%d: marker for %v is not on the line before a func", f.Path, i+1, k)
			}
			out = append(out, k)
		}
	}
	return out
}

// WriteDir writes files (name -> text) into a new temporary directory of tb
// and returns the directory; a failed write fails tb.
func WriteDir(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// ReportRate reports n units (events, states) done by b as unit/s of wall
// time and unit/cpu-s of process CPU time since cpu0 (a cputime.Process
// reading taken before the work): the machine is shared, so a benchmark
// shows both.
func ReportRate(b *testing.B, n int, cpu0 time.Duration, unit string) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), unit+"/s")
	b.ReportMetric(float64(n)/(cputime.Process()-cpu0).Seconds(), unit+"/cpu-s")
}

// Within runs f on a new goroutine and waits at most d for it to return:
// it returns what f returned, or fails tb with msg when d passes first
// (f's goroutine is left running).
func Within[T any](tb testing.TB, d time.Duration, msg string, f func() T) T {
	tb.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(d):
		tb.Fatal(msg)
		panic("unreachable")
	}
}

// Go starts f(0) .. f(n-1), each on a goroutine of its own; the function it
// returns waits for them all.
func Go(n int, f func(i int)) (wait func()) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
	return wg.Wait
}
