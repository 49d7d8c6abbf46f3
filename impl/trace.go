package impl

// action names a TLA+ action of tla/Allocator.tla, for the trace hook.
type action uint8

const (
	actAlloc action = iota
	actDrainRemote
	actPopFreelist
	actLinearCarve
	actSpliceToSll
	actAcquireSlab
	actRetireSlab
	actFreeLocal
	actFreeRemote
	actFreeRemoteCas
	actHeapExit
	actAdopt
)

var actionNames = [...]string{"Alloc", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll",
	"AcquireSlab", "RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas", "HeapExit", "Adopt"}

func (a action) String() string { return actionNames[a] }

// traceSync is what orders an action against other heaps' actions in a
// trace (trace_on.go): the remote head word it read (r) and wrote (w), and
// the owner epoch it wrote. The default build ignores it.
type traceSync struct {
	remote    uint8 // syncNone, syncRead (r only) or syncWrite (r, then w)
	fresh     bool  // the slab just came from the free pool
	casFailed bool  // a compare-and-swap that failed (r: the head re-read)
	r, w      uint64
	epoch     uint32 // the epoch written (0: the owner did not change)
}

const (
	syncNone = iota
	syncRead
	syncWrite
)
