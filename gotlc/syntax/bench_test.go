package syntax

import (
	goparser "go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkLoadAllocator parses and resolves tla/MCAllocator.tla with the
// modules it uses (Allocator, AllocatorAbstract), from memory.
func BenchmarkLoadAllocator(b *testing.B) {
	files := map[string][]byte{}
	total := 0
	for _, name := range []string{"MCAllocator", "Allocator", "AllocatorAbstract"} {
		src, err := os.ReadFile(filepath.Join("../../tla", name+".tla"))
		if err != nil {
			b.Skipf("tla/%s.tla not available: %v", name, err)
		}
		files[name] = src
		total += len(src)
	}
	read := func(name string) (string, []byte, error) {
		src, ok := files[name]
		if !ok {
			return "", nil, os.ErrNotExist
		}
		return name + ".tla", src, nil
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadSource("MCAllocator.tla", files["MCAllocator"], read); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPeerGoParser is the yardstick for BenchmarkLoadAllocator: the Go
// standard library's parser on this package's own expr.go (bytes per second
// are comparable; go/parser does no name resolution).
func BenchmarkPeerGoParser(b *testing.B) {
	src, err := os.ReadFile("expr.go")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		fs := gotoken.NewFileSet()
		if _, err := goparser.ParseFile(fs, "expr.go", src, goparser.SkipObjectResolution); err != nil {
			b.Fatal(err)
		}
	}
}
