package impl

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
)

// leakMode runs a leak-report test in checked mode (the report reads the
// allocating-heap table) and in the default mode (it reads the slabs'
// tenure chains): both must name the exact heap.
func leakMode(t *testing.T, slabBlocks int, body func(t *testing.T, a *Allocator)) {
	for _, checks := range []bool{false, true} {
		t.Run(fmt.Sprintf("checks=%v", checks), func(t *testing.T) {
			body(t, small(t, func(o *Options) { o.Checks, o.SlabBlocks = checks, slabBlocks }))
		})
	}
}

var leakLine = regexp.MustCompile(`at (0x[0-9a-f]+), slab [0-9/]+ block [0-9]+, allocated by heap ([0-9]+)`)

// closeReport closes a (every heap closed) and returns, per leaked small
// block address, the heap its report names.
func closeReport(t *testing.T, a *Allocator) map[uintptr]uint32 {
	t.Helper()
	err := a.Close()
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("Close with live blocks: %v", err)
	}
	got := map[uintptr]uint32{}
	for _, m := range leakLine.FindAllStringSubmatch(err.Error(), -1) {
		p, _ := strconv.ParseUint(m[1][2:], 16, 64)
		id, _ := strconv.Atoi(m[2])
		got[uintptr(p)] = uint32(id)
	}
	return got
}

// wantLeaks checks that the report names each block's allocating heap.
func wantLeaks(t *testing.T, got map[uintptr]uint32, want map[*[]byte]*Heap) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("report names %d blocks, want %d: %v", len(got), len(want), got)
	}
	for b, h := range want {
		p := addrOf(*b)
		if id, ok := got[p]; !ok {
			t.Errorf("block %#x not in the report %v", p, got)
		} else if id != h.ID() {
			t.Errorf("block %#x: report says heap %d, allocated by heap %d", p, id, h.ID())
		}
	}
}

// sameSlab fails unless every block is in the slab of the first.
func sameSlab(t *testing.T, a *Allocator, bs ...[]byte) {
	t.Helper()
	for _, b := range bs[1:] {
		if ref(t, a, b).Slab != ref(t, a, bs[0]).Slab {
			t.Fatal("blocks in different slabs; the test needs one slab that changes owners")
		}
	}
}

// allocAt allocates from h until it hands out the block at address p
// (freeing nothing: the others are returned by the caller's Close report
// being checked only for p's block).
func allocAt(t *testing.T, h *Heap, p uintptr) (got []byte, others [][]byte) {
	t.Helper()
	for range 64 {
		b := mustAlloc(t, h, 16)
		if addrOf(b) == p {
			return b, others
		}
		others = append(others, b)
	}
	t.Fatalf("heap %d never handed out %#x again", h.ID(), p)
	return nil, nil
}

// TestLeakReportFirstOwnerAndAdopter: a block the first owner left live
// and one the adopter allocated are named by their heaps.
func TestLeakReportFirstOwnerAndAdopter(t *testing.T) {
	leakMode(t, 3, func(t *testing.T, a *Allocator) {
		h1, h2 := a.NewHeap(), a.NewHeap()
		x1 := mustAlloc(t, h1, 16)
		h1.Close()
		x2 := mustAlloc(t, h2, 16) // adopts h1's orphan
		sameSlab(t, a, x1, x2)
		h2.Close()
		wantLeaks(t, closeReport(t, a), map[*[]byte]*Heap{&x1: h1, &x2: h2})
	})
}

// TestLeakReportLocalFreeThenRealloc: a block the first owner allocated,
// freed by the adopter on its own path and handed out again, is the
// adopter's.
func TestLeakReportLocalFreeThenRealloc(t *testing.T) {
	leakMode(t, 8, func(t *testing.T, a *Allocator) {
		h1, h2 := a.NewHeap(), a.NewHeap()
		x1, y1 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
		h1.Close()
		z2 := mustAlloc(t, h2, 16)
		sameSlab(t, a, x1, y1, z2)
		p := addrOf(y1)
		mustFree(t, h2, y1) // local: h2 owns the slab now
		y2 := mustAlloc(t, h2, 16)
		if addrOf(y2) != p {
			t.Fatalf("h2 handed out %#x, not the block it just freed %#x", addrOf(y2), p)
		}
		h2.Close()
		wantLeaks(t, closeReport(t, a), map[*[]byte]*Heap{&x1: h1, &z2: h2, &y2: h2})
	})
}

// TestLeakReportTwoAdoptions: three owners in a row; each block is named
// by the heap that allocated it, also one of the first owner's blocks
// freed and re-allocated by the third.
func TestLeakReportTwoAdoptions(t *testing.T) {
	leakMode(t, 12, func(t *testing.T, a *Allocator) {
		h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
		x1, y1 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
		h1.Close()
		x2 := mustAlloc(t, h2, 16)
		h2.Close()
		x3 := mustAlloc(t, h3, 16)
		sameSlab(t, a, x1, y1, x2, x3)
		p := addrOf(y1)
		mustFree(t, h3, y1)
		y3 := mustAlloc(t, h3, 16)
		if addrOf(y3) != p {
			t.Fatalf("h3 handed out %#x, not the block it just freed %#x", addrOf(y3), p)
		}
		h3.Close()
		wantLeaks(t, closeReport(t, a), map[*[]byte]*Heap{&x1: h1, &x2: h2, &x3: h3, &y3: h3})
	})
}

// TestLeakReportRemoteFreeOfEarlierBlock: a block the first owner
// allocated, freed remotely by a third heap (while the adopter owns the
// slab, or while it is orphaned), drained by the adopter and handed out
// again, is the adopter's; the first owner's other block stays its.
func TestLeakReportRemoteFreeOfEarlierBlock(t *testing.T) {
	for _, whileOrphan := range []bool{false, true} {
		t.Run(fmt.Sprintf("whileOrphan=%v", whileOrphan), func(t *testing.T) {
			leakMode(t, 8, func(t *testing.T, a *Allocator) {
				h1, h2, h3 := a.NewHeap(), a.NewHeap(), a.NewHeap()
				x1, y1 := mustAlloc(t, h1, 16), mustAlloc(t, h1, 16)
				h1.Close()
				p := addrOf(y1)
				want := map[*[]byte]*Heap{&x1: h1}
				if whileOrphan {
					mustFree(t, h3, y1) // onto the orphan's remote stack; Adopt drains it
				} else {
					z2 := mustAlloc(t, h2, 16) // adopts
					sameSlab(t, a, x1, z2)
					want[&z2] = h2
					mustFree(t, h3, y1) // remote: h2 owns the slab; its refill drains it
				}
				y2, others := allocAt(t, h2, p)
				sameSlab(t, a, x1, y2)
				want[&y2] = h2
				h2.Close()
				h3.Close()
				for i := range others {
					want[&others[i]] = h2
				}
				got := closeReport(t, a)
				if len(want) > maxLeaksReported {
					t.Fatalf("%d leaks, the report names %d", len(want), maxLeaksReported)
				}
				wantLeaks(t, got, want)
			})
		})
	}
}

// TestTenuresAgreeWithCheckedTable drives random allocations, local and
// remote frees (batched and not), heap closes and adoptions over a few
// heaps in checked mode, and compares, for every block the test holds, the
// heap the tenure chains name (the default mode's record) with the one the
// checked-mode table recorded at Alloc. It also checks that blocks of
// earlier owners were really live across adoptions (a tenure was used).
func TestTenuresAgreeWithCheckedTable(t *testing.T) {
	for _, batch := range []int{-1, 4} {
		t.Run(fmt.Sprintf("RemoteBatch=%d", batch), func(t *testing.T) {
			a := small(t, func(o *Options) { o.SlabBlocks, o.Batch, o.SllMax, o.RemoteBatch = 16, 4, 4, batch })
			rng := rand.New(rand.NewPCG(7, uint64(batch+2)))
			heaps := make([]*Heap, 4)
			for i := range heaps {
				heaps[i] = a.NewHeap()
			}
			var live [][]byte
			earlier := 0 // comparisons where the tenure's heap was not the slab's current allocator
			compare := func() {
				for _, b := range live {
					r := ref(t, a, b)
					s := ssAt(a.supers[r.Slab.Super]).slab(a, r.Slab.Slot)
					idx := uintptr(r.Index - 1)
					want := *s.allocHeapAt(a, idx)
					if got := s.allocatedBy(idx); got != want {
						t.Fatalf("block %v: tenures say heap %d, the checked table heap %d", r, got, want)
					}
					if want != s.lastOwner {
						earlier++
					}
				}
			}
			for step := 0; step < 20000; step++ {
				h := heaps[rng.IntN(len(heaps))]
				switch k := rng.IntN(100); {
				case k < 50 || len(live) == 0:
					live = append(live, mustAlloc(t, h, 16+rng.IntN(2)*16))
				case k < 97:
					i := rng.IntN(len(live))
					mustFree(t, h, live[i])
					live[i] = live[len(live)-1]
					live = live[:len(live)-1]
				default:
					i := rng.IntN(len(heaps))
					heaps[i].Close()
					heaps[i] = a.NewHeap()
				}
				if step%500 == 0 {
					compare()
				}
			}
			compare()
			if earlier == 0 {
				t.Fatal("no block of an earlier owner was live across an adoption; the test exercised no tenure")
			}
			for _, h := range heaps {
				h.Close()
			}
			h := a.NewHeap()
			for _, b := range live {
				mustFree(t, h, b)
			}
			h.Close()
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
