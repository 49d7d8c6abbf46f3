package bench

import (
	"fmt"
	"testing"
	"unsafe"
)

// scratchLines replays cache_scratch's allocations for two threads one after
// the other (the main heap allocates a size-byte block per thread; thread t
// frees it, then allocates the block it will write) and returns an error
// when a thread's block shares a 64-byte cache line with the other thread's
// or with a block the main heap handed out: the passive false sharing the
// workload is about.
func scratchLines(a Allocator, size int) error {
	main := a.NewHeap()
	defer main.Close()
	var first [2][]byte
	for t := range first {
		b, err := allocN(main, size)
		if err != nil {
			return err
		}
		first[t] = b
	}
	line := func(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) / 64 }
	mainLines := map[uintptr]bool{line(first[0]): true, line(first[1]): true}
	var got [2][]byte
	for t := range got {
		h := a.NewHeap()
		defer h.Close()
		if err := h.Free(first[t]); err != nil {
			return err
		}
		b, err := allocN(h, size)
		if err != nil {
			return err
		}
		defer h.Free(b)
		got[t] = b
		if mainLines[line(b)] {
			return fmt.Errorf("thread %d's block %p is on a cache line of a block the main heap handed out", t, unsafe.SliceData(b))
		}
	}
	if line(got[0]) == line(got[1]) {
		return fmt.Errorf("the two threads' blocks %p and %p share a cache line", unsafe.SliceData(got[0]), unsafe.SliceData(got[1]))
	}
	return nil
}

// packed hands out consecutive 16-byte pieces of one array to every heap
// and never reuses them: the false sharing scratchLines must find.
type packed struct {
	mem  [4096]byte
	next int
}

func (p *packed) NewHeap() Heap { return packedHeap{p} }
func (p *packed) Close() error  { return nil }

type packedHeap struct{ p *packed }

func (h packedHeap) Alloc(n int) ([]byte, error) {
	b := h.p.mem[h.p.next : h.p.next+n : h.p.next+16]
	h.p.next += 16
	return b, nil
}
func (packedHeap) Free([]byte) error { return nil }
func (packedHeap) Close()            {}

// veralloc gives each heap blocks of its own slabs, so cache_scratch's
// threads never write one cache line (tcmalloc's ratio on that cell is what
// reusing the main heap's freed block costs).
func TestCacheScratchBlocksShareNoLine(t *testing.T) {
	for _, size := range []int{1, 8, 64} {
		a, err := Open("veralloc")
		if err != nil {
			t.Fatal(err)
		}
		if err := scratchLines(a, size); err != nil {
			t.Errorf("veralloc, %d-byte blocks: %v", size, err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := scratchLines(&packed{}, 1); err == nil {
		t.Error("an allocator packing every heap's blocks into one array passed")
	}
}
