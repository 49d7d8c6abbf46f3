// Package veralloc is a concurrent small-object allocator whose memory lives
// outside the Go heap: blocks of 1 B to 8 KiB (32 size classes) are carved
// from mmapped superslabs, so millions of them cost the garbage collector
// nothing; larger requests get a mapping of their own. Its protocol (batch
// refill, lock-free remote free, drain, heap exit, adoption of orphaned
// slabs) is specified in TLA+ and model-checked; see the repository's
// README and docs/design.md.
//
// One Allocator per program (or subsystem), one Heap per goroutine:
//
//	a, err := veralloc.New(veralloc.Options{})
//	h := a.NewHeap()
//	b, err := h.Alloc(100)   // []byte outside the Go heap, not zeroed
//	err = h.Free(b)          // through any heap of the same allocator
//	h.Close(); err = a.Close()
//
// # Rules
//
// Blocks are not scanned by the garbage collector: a block must never hold
// the only reference to a Go object. Store plain data, indices, offsets. The
// typed helpers Alloc, AllocSlice, Free and FreeSlice refuse, at the call,
// any type that contains Go pointers (pointers, slices, strings, maps,
// channels, functions, interfaces).
//
// A Heap is used by one goroutine at a time (hand it over with a channel or
// another happens-before edge). Any goroutine may free any block through
// its own heap; a block of another heap's slab goes back by a lock-free
// remote free. Close each heap when its goroutine is done: until then it
// keeps one slab per size class it used. A Heap that becomes unreachable
// without Close is closed by a cleanup (runtime.AddCleanup) when the
// garbage collector finds it, and reported through Options.Report: its
// cache lists go back to its slabs and the slabs are orphaned, so other
// heaps can adopt them. The blocks it allocated stay valid in every case.
//
// Alloc(n) returns len and cap n. Appending past cap moves the slice to the
// Go heap (and Free then fails with ErrForeign): grow blocks with
// Heap.Realloc, which grows in place up to the block's usable size (its
// class's block size, which Realloc exposes as cap), or write into a Buffer.
//
// Errors are *Error values (operation, address, class, slab, block index)
// wrapping the sentinels below; test them with errors.Is. Allocator.Close
// fails with ErrInUse while a heap is open or a block is live, and names
// the first few live blocks (class, address and the heap that allocated
// each, also in a slab that changed owners).
//
// # Metrics
//
// Allocator.Stats reports bytes in use and bytes mapped, in total and per
// size class. Allocator.Publish makes them an expvar variable (served as
// JSON at /debug/vars by net/http's default mux once expvar is imported).
// To export them to Prometheus with its standard Go client
// (github.com/prometheus/client_golang, which veralloc does not depend
// on), register a collector that reads Stats at scrape time:
//
//	type collector struct{ a *veralloc.Allocator }
//
//	var (
//		inUse  = prometheus.NewDesc("veralloc_bytes_in_use", "Bytes in blocks not free, by block size.", []string{"size"}, nil)
//		mapped = prometheus.NewDesc("veralloc_bytes_mapped", "Bytes of slabs, by block size.", []string{"size"}, nil)
//	)
//
//	func (c collector) Describe(ch chan<- *prometheus.Desc) { ch <- inUse; ch <- mapped }
//
//	func (c collector) Collect(ch chan<- prometheus.Metric) {
//		st := c.a.Stats()
//		ch <- prometheus.MustNewConstMetric(inUse, prometheus.GaugeValue, float64(st.BytesInUse), "all")
//		ch <- prometheus.MustNewConstMetric(mapped, prometheus.GaugeValue, float64(st.BytesMapped), "all")
//		for _, cs := range st.Classes {
//			size := strconv.Itoa(cs.Size)
//			ch <- prometheus.MustNewConstMetric(inUse, prometheus.GaugeValue, float64(cs.BytesInUse), size)
//			ch <- prometheus.MustNewConstMetric(mapped, prometheus.GaugeValue, float64(cs.BytesMapped), size)
//		}
//	}
//
//	prometheus.MustRegister(collector{a})
//
// # Platform
//
// Linux only: the allocator maps memory with mmap and gives it back with
// madvise. Building for another system stops with the message
// "veralloc needs Linux (mmap, madvise)".
//
// The implementation, with its mapping to the TLA+ actions, its checks and
// its figures, is the package github.com/veralloc/veralloc/impl (see
// impl/README.md); this package is the part a user needs.
package veralloc
