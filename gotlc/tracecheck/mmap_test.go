//go:build unix

package tracecheck

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestCheckFileMapsTheTrace: CheckFile maps a regular trace file (mapFile)
// and gives the result Check gives on the same bytes read from a reader; an
// empty file or a pipe is not mapped (it is read).
func TestCheckFileMapsTheTrace(t *testing.T) {
	tr := genTrace(t, modelConsts(), 3000, 5)
	file := filepath.Join(t.TempDir(), "t.ndjson")
	if err := os.WriteFile(file, tr, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	data, unmap, ok := mapFile(f)
	f.Close()
	if !ok || !bytes.Equal(data, tr) {
		t.Fatalf("mapFile of a regular file: ok %v, %d bytes (want %d)", ok, len(data), len(tr))
	}
	unmap()
	mapped, err := CheckFile(allocatorSpec, file, Options{})
	if err != nil || !mapped.OK() {
		t.Fatalf("CheckFile: %v %+v", err, mapped)
	}
	read, err := Check(allocatorSpec, bytes.NewReader(tr), Options{})
	if err != nil || !read.OK() {
		t.Fatalf("Check: %v %+v", err, read)
	}
	if mapped.Events != read.Events || mapped.Events == 0 || !reflect.DeepEqual(mapped.PerAction, read.PerAction) {
		t.Fatalf("CheckFile: %d events %v; Check: %d events %v", mapped.Events, mapped.PerAction, read.Events, read.PerAction)
	}
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	ef, _ := os.Open(empty)
	defer ef.Close()
	if _, _, ok := mapFile(ef); ok {
		t.Fatal("an empty file was mapped")
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	if _, _, ok := mapFile(pr); ok {
		t.Fatal("a pipe was mapped")
	}
}
