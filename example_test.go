//go:build linux

package veralloc_test

import (
	"fmt"

	"github.com/veralloc/veralloc"
)

func Example() {
	a, err := veralloc.New(veralloc.Options{})
	if err != nil {
		panic(err)
	}
	h := a.NewHeap() // one heap per goroutine
	b, _ := h.Alloc(100)
	n := copy(b, "off the Go heap")
	fmt.Println(string(b[:n]), len(b), cap(b))
	b, _ = h.Realloc(b, 110) // in place: the 100-byte request has a 112-byte block
	fmt.Println(len(b), cap(b))
	_ = h.Free(b)
	h.Close()
	fmt.Println(a.Close())
	// Output:
	// off the Go heap 100 100
	// 110 112
	// <nil>
}

func ExampleBuffer() {
	a, _ := veralloc.New(veralloc.Options{})
	h := a.NewHeap()
	buf := veralloc.NewBuffer(h)
	for i := 0; i < 3; i++ {
		fmt.Fprintf(buf, "row %d;", i)
	}
	fmt.Println(buf.String())
	_ = buf.Free() // one call gives the memory back
	h.Close()
	fmt.Println(a.Close())
	// Output:
	// row 0;row 1;row 2;
	// <nil>
}

func ExampleAlloc() {
	type particle struct{ X, Y, VX, VY float32 }
	a, _ := veralloc.New(veralloc.Options{})
	h := a.NewHeap()
	p, _ := veralloc.Alloc[particle](h) // zeroed, outside the Go heap
	p.VX = 1
	ps, _ := veralloc.AllocSlice[particle](h, 1000)
	ps[999] = *p
	fmt.Println(ps[999].VX, len(ps))
	_, err := veralloc.Alloc[struct{ Name string }](h)
	fmt.Println(err)
	_ = veralloc.Free(h, p)
	_ = veralloc.FreeSlice(h, ps)
	h.Close()
	fmt.Println(a.Close())
	// Output:
	// 1 1000
	// veralloc: Alloc[struct { Name string }]: type contains Go pointers (the garbage collector does not scan veralloc blocks) (Name is a string)
	// <nil>
}
