package bench

import (
	"fmt"

	"github.com/veralloc/veralloc/impl"
)

// Sizes of docs/design.md §7: every request is 16 + (something % 1009) bytes,
// so 16..1024.
const (
	minSize   = 16
	sizeRange = 1009
)

// slotOps performs iters random_mixed operations on the slot array, with
// generator outputs taken from rng: for output r, if slot r%len(slot) holds a
// block, read its first byte and free it, else allocate 16 + (r>>16)%1009
// bytes and write its first byte. It returns the number of operations done
// (less than iters only with an error). random_mixed and larson both use it,
// so the two cannot drift apart.
//
// The C harness calls malloc and free directly, and a Go program calls
// veralloc's methods directly, so for veralloc and for the floor the loop
// runs on the concrete heap type (slotOpsVera, slotOpsFloor); the others go
// through the Heap interface (slotOpsIface). An interface call costs about
// 1.4 CPU ns an op on this loop (vera-iface against veralloc in
// bench/README.md) and keeps Free from being inlined; a generic loop does not
// help (its method calls go through a dictionary). The three loops differ only
// in the type of h; TestSlotOpsCopiesAgree checks that they leave the same
// slots and checksum.
func slotOps(h Heap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error) {
	switch c := h.(type) {
	case *impl.Heap:
		return slotOpsVera(c, slot, rng, iters, cs)
	case *floorHeap:
		return slotOpsFloor(c, slot, rng, iters, cs)
	}
	return slotOpsIface(h, slot, rng, iters, cs)
}

// slotOpsIface is slotOps through the Heap interface.
func slotOpsIface(h Heap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error) {
	g, sum := *rng, *cs // in registers for the loop
	defer func() { *rng, *cs = g, sum }()
	for i := 0; i < iters; i++ {
		r := g.Next()
		k := r % uint64(len(slot))
		if b := slot[k]; b != nil {
			sum.mix(freeEvent(k, b[0]))
			slot[k] = nil
			if err := h.Free(b); err != nil {
				return i, freeErr(k, b, err)
			}
			continue
		}
		n := reqSize(r)
		b, err := h.Alloc(n)
		if err != nil || len(b) < n {
			return i, allocErr(k, n, b, err)
		}
		b[0] = firstByte(r)
		slot[k] = b
		sum.mix(allocEvent(k, uint64(n)))
	}
	return iters, nil
}

// slotOpsVera is slotOps on a veralloc heap.
func slotOpsVera(h *impl.Heap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error) {
	g, sum := *rng, *cs // in registers for the loop
	defer func() { *rng, *cs = g, sum }()
	for i := 0; i < iters; i++ {
		r := g.Next()
		k := r % uint64(len(slot))
		if b := slot[k]; b != nil {
			sum.mix(freeEvent(k, b[0]))
			slot[k] = nil
			if err := h.Free(b); err != nil {
				return i, freeErr(k, b, err)
			}
			continue
		}
		n := reqSize(r)
		b, err := h.Alloc(n)
		if err != nil || len(b) < n {
			return i, allocErr(k, n, b, err)
		}
		b[0] = firstByte(r)
		slot[k] = b
		sum.mix(allocEvent(k, uint64(n)))
	}
	return iters, nil
}

// slotOpsFloor is slotOps on a floor heap (the harness's own cost).
func slotOpsFloor(h *floorHeap, slot [][]byte, rng *Rand, iters int, cs *Checksum) (int, error) {
	g, sum := *rng, *cs // in registers for the loop
	defer func() { *rng, *cs = g, sum }()
	for i := 0; i < iters; i++ {
		r := g.Next()
		k := r % uint64(len(slot))
		if b := slot[k]; b != nil {
			sum.mix(freeEvent(k, b[0]))
			slot[k] = nil
			if err := h.Free(b); err != nil {
				return i, freeErr(k, b, err)
			}
			continue
		}
		n := reqSize(r)
		b, err := h.Alloc(n)
		if err != nil || len(b) < n {
			return i, allocErr(k, n, b, err)
		}
		b[0] = firstByte(r)
		slot[k] = b
		sum.mix(allocEvent(k, uint64(n)))
	}
	return iters, nil
}

// reqSize is the request size of generator output r: 16 + (r>>16)%1009.
func reqSize(r uint64) int { return int(minSize + (r>>16)%sizeRange) }

// freeErr and allocErr build slotOps's errors out of line, so the loop keeps
// its registers.
//
//go:noinline
func freeErr(k uint64, b []byte, err error) error {
	return fmt.Errorf("free of slot %d (%d bytes): %w", k, len(b), err)
}

//go:noinline
func allocErr(k uint64, n int, b []byte, err error) error {
	if err != nil {
		return fmt.Errorf("alloc of %d bytes for slot %d: %w", n, k, err)
	}
	return fmt.Errorf("alloc of %d bytes for slot %d returned only %d bytes", n, k, len(b))
}

// freeSlots frees every block still held in slot through h (not timed, not
// part of the checksum) and clears the slots.
func freeSlots(h Heap, slot [][]byte) error {
	for k, b := range slot {
		if b == nil {
			continue
		}
		slot[k] = nil
		if err := h.Free(b); err != nil {
			return fmt.Errorf("final free of slot %d: %w", k, err)
		}
	}
	return nil
}

// newSlotArrays returns n empty slot arrays of slots slots each, with their
// memory already touched, so that Run can count them in RSS-before: the RSS
// figures are then about the allocator, not about the workload's own arrays.
func newSlotArrays(n, slots int) [][][]byte {
	arrays := make([][][]byte, n)
	for i := range arrays {
		arrays[i] = make([][]byte, slots)
		for k := range arrays[i] {
			arrays[i][k] = nil // touch every page (a fresh large make may be untouched)
		}
	}
	return arrays
}

// randomMixed runs random_mixed ITER SLOTS SEED (docs/design.md §7) on one heap,
// SLOTS being len(slot) (slot must be empty). One iteration is one op. Blocks
// still live at the end are freed after the clock stops.
func randomMixed(a Allocator, slot [][]byte, iters int, seed uint64, clk *clock) (Checksum, error) {
	if len(slot) == 0 {
		return 0, fmt.Errorf("random_mixed: slots must be positive, got 0")
	}
	h := a.NewHeap()
	defer h.Close()
	rng := NewRand(seed)
	cs := newChecksum()
	clk.start()
	i, err := slotOps(h, slot, &rng, iters, &cs)
	clk.stop()
	if err != nil {
		return cs, fmt.Errorf("random_mixed op %d: %w", i, err)
	}
	return cs, freeSlots(h, slot)
}
