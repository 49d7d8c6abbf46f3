package linearize

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/anishathalye/porcupine"
	"github.com/veralloc/veralloc/impl"
	"github.com/veralloc/veralloc/spec"
)

// Config describes one recorded run. Zero fields take the defaults named
// on each field.
type Config struct {
	Goroutines int          // goroutines, each with its own heap (default 8)
	Ops        int          // operations to record in the main phase, all goroutines together (default 10000)
	Seed       uint64       // seeds every goroutine's random choices
	Options    impl.Options // allocator options; zero (or only Checks set) means SmallOptions() with that Checks
	DefaultOpt bool         // use impl.Options{} (the allocator's own defaults) instead of Options
	Sizes      []int        // request sizes, drawn uniformly (default DefaultSizes)
	MaxLive    int          // blocks one goroutine holds at most (default 24)
	Inbox      int          // capacity of each goroutine's hand-off channel (default 16)
	// CloseEvery: each step a goroutine closes its heap and opens a new one
	// with probability 1/CloseEvery (default 300; negative: never).
	CloseEvery int
	// Trace, when set, receives the allocator's trace (Allocator.StartTrace; it
	// needs a build with -tags trace) of the size class of TraceSize
	// (default Sizes[0]), from the first operation to the end of the
	// cleanup phase (after a Trim, so that reclaims are in it).
	Trace io.Writer
	// TraceBinary writes the trace in the binary format
	// (Allocator.StartTraceBinary) instead of NDJSON.
	TraceBinary bool
	TraceSize   int
}

// DefaultSizes are the request sizes of a run: an empty request (which
// still owns a block), small classes, 513 bytes (class 640, whose stride
// does not divide the page-aligned slab base: seeded bug B2 shows there),
// and one size above the largest class of SmallOptions (a large mapping).
var DefaultSizes = []int{0, 16, 16, 24, 48, 100, 513, 513, 1000, 20000}

// SmallOptions are allocator options close to the TLA+ model's constants
// (tla/MCAllocatorBatch.cfg): tiny slabs, batch 2, SllMax 2, local batches
// of 2 remote frees, and a refill that starts while the cache list still
// holds a block (LowWater 1), so that every protocol step — splice onto a
// non-empty list, batch push, retire, orphan, adopt, reclaim — happens
// thousands of times in a short run.
func SmallOptions() impl.Options {
	return impl.Options{SlabSize: 4096, SlabBlocks: 4, Batch: 2, SllMax: 2, LowWater: 1, SlabsPerSuperslab: 3, RemoteBatch: 2}
}

func (c Config) withDefaults() Config {
	if c.Goroutines <= 0 {
		c.Goroutines = 8
	}
	if c.Ops <= 0 {
		c.Ops = 10000
	}
	if c.DefaultOpt {
		c.Options = impl.Options{Checks: c.Options.Checks}
	} else if c.Options == (impl.Options{}) || c.Options == (impl.Options{Checks: true}) {
		chk := c.Options.Checks
		c.Options = SmallOptions()
		c.Options.Checks = chk
	}
	if len(c.Sizes) == 0 {
		c.Sizes = DefaultSizes
	}
	if c.MaxLive <= 0 {
		c.MaxLive = 24
	}
	if c.Inbox <= 0 {
		c.Inbox = 16
	}
	if c.CloseEvery == 0 {
		c.CloseEvery = 300
	}
	return c
}

// Counts says what a run did.
type Counts struct {
	Allocs, AllocErrors  int // Alloc calls, and how many returned an error
	Frees, FreeErrors    int // Free calls, and how many returned an error
	HandedOver           int // blocks handed to another goroutine (freed there)
	HeapCloses           int // heaps closed and replaced by a new one mid-run
	CleanupOps           int // operations of the final phase (freeing what is left)
	Panics               int // goroutines stopped by a panic inside the allocator
	MaxClock, Goroutines int
}

// Run is a recorded run: the history and what the run itself observed.
type Run struct {
	Config Config
	// Ops is the history: every Alloc and Free with its call and return
	// times (one clock shared by all goroutines), in no particular order.
	Ops    []porcupine.Operation
	Counts Counts
	// Problems are failures the history cannot show: panics, operation
	// errors, a block whose contents changed while held, the allocator's
	// Check or first recorded corruption, blocks missing at the end
	// (Allocator.Close refused). Empty for a clean run.
	Problems []string
	// Events are the allocator's protocol event counters at the end of
	// the run (all classes): what the run exercised.
	Events Events
	// Trace counts the events written to Config.Trace.
	Trace impl.TraceStats
	// FirstCorrupt is the position (1-based, in the order operations were
	// started) of the first operation that returned ErrCorrupt (checked
	// mode detecting a broken invariant), or -1.
	FirstCorrupt int
}

// Events counts protocol events of a run (impl.ClassStats summed over
// classes).
type Events struct {
	Refills, RemotePushes, RemoteDrained, Orphaned, Adopted, Acquired, Returned int64
	LargeAllocs                                                                 int64
}

func eventsOf(st impl.Stats) Events {
	e := Events{LargeAllocs: st.LargeAllocs}
	for _, c := range st.Classes {
		e.Refills += c.Refills
		e.RemotePushes += c.RemotePushes
		e.RemoteDrained += c.RemoteDrained
		e.Orphaned += c.Orphaned
		e.Adopted += c.Adopted
		e.Acquired += c.Acquired
		e.Returned += c.Returned
	}
	return e
}

// OpInfo is the Metadata of every recorded operation.
type OpInfo struct {
	Goroutine int    // recorder goroutine (also the ClientId)
	HeapID    uint32 // impl heap id the operation ran on
	From      int    // for a Free: the goroutine that allocated the block
	Cleanup   bool   // the operation belongs to the final phase
}

func (m OpInfo) String() string {
	s := fmt.Sprintf("g%d heap %d", m.Goroutine, m.HeapID)
	if m.From != m.Goroutine {
		s += fmt.Sprintf(", block from g%d", m.From)
	}
	if m.Cleanup {
		s += ", cleanup"
	}
	return s
}

// held is a block in a goroutine's hands.
type held struct {
	b    []byte
	addr uintptr
	tag  uint64 // written into the first 8 bytes when len >= 8
	from int
}

type recorder struct {
	cfg   Config
	a     *impl.Allocator
	clock atomic.Int64 // the shared clock: every timestamp is clock.Add(1)
	inbox []chan held

	// firstCorrupt is the clock when an operation first returned an
	// ErrCorrupt (checked mode's verdict), 0 if none did.
	firstCorrupt atomic.Int64

	mu       sync.Mutex
	problems []string
}

func (r *recorder) noteErr(err error, clock int64) {
	if errors.Is(err, impl.ErrCorrupt) {
		r.firstCorrupt.CompareAndSwap(0, clock)
	}
}

func (r *recorder) problem(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.problems) < 50 {
		r.problems = append(r.problems, fmt.Sprintf(format, args...))
	} else if len(r.problems) == 50 {
		r.problems = append(r.problems, "(more problems not listed)")
	}
}

type worker struct {
	r    *recorder
	g    int
	h    *impl.Heap
	rng  *rand.Rand
	live []held
	ops  []porcupine.Operation
	seq  uint64
	n    Counts
	dead bool // stopped by a panic
	// pending is the operation inside the allocator right now, so that a
	// panic can still record it (see recoverOp).
	pending *porcupine.Operation
}

// Record runs the workload described by cfg on a new allocator and returns
// the history and the run's own findings. It returns an error only when
// the allocator cannot be created or Config.Trace cannot be started.
func Record(cfg Config) (*Run, error) {
	cfg = cfg.withDefaults()
	a, err := impl.New(cfg.Options)
	if err != nil {
		return nil, err
	}
	if cfg.Trace != nil {
		size := cfg.TraceSize
		if size == 0 {
			size = cfg.Sizes[0]
		}
		start := a.StartTrace
		if cfg.TraceBinary {
			start = a.StartTraceBinary
		}
		if err := start(cfg.Trace, a.ClassOf(size)); err != nil {
			return nil, err
		}
	}
	r := &recorder{cfg: cfg, a: a}
	ws := make([]*worker, cfg.Goroutines)
	r.inbox = make([]chan held, cfg.Goroutines)
	for g := range ws {
		r.inbox[g] = make(chan held, cfg.Inbox)
		ws[g] = &worker{r: r, g: g, h: a.NewHeap(),
			rng: rand.New(rand.NewPCG(cfg.Seed, uint64(g)*0x9E3779B97F4A7C15+1)),
			ops: make([]porcupine.Operation, 0, cfg.Ops/cfg.Goroutines+64)}
	}
	// Main phase.
	per, extra := cfg.Ops/cfg.Goroutines, cfg.Ops%cfg.Goroutines
	var wg sync.WaitGroup
	for g, w := range ws {
		n := per
		if g < extra {
			n++
		}
		wg.Add(1)
		go func() { defer wg.Done(); w.guard(func() { w.main(n) }) }()
	}
	wg.Wait()
	// All goroutines are paused: the allocator's own view must be sound.
	if err := a.Err(); err != nil {
		r.problem("corruption recorded during the run: %v", err)
	}
	if err := a.Check(); err != nil {
		r.problem("Allocator.Check after the main phase: %v", err)
	}
	// Cleanup phase: free everything still held or in an inbox, close heaps.
	for _, w := range ws {
		wg.Add(1)
		go func() { defer wg.Done(); w.guard(w.cleanup) }()
	}
	wg.Wait()
	run := &Run{Config: cfg}
	if cfg.Trace != nil {
		a.Trim()
		st, err := a.StopTrace()
		if err != nil {
			r.problem("StopTrace: %v", err)
		}
		run.Trace = st
	}
	for _, w := range ws {
		run.Ops = append(run.Ops, w.ops...)
		c := &run.Counts
		c.Allocs += w.n.Allocs
		c.AllocErrors += w.n.AllocErrors
		c.Frees += w.n.Frees
		c.FreeErrors += w.n.FreeErrors
		c.HandedOver += w.n.HandedOver
		c.HeapCloses += w.n.HeapCloses
		c.CleanupOps += w.n.CleanupOps
		c.Panics += w.n.Panics
	}
	run.Counts.MaxClock = int(r.clock.Load())
	run.FirstCorrupt = -1
	if c := r.firstCorrupt.Load(); c != 0 {
		run.FirstCorrupt = int((c + 1) / 2)
	}
	run.Counts.Goroutines = cfg.Goroutines
	run.Events = eventsOf(a.Stats())
	if run.Counts.Panics == 0 {
		if err := a.Err(); err != nil {
			r.problem("corruption recorded during the run: %v", err)
		}
		if err := a.Check(); err != nil {
			r.problem("Allocator.Check after everything was freed: %v", err)
		}
		// Every block came back iff Close succeeds (it drains orphans first).
		if err := a.Close(); err != nil {
			r.problem("Allocator.Close after everything was freed (a block was lost or is still counted): %v", err)
		}
	} else {
		r.problem("the allocator was not closed: a goroutine panicked, its blocks are unaccounted for")
	}
	r.mu.Lock()
	run.Problems = dedupe(r.problems)
	r.mu.Unlock()
	return run, nil
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// guard runs f, turning a panic inside the allocator (including a memory
// fault, which SetPanicOnFault makes a panic) into a recorded problem.
func (w *worker) guard(f func()) {
	if w.dead {
		return
	}
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	defer func() {
		if v := recover(); v != nil {
			w.dead = true
			w.n.Panics++
			what := "outside an allocator call"
			if p := w.pending; p != nil {
				what = "in " + describeCall(p.Input)
				if _, isFree := p.Input.(spec.FreeInput); isFree {
					// The free may or may not have taken effect: it
					// stays pending forever (returns at +inf), which
					// lets the checker place it anywhere after its call.
					p.Return = math.MaxInt64
					w.ops = append(w.ops, *p)
				}
				w.pending = nil
			}
			w.r.problem("g%d: panic %s: %v\n%s", w.g, what, v, stackTail())
		}
	}()
	f()
}

// describeCall renders an operation that has not returned.
func describeCall(in any) string {
	switch in := in.(type) {
	case spec.AllocInput:
		return fmt.Sprintf("h%d.Alloc(%d)", in.Heap, in.Size)
	case spec.FreeInput:
		return fmt.Sprintf("h%d.Free(%#x)", in.Heap, in.Block)
	}
	return fmt.Sprint(in)
}

// stackTail returns the frames of the panicking goroutine below the
// runtime's own, for a problem report.
func stackTail() string {
	lines := strings.Split(string(debug.Stack()), "\n")
	var out []string
	for i := 1; i+1 < len(lines) && len(out) < 16; i += 2 {
		fn, loc := lines[i], strings.TrimSpace(lines[i+1])
		if strings.HasPrefix(fn, "runtime") || strings.HasPrefix(fn, "panic(") || strings.Contains(fn, "linearize.(*worker).guard") {
			continue
		}
		out = append(out, "      "+fn+" "+loc)
	}
	return strings.Join(out, "\n")
}

func (w *worker) now() int64 { return w.r.clock.Add(1) }

func (w *worker) main(n int) {
	cfg := &w.r.cfg
	for done := 0; done < n; {
		// Blocks handed over by other goroutines are freed here, through
		// this goroutine's heap: a remote free unless this heap owns the slab.
		select {
		case b := <-w.r.inbox[w.g]:
			w.free(b, false)
			done++
			continue
		default:
		}
		if cfg.CloseEvery > 0 && w.rng.IntN(cfg.CloseEvery) == 0 {
			w.h.Close()
			w.h = w.r.a.NewHeap()
			w.n.HeapCloses++
			continue
		}
		k := w.rng.IntN(100)
		switch {
		case len(w.live) == 0 || k < 45 && len(w.live) < cfg.MaxLive:
			w.alloc(cfg.Sizes[w.rng.IntN(len(cfg.Sizes))])
		case k < 75 || cfg.Goroutines == 1:
			w.free(w.take(), false)
		default:
			b := w.take()
			t := w.rng.IntN(cfg.Goroutines - 1)
			if t >= w.g {
				t++
			}
			select {
			case w.r.inbox[t] <- b:
				w.n.HandedOver++
				continue
			default:
				w.free(b, false)
			}
		}
		done++
		if w.rng.IntN(16) == 0 {
			runtime.Gosched()
		}
	}
}

// take removes a random block from the goroutine's hands.
func (w *worker) take() held {
	i := w.rng.IntN(len(w.live))
	b := w.live[i]
	w.live[i] = w.live[len(w.live)-1]
	w.live = w.live[:len(w.live)-1]
	return b
}

func (w *worker) cleanup() {
	for {
		select {
		case b := <-w.r.inbox[w.g]:
			w.free(b, true)
			continue
		default:
		}
		break
	}
	for len(w.live) > 0 {
		w.free(w.take(), true)
	}
	w.h.Close()
}

func addrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

func (w *worker) alloc(size int) {
	op := porcupine.Operation{ClientId: w.g, Input: spec.AllocInput{Heap: w.g, Size: size},
		Metadata: OpInfo{Goroutine: w.g, HeapID: w.h.ID(), From: w.g}}
	w.pending = &op
	op.Call = w.now()
	b, err := w.h.Alloc(size)
	op.Return = w.now()
	w.pending = nil
	w.n.Allocs++
	if err != nil {
		op.Output = spec.AllocOutput{Err: true}
		w.ops = append(w.ops, op)
		w.n.AllocErrors++
		w.r.noteErr(err, op.Call)
		w.r.problem("g%d: Alloc(%d) failed: %v", w.g, size, err)
		return
	}
	p := addrOf(b)
	op.Output = spec.AllocOutput{Block: p}
	w.ops = append(w.ops, op)
	w.seq++
	hb := held{b: b, addr: p, from: w.g, tag: 1<<63 | uint64(w.g)<<40 | w.seq}
	if len(b) >= 8 {
		binary.LittleEndian.PutUint64(b, hb.tag)
	}
	w.live = append(w.live, hb)
}

func (w *worker) free(hb held, cleanup bool) {
	if len(hb.b) >= 8 {
		if got := binary.LittleEndian.Uint64(hb.b); got != hb.tag {
			w.r.problem("g%d: block %#x (%d bytes, from g%d) changed while in the user's hands: first word %#x, want %#x",
				w.g, hb.addr, len(hb.b), hb.from, got, hb.tag)
		}
	}
	op := porcupine.Operation{ClientId: w.g, Input: spec.FreeInput{Heap: w.g, Block: hb.addr},
		Metadata: OpInfo{Goroutine: w.g, HeapID: w.h.ID(), From: hb.from, Cleanup: cleanup}}
	op.Output = spec.FreeOutput{}
	w.pending = &op
	op.Call = w.now()
	err := w.h.Free(hb.b)
	op.Return = w.now()
	w.pending = nil
	w.n.Frees++
	if cleanup {
		w.n.CleanupOps++
	}
	if err != nil {
		op.Output = spec.FreeOutput{Err: true}
		w.n.FreeErrors++
		w.r.noteErr(err, op.Call)
		w.r.problem("g%d: Free of block %#x (%d bytes, allocated by g%d, in hand) refused: %v", w.g, hb.addr, len(hb.b), hb.from, err)
	}
	w.ops = append(w.ops, op)
}

// SortByCall orders a history by call time (for printing).
func SortByCall(ops []porcupine.Operation) {
	sort.Slice(ops, func(i, j int) bool { return ops[i].Call < ops[j].Call })
}

// SmallOptionsChecked is SmallOptions in checked mode (Options.Checks).
func SmallOptionsChecked() impl.Options {
	o := SmallOptions()
	o.Checks = true
	return o
}
