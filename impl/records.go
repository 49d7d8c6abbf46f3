//go:build !race

package impl

// The records of a superslab (the superslab record, its slab records and
// bitmaps) fill the first slots of its mapping.

// recordsOf returns the address of the records of the superslab mapped at
// base.
func recordsOf(base uintptr) uintptr { return base }

// newRecords returns the records' address for the new superslab mapped at
// base (zeroed, as the mapping is).
func (a *Allocator) newRecords(base uintptr) uintptr { return base }
