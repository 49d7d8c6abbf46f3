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
	actFreeToBatch
	actFreeRemoteBatch
	actFreeRemoteBatchCas
	actHeapExit
	actAdopt
)

var actionNames = [...]string{"Alloc", "DrainRemote", "PopFreelist", "LinearCarve", "SpliceToSll",
	"AcquireSlab", "RetireSlab", "FreeLocal", "FreeRemote", "FreeRemoteCas",
	"FreeToBatch", "FreeRemoteBatch", "FreeRemoteBatchCas", "HeapExit", "Adopt"}

func (a action) String() string { return actionNames[a] }
