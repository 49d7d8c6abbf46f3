package impl

// Geometry the front door (package veralloc) needs to turn block counts
// into bytes.

// SlabSize returns the bytes of one slab (Options.SlabSize after defaults).
func (a *Allocator) SlabSize() int { return int(a.slabSize) }

// SuperslabSize returns the bytes mapped for one superslab (its slabs and
// the slot(s) holding the records).
func (a *Allocator) SuperslabSize() int { return int(a.ssSpan) }
