package impl

import (
	"encoding/binary"
	"flag"
	"fmt"
	"sync"
	"testing"
)

var long = flag.Bool("long", false, "run TestStress at full size: 8 goroutines x 1M operations each")

type item struct {
	b   []byte
	tag uint64
}

func stamp(b []byte, tag uint64) {
	var w [8]byte
	binary.LittleEndian.PutUint64(w[:], tag)
	copy(b, w[:])
	if len(b) > 8 {
		b[len(b)-1] = byte(tag >> 8)
	}
}

func stamped(b []byte, tag uint64) bool {
	var w [8]byte
	binary.LittleEndian.PutUint64(w[:], tag)
	n := copy(w[:], b)
	for i := 0; i < n; i++ {
		if b[i] != w[i] {
			return false
		}
	}
	return len(b) <= 8 || b[len(b)-1] == byte(tag>>8)
}

// TestStress runs 8 goroutines doing random allocations and frees, handing
// blocks to each other (remote frees), and closing and reopening their
// heaps mid-run (orphans, adoption). Then, with everyone paused, it checks
// ExactlyOnePlace and the counters by walking the real lists; then it frees
// everything and checks that every counter is back at zero and every slab
// is back in the free pool. Operations per goroutine: 60000 by default,
// 15000 with -short, a sixth of that under -race, 1M with -long.
func TestStress(t *testing.T) {
	ops := 60000
	if testing.Short() {
		ops = 15000
	}
	if raceEnabled {
		ops /= 6 // the race detector slows every operation ~10x
	}
	if *long {
		ops = 1000000
	}
	t.Run("default", func(t *testing.T) { stress(t, Options{}, ops) })
	t.Run("model-sized-checks", func(t *testing.T) {
		stress(t, Options{SlabSize: 4096, SlabBlocks: 3, Batch: 2, SllMax: 2, SlabsPerSuperslab: 2, LowWater: 1,
			RemoteBatch: 2, Checks: true}, ops)
	})
	t.Run("model-sized-unbatched", func(t *testing.T) {
		stress(t, Options{SlabSize: 4096, SlabBlocks: 3, Batch: 2, SllMax: 2, SlabsPerSuperslab: 2, LowWater: 1,
			RemoteBatch: -1, Checks: true}, ops/2)
	})
}

func stress(t *testing.T, o Options, ops int) {
	a, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	const workers = 8
	var inbox [workers]chan item
	for i := range inbox {
		inbox[i] = make(chan item, 256)
	}
	lives := make([][]item, workers)
	errs := make([]error, workers)
	paused := sync.WaitGroup{}
	paused.Add(workers)
	resume := make(chan struct{})
	done := sync.WaitGroup{}
	done.Add(workers)
	for w := 0; w < workers; w++ {
		go func(w int) {
			defer done.Done()
			x := newXorshift(uint64(w) + 1)
			h := a.NewHeap()
			var live []item
			fail := func(err error) {
				if errs[w] == nil {
					errs[w] = err
				}
			}
			var serial uint64
			for op := 0; op < ops && errs[w] == nil; op++ {
				r := x.next()
				switch k := r % 1000; {
				case k < 450:
					n := int((r >> 20) % 1100)
					if (r>>40)%100 == 0 {
						n = int((r >> 20) % 20000)
					}
					b, err := h.Alloc(n)
					if err != nil {
						fail(err)
						break
					}
					serial++
					tag := uint64(w)<<56 | serial
					stamp(b, tag)
					live = append(live, item{b, tag})
				case k < 750:
					if len(live) == 0 {
						break
					}
					i := int((r >> 20) % uint64(len(live)))
					it := live[i]
					live[i] = live[len(live)-1]
					live = live[:len(live)-1]
					if !stamped(it.b, it.tag) {
						fail(fmt.Errorf("worker %d: block %#x (len %d) overwritten", w, addrOf(it.b), len(it.b)))
						break
					}
					if err := h.Free(it.b); err != nil {
						fail(err)
					}
				case k < 850:
					if len(live) == 0 {
						break
					}
					i := int((r >> 20) % uint64(len(live)))
					select {
					case inbox[(w+1+int(r>>50)%(workers-1))%workers] <- live[i]:
						live[i] = live[len(live)-1]
						live = live[:len(live)-1]
					default:
					}
				case k < 998:
					for j := 0; j < 4; j++ {
						select {
						case it := <-inbox[w]:
							live = append(live, it)
						default:
						}
					}
				default:
					h.Close()
					h = a.NewHeap()
				}
			}
			lives[w] = live
			paused.Done()
			<-resume
			for _, it := range live {
				if !stamped(it.b, it.tag) {
					fail(fmt.Errorf("worker %d: block %#x overwritten", w, addrOf(it.b)))
				}
				if err := h.Free(it.b); err != nil {
					fail(err)
				}
			}
			h.Close()
		}(w)
	}
	// Stats and Trim are safe for concurrent use: exercise them during the run.
	stopMon := make(chan struct{})
	monDone := make(chan struct{})
	go func() {
		defer close(monDone)
		for {
			select {
			case <-stopMon:
				return
			default:
			}
			_ = a.Stats()
			a.Trim()
		}
	}()
	paused.Wait()
	close(stopMon)
	<-monDone
	// Everyone is paused: walk the real lists.
	var all [][]byte
	for _, l := range lives {
		for _, it := range l {
			all = append(all, it.b)
		}
	}
	var inflight []item
	for i := range inbox {
		for len(inbox[i]) > 0 {
			it := <-inbox[i]
			inflight = append(inflight, it)
			all = append(all, it.b)
		}
	}
	if err := account(a, all); err != nil {
		t.Error(err)
	}
	st := a.Stats()
	var pushes, drained, orphaned, adopted, refills int64
	for _, c := range st.Classes {
		pushes += c.RemotePushes
		drained += c.RemoteDrained
		orphaned += c.Orphaned
		adopted += c.Adopted
		refills += c.Refills
	}
	t.Logf("paused with %d live blocks: refills %d, remote pushes %d, drained %d, orphaned %d, adopted %d, superslabs %d, mapped %d KiB",
		len(all), refills, pushes, drained, orphaned, adopted, st.Superslabs, st.BytesMapped>>10)
	if pushes == 0 || orphaned == 0 || adopted == 0 {
		t.Errorf("the run did not exercise remote frees, orphaning and adoption")
	}
	close(resume)
	h := a.NewHeap()
	for _, it := range inflight {
		if !stamped(it.b, it.tag) {
			t.Errorf("in-flight block %#x overwritten", addrOf(it.b))
		}
		if err := h.Free(it.b); err != nil {
			t.Error(err)
		}
	}
	h.Close()
	done.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := account(a, nil); err != nil {
		t.Fatal(err)
	}
	if err := allZero(a); err != nil {
		t.Logf("before Trim: %v", err)
		a.Trim()
		if err := allZero(a); err != nil {
			t.Fatalf("after Trim: %v", err)
		}
	}
	if err := a.Err(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
