package spec

import (
	"fmt"
	"strconv"
)

// Heap names a heap: 1..Config.Heaps, printed h1, h2, ...; NilHeap (0) is the
// TLA+ Nil when it stands for "no heap".
type Heap int

// Slab names a slab: 1..Config.Slabs, printed s1, s2, ...; NilSlab (0) is Nil.
type Slab int

// SuperSlab names a superslab: 1..Config.SuperSlabs, printed ss1, ss2, ...
type SuperSlab int

// Block is <<slab, index>> with index in 1..Cap. The zero Block is Nil (no
// block, the empty list).
type Block struct {
	Slab  Slab
	Index int
}

const (
	NilHeap Heap = 0
	NilSlab Slab = 0
)

// NilBlock is Nil when it stands for "no block" or "the empty list".
var NilBlock = Block{}

func (h Heap) String() string {
	if h == NilHeap {
		return "Nil"
	}
	return "h" + strconv.Itoa(int(h))
}

func (s Slab) String() string {
	if s == NilSlab {
		return "Nil"
	}
	return "s" + strconv.Itoa(int(s))
}

func (ss SuperSlab) String() string { return "ss" + strconv.Itoa(int(ss)) }

// String prints the block as TLC does: <<s1, 2>>, or Nil.
func (b Block) String() string {
	if b == NilBlock {
		return "Nil"
	}
	return "<<" + b.Slab.String() + ", " + strconv.Itoa(b.Index) + ">>"
}

// The values of the constant Bug (Allocator.tla, end of module).
const (
	BugNone         = "none"
	BugB1           = "B1"           // the refill counts the batch in TotalActive twice
	BugB3           = "B3"           // the splice drops the rest of the Sll
	BugB4           = "B4"           // the drain is a read then a later clear
	BugSllBatch     = "SllBatch"     // SllCount rises by Batch, not by the blocks moved
	BugAdoptNoDrain = "AdoptNoDrain" // adoption forgets the remote stack

	// The bugs of local batches (RemoteBatch > 0).
	BugBatchLinksHead  = "BatchLinksHead"  // the flush links the batch's head, not its tail
	BugBatchWrongSlab  = "BatchWrongSlab"  // the flush pushes onto the heap's current slab
	BugExitNoFlush     = "ExitNoFlush"     // HeapExit drops a batch it has not flushed
	BugBatchCountLimit = "BatchCountLimit" // the push adds RemoteBatch to the remote count
)

// Bugs lists every value of Bug other than "none" that the Go machine
// implements (the liveness-only bugs of Allocator.tla are not here).
var Bugs = []string{BugB1, BugB3, BugB4, BugSllBatch, BugAdoptNoDrain,
	BugBatchLinksHead, BugBatchWrongSlab, BugExitNoFlush, BugBatchCountLimit}

// BatchBugs are the Bugs that need local batches (RemoteBatch > 0) to show.
var BatchBugs = []string{BugBatchLinksHead, BugBatchWrongSlab, BugExitNoFlush, BugBatchCountLimit}

// Config holds the constants of Allocator.tla. Heaps, slabs and superslabs
// are numbered from 1; Nil is 0 (NilHeap, NilSlab, NilBlock).
type Config struct {
	Heaps      int         // Heaps = {h1, ..., hHeaps}
	Slabs      int         // Slabs = {s1, ..., sSlabs}
	SuperSlabs int         // SuperSlabs = {ss1, ..., ssSuperSlabs}
	SuperOf    []SuperSlab // SuperOf[s] for s in 1..Slabs; SuperOf[0] is unused
	Cap        int         // blocks per slab
	Batch      int         // blocks a refill asks for
	SllMax     int         // a local free goes to the Sll while SllCount < SllMax
	// RemoteBatch: blocks a heap's local batch of remote frees holds at
	// most before it is pushed as one chain; 0: every remote free is
	// pushed on its own (FreeRemote).
	RemoteBatch int
	Bug         string // BugNone or one of Bugs
}

// CIConfig is the ci model of tla/MCAllocator.cfg: 2 heaps, 2 slabs in one
// superslab (MCSuperOfOne), Cap 2, Batch 2, SllMax 2, Bug "none".
func CIConfig() Config {
	return Config{Heaps: 2, Slabs: 2, SuperSlabs: 1, SuperOf: []SuperSlab{0, 1, 1},
		Cap: 2, Batch: 2, SllMax: 2, Bug: BugNone}
}

// BatchConfig is the ci model with local batches, tla/MCAllocatorBatch.cfg:
// CIConfig with RemoteBatch 2.
func BatchConfig() Config {
	c := CIConfig()
	c.RemoteBatch = 2
	return c
}

// LargeConfig is the model of tla/MCAllocatorLarge.cfg: 2 heaps, 2 slabs in
// two superslabs (MCSuperOfTwo), Cap 3, Batch 2, SllMax 2.
func LargeConfig() Config {
	return Config{Heaps: 2, Slabs: 2, SuperSlabs: 2, SuperOf: []SuperSlab{0, 1, 2},
		Cap: 3, Batch: 2, SllMax: 2, Bug: BugNone}
}

// MutantConfig is the model of tla/mutants/<bug>.cfg: CIConfig with Bug set
// to bug, and with local batches (BatchConfig) for the BatchBugs.
func MutantConfig(bug string) Config {
	for _, b := range BatchBugs {
		if b == bug {
			return BatchConfig().WithBug(bug)
		}
	}
	return CIConfig().WithBug(bug)
}

// WithBug returns a copy of c with the constant Bug set to bug.
func (c Config) WithBug(bug string) Config {
	c.SuperOf = append([]SuperSlab(nil), c.SuperOf...)
	c.Bug = bug
	return c
}

// Validate checks the ASSUME of Allocator.tla and the shape of the Config.
func (c *Config) Validate() error {
	// The counts: the model's sizes (at least 1) and the constants whose
	// ASSUME bounds them below.
	for _, k := range []struct {
		name   string
		v, min int
		assume string // the set of the ASSUME, "" for a size of the Config
	}{
		{"Heaps", c.Heaps, 1, ""}, {"Slabs", c.Slabs, 1, ""}, {"SuperSlabs", c.SuperSlabs, 1, ""},
		{"Cap", c.Cap, 1, `Nat \ {0}`}, {"Batch", c.Batch, 1, `Nat \ {0}`}, {"SllMax", c.SllMax, 0, "Nat"},
		{"RemoteBatch", c.RemoteBatch, 0, "Nat"},
	} {
		switch {
		case k.v >= k.min:
		case k.assume == "":
			return fmt.Errorf("spec: Config.%s = %d, want at least %d", k.name, k.v, k.min)
		default:
			return fmt.Errorf("spec: ASSUME %s \\in %s is false: %s = %d", k.name, k.assume, k.name, k.v)
		}
	}
	if len(c.SuperOf) != c.Slabs+1 {
		return fmt.Errorf("spec: Config.SuperOf has %d entries, want Slabs+1 = %d (index 0 unused)", len(c.SuperOf), c.Slabs+1)
	}
	for s := 1; s <= c.Slabs; s++ {
		if ss := c.SuperOf[s]; ss < 1 || int(ss) > c.SuperSlabs {
			return fmt.Errorf("spec: ASSUME SuperOf \\in [Slabs -> SuperSlabs] is false: SuperOf[s%d] = %d", s, ss)
		}
	}
	if c.Bug != BugNone {
		known := false
		for _, b := range Bugs {
			known = known || b == c.Bug
		}
		if !known {
			return fmt.Errorf("spec: ASSUME Bug \\in {\"none\", %s} is false: Bug = %q", quoted(Bugs), c.Bug)
		}
	}
	return nil
}

// NB is Cardinality(Blocks) = Slabs * Cap.
func (c *Config) NB() int { return c.Slabs * c.Cap }

// BlockIndex is the position of block b in Blocks = Slabs \X (1..Cap), in the
// order s1 before s2 and index 1 before 2: the index of b in State.Next and
// State.InUse. b must not be Nil.
func (c *Config) BlockIndex(b Block) int { return (int(b.Slab)-1)*c.Cap + b.Index - 1 }

// BlockAt is the inverse of BlockIndex.
func (c *Config) BlockAt(i int) Block { return Block{Slab(i/c.Cap + 1), i%c.Cap + 1} }

// IsBlock reports whether b is an element of Blocks.
func (c *Config) IsBlock(b Block) bool {
	return b.Slab >= 1 && int(b.Slab) <= c.Slabs && b.Index >= 1 && b.Index <= c.Cap
}

// Blocks lists Blocks in BlockIndex order.
func (c *Config) Blocks() []Block {
	out := make([]Block, c.NB())
	for i := range out {
		out[i] = c.BlockAt(i)
	}
	return out
}

// quoted joins names as the TLA+ strings "a", "b", ...
func quoted(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(n)
	}
	return out
}
