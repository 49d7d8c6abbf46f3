package bench

import "fmt"

// Sizes of DESIGN.md §7: every request is 16 + (something % 1009) bytes,
// so 16..1024.
const (
	minSize   = 16
	sizeRange = 1009
)

// slotOp performs one random_mixed operation with generator output r on the
// slot array: if slot r%len(slot) holds a block, read its first byte and free
// it, else allocate 16 + (r>>16)%1009 bytes and write its first byte. It is
// shared by random_mixed and larson so the two cannot drift apart.
func slotOp(h Heap, slot [][]byte, r uint64, cs *Checksum) error {
	k := r % uint64(len(slot))
	if b := slot[k]; b != nil {
		cs.mix(freeEvent(k, b[0]))
		slot[k] = nil
		if err := h.Free(b); err != nil {
			return fmt.Errorf("free of slot %d (%d bytes): %w", k, len(b), err)
		}
		return nil
	}
	n := minSize + (r>>16)%sizeRange
	b, err := h.Alloc(int(n))
	if err != nil {
		return fmt.Errorf("alloc of %d bytes for slot %d: %w", n, k, err)
	}
	if len(b) < int(n) {
		return fmt.Errorf("alloc of %d bytes for slot %d returned only %d bytes", n, k, len(b))
	}
	b[0] = firstByte(r)
	slot[k] = b
	cs.mix(allocEvent(k, n))
	return nil
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

// randomMixed runs random_mixed ITER SLOTS SEED (DESIGN.md §7) on one heap,
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
	for i := 0; i < iters; i++ {
		if err := slotOp(h, slot, rng.Next(), &cs); err != nil {
			clk.stop()
			return cs, fmt.Errorf("random_mixed op %d: %w", i, err)
		}
	}
	clk.stop()
	return cs, freeSlots(h, slot)
}
