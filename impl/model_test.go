package impl

import (
	"testing"
)

// TestRandomSequential drives several heaps from one goroutine with the
// model's constants, in a random order of Alloc, local and remote Free,
// heap Close and reopen, and checks every invariant the allocator can see
// (Check) and ExactlyOnePlace after every single operation. Seeds 3 and 4
// collect remote frees in local batches of 2 (RemoteBatch 2).
func TestRandomSequential(t *testing.T) {
	steps := 1500
	if testing.Short() || raceEnabled {
		steps = 400
	}
	for seed := uint64(1); seed <= 4; seed++ {
		a := small(t, func(o *Options) {
			o.LowWater = 1
			o.SllMax = 2
			if seed > 2 {
				o.RemoteBatch = 2
			}
		})
		x := newXorshift(seed)
		heaps := []*Heap{a.NewHeap(), a.NewHeap(), a.NewHeap()}
		var live [][]byte
		for i := 0; i < steps; i++ {
			r := x.next()
			h := heaps[r%3]
			switch k := (r >> 8) % 10; {
			case k < 5:
				live = append(live, mustAlloc(t, h, 1+int(r>>16)%40)) // classes 0..2
			case k < 9:
				if len(live) == 0 {
					continue
				}
				j := int(r>>24) % len(live)
				mustFree(t, h, live[j])
				live[j] = live[len(live)-1]
				live = live[:len(live)-1]
			default:
				h.Close()
				heaps[r%3] = a.NewHeap()
			}
			if err := accountN(a, live, 3); err != nil {
				t.Fatalf("seed %d step %d: %v", seed, i, err)
			}
		}
		for _, b := range live {
			mustFree(t, heaps[0], b)
		}
		for _, h := range heaps {
			h.Close()
		}
		if err := allZero(a); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
