package impl_test

import (
	"errors"
	"fmt"

	"github.com/veralloc/veralloc/impl"
)

func Example() {
	a, err := impl.New(impl.Options{})
	if err != nil {
		panic(err)
	}
	h := a.NewHeap() // one heap per goroutine
	b, err := h.Alloc(100)
	if err != nil {
		panic(err)
	}
	n := copy(b, "off the Go heap")
	fmt.Println(string(b[:n]), len(b))
	if err := h.Free(b); err != nil {
		panic(err)
	}
	h.Close()
	fmt.Println(a.Close())
	// Output:
	// off the Go heap 100
	// <nil>
}

// A block allocated by one goroutine may be freed by another through its
// own heap: a lock-free remote free.
func Example_remoteFree() {
	a, _ := impl.New(impl.Options{})
	blocks := make(chan []byte, 16)
	done := make(chan struct{})
	go func() {
		h := a.NewHeap()
		for b := range blocks {
			if err := h.Free(b); err != nil {
				panic(err)
			}
		}
		h.Close()
		close(done)
	}()
	h := a.NewHeap()
	for i := 0; i < 1000; i++ {
		b, _ := h.Alloc(64)
		b[0] = byte(i)
		blocks <- b
	}
	close(blocks)
	<-done
	h.Close()
	st := a.Stats()
	fmt.Println("remote frees:", st.Classes[a.ClassOf(64)].RemotePushes)
	fmt.Println(a.Close())
	// Output:
	// remote frees: 1000
	// <nil>
}

// Misuse is reported with the address, class and slab involved.
func ExampleHeap_Free_doubleFree() {
	a, _ := impl.New(impl.Options{})
	h := a.NewHeap()
	b, _ := h.Alloc(513)
	_ = h.Free(b)
	err := h.Free(b)
	var e *impl.Error
	if errors.As(err, &e) {
		fmt.Println(errors.Is(err, impl.ErrDoubleFree), e.Class, e.Size, e.Index)
	}
	fmt.Println(errors.Is(h.Free(make([]byte, 8)), impl.ErrForeign))
	// Output:
	// true 16 640 1
	// true
}

// Inspect shows the real state of one size class in the TLA+ spec's
// vocabulary; here with the model's constants (3 blocks per slab, batch 2).
func ExampleAllocator_Inspect() {
	a, _ := impl.New(impl.Options{SlabSize: 4096, SlabBlocks: 3, Batch: 2, SllMax: 2, SlabsPerSuperslab: 2})
	h := a.NewHeap()
	b, _ := h.Alloc(16) // AcquireSlab, Refill (carves 2 blocks), Alloc (pops one)
	snap := a.Inspect(a.ClassOf(16))
	s := snap.Slabs[0]
	fmt.Printf("slab %v: Carved %d Used %d Owner %d Freelist %v Remote %v\n", s.ID, s.Carved, s.Used, s.Owner, s.Freelist, s.Remote)
	hs := snap.Heaps[0]
	fmt.Printf("heap %d: Current %v Sll %v SllCount %d\n", hs.ID, *hs.Current, hs.Sll, hs.SllCount)
	r, _ := a.Locate(b)
	fmt.Println("block", r)
	// Output:
	// slab 0/1: Carved 2 Used 2 Owner 1 Freelist [] Remote []
	// heap 1: Current 0/1 Sll [<<0/1, 2>>] SllCount 1
	// block <<0/1, 1>>
}
