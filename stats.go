//go:build linux

package veralloc

import (
	"expvar"
	"fmt"
	"sync"
)

// Stats is a point-in-time summary of an allocator's memory. Figures read
// while heaps run are each exact when read but not mutually consistent.
//
// "In use" counts the memory a block holds, not the bytes requested: a
// small block counts its class's block size, a large block its whole
// mapping. A small block is in use from the refill that takes it off its
// slab until its free reaches the slab's freelist, so blocks waiting in a
// heap's cache list (at most Options.SllMax per class and heap) count as in
// use; blocks on a slab's remote stack do not.
type Stats struct {
	BytesInUse       int64 // small blocks in use + large mappings
	BytesMapped      int64 // superslabs + large mappings
	BytesDecommitted int64 // part of BytesMapped given back to the kernel (free superslabs)
	Heaps            int   // open heaps
	LargeBlocks      int   // live large blocks
	LargeBytesMapped int64 // their mappings (all in use)
	// Classes lists the size classes that have slabs, by class.
	Classes []ClassStats
}

// ClassStats is the memory of one size class.
type ClassStats struct {
	Class       int   // class number, 0..87
	Size        int   // block size in bytes
	Slabs       int   // slabs of the class (owned by a heap or orphaned)
	BlocksInUse int64 // blocks in use
	BytesInUse  int64 // BlocksInUse * Size
	BytesMapped int64 // Slabs * slab size
}

// Stats returns the allocator's memory figures. Safe for concurrent use.
func (a *Allocator) Stats() Stats {
	st := a.a.Stats()
	slab := int64(a.a.SlabSize())
	out := Stats{
		BytesMapped:      st.BytesMapped,
		BytesDecommitted: st.BytesDecommitted,
		Heaps:            st.Heaps,
		LargeBlocks:      st.LargeLive,
		LargeBytesMapped: st.BytesMapped - int64(st.Superslabs)*int64(a.a.SuperslabSize()),
	}
	remote := make([]int64, len(st.Classes))
	for _, ss := range st.Supers {
		for _, s := range ss.Slabs {
			if s.Class >= 0 && s.Class < len(remote) {
				remote[s.Class] += int64(s.RemoteLen)
			}
		}
	}
	out.BytesInUse = out.LargeBytesMapped
	for _, cs := range st.Classes {
		if cs.Slabs == 0 {
			continue
		}
		blocks := max(cs.Used-remote[cs.Class], 0)
		c := ClassStats{Class: cs.Class, Size: cs.Size, Slabs: cs.Slabs, BlocksInUse: blocks,
			BytesInUse: blocks * int64(cs.Size), BytesMapped: int64(cs.Slabs) * slab}
		out.BytesInUse += c.BytesInUse
		out.Classes = append(out.Classes, c)
	}
	return out
}

var publishMu sync.Mutex

// Publish makes the allocator's Stats the expvar variable name (its value
// is Stats as JSON, computed when read; net/http's default mux serves every
// expvar variable at /debug/vars). It fails if name is already taken.
func (a *Allocator) Publish(name string) error {
	publishMu.Lock()
	defer publishMu.Unlock()
	if expvar.Get(name) != nil {
		return fmt.Errorf("veralloc: Publish: expvar name %q is already taken", name)
	}
	expvar.Publish(name, expvar.Func(func() any { return a.Stats() }))
	return nil
}
