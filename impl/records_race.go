//go:build race

package impl

import "unsafe"

// Under the race detector the records of a superslab (the superslab record,
// its slab records and bitmaps) live on the Go heap, not in the mapping:
// the detector sees only Go memory, and these are the fields that
// goroutines share (the remote stack head, the owner, the counters). A
// plain access to a field documented as atomic is then reported by
// go test -race (TestRaceDetectorSeesSlabRecords). The mapping's first word
// holds the records' address; Allocator.records keeps them alive (the Go
// heap does not move objects, and the records hold no Go pointers).

// recordsOf returns the address of the records of the superslab mapped at
// base.
func recordsOf(base uintptr) uintptr { return word(base) }

// newRecords allocates the zeroed records of the new superslab mapped at
// base on the Go heap and returns their address.
func (a *Allocator) newRecords(base uintptr) uintptr {
	r := make([]uint64, (a.recordsSize()+7)/8)
	a.records = append(a.records, r)
	p := uintptr(unsafe.Pointer(&r[0]))
	setWord(base, p)
	return p
}
