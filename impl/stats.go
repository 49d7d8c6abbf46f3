package impl

import "sync/atomic"

// Stats is a point-in-time summary of an allocator. Counters read while
// heaps run are each exact at the moment read but not mutually consistent;
// each heap counts its own remote pushes and refills and Stats adds them
// up.
type Stats struct {
	BytesMapped      int64 // superslabs and large mappings, in bytes
	BytesDecommitted int64 // part of BytesMapped given back with madvise (fully free superslabs)
	Superslabs       int   // superslabs mapped
	Heaps            int   // open heaps
	LargeLive        int   // live large blocks
	LargeLiveBytes   int64 // their requested bytes
	LargeAllocs      int64 // large blocks allocated so far
	LargeFrees       int64 // large blocks freed so far
	Classes          []ClassStats
	Supers           []SuperslabStats
}

// ClassStats summarises one size class.
type ClassStats struct {
	Class, Size   int
	Slabs         int   // slabs of the class (owned or orphaned)
	Orphans       int   // of which orphaned
	Used          int64 // Σ Used of its slabs
	Carved        int64 // Σ Carved of its slabs
	Refills       int64 // refills run
	RemotePushes  int64 // remote frees pushed
	RemoteDrained int64 // blocks taken off remote stacks (drains and adoptions)
	Orphaned      int64 // slabs orphaned (retired while in use, or by heap exit)
	Adopted       int64 // orphans adopted (by heaps, or by the reclaimer)
	Acquired      int64 // fresh slabs acquired
	Returned      int64 // slabs returned to their superslab's free pool
}

// SuperslabStats describes one superslab and its slabs.
type SuperslabStats struct {
	Index       int
	Base        uintptr
	TotalActive int64 // the spec's TotalActive
	FreeSlabs   int   // slabs in the free pool
	Decommitted bool  // all its slabs free and its pages given back
	Slabs       []SlabStats
}

// SlabStats describes one slab slot.
type SlabStats struct {
	Slot      int
	Class     int // -1 when in the free pool
	Capacity  int
	Carved    int
	Used      int
	Owner     uint32 // heap id, 0 = none
	Orphaned  bool
	RemoteLen int // blocks on its remote stack
}

// Stats returns the allocator's counters. Safe for concurrent use.
func (a *Allocator) Stats() Stats {
	a.mu.Lock()
	defer a.mu.Unlock()
	st := Stats{
		BytesMapped:      a.bytesMapped,
		BytesDecommitted: a.bytesDecommitted,
		Superslabs:       len(a.supers),
		Heaps:            len(a.heaps),
		LargeLive:        len(a.large),
		LargeLiveBytes:   a.largeLive,
		LargeAllocs:      a.largeAllocs.Load(),
		LargeFrees:       a.largeFrees.Load(),
		Classes:          make([]ClassStats, a.nclasses),
	}
	for c := range st.Classes {
		ev := &a.ev[c]
		st.Classes[c] = ClassStats{Class: c, Size: classSize[c],
			Refills: ev.refills.Load(), RemotePushes: ev.pushes.Load(), RemoteDrained: ev.drained.Load(),
			Orphaned: ev.orphaned.Load(), Adopted: ev.adopted.Load(), Acquired: ev.acquired.Load(),
			Returned: ev.returned.Load()}
		for _, h := range a.heaps {
			st.Classes[c].RemotePushes += h.pushes[c].Load()
			st.Classes[c].Refills += h.refills[c].Load()
		}
	}
	for _, base := range a.supers {
		ss := ssAt(base)
		sst := SuperslabStats{Index: int(ss.index), Base: base, TotalActive: atomic.LoadInt64(&ss.totalActive),
			Decommitted: ss.decommit}
		for i := a.firstSlot; i < a.slots; i++ {
			s := ss.slab(a, i)
			if ss.freeMask&(1<<uint(i)) != 0 {
				sst.FreeSlabs++
				sst.Slabs = append(sst.Slabs, SlabStats{Slot: i, Class: -1})
				continue
			}
			sl := SlabStats{Slot: i, Class: int(atomic.LoadInt32(&s.class)), Capacity: int(s.capacity),
				Carved: int(atomic.LoadInt32(&s.carved)), Used: int(atomic.LoadInt32(&s.used)),
				Owner: atomic.LoadUint32(&s.owner), Orphaned: atomic.LoadUint32(&s.orphaned) != 0,
				RemoteLen: int(s.remoteCount())}
			sst.Slabs = append(sst.Slabs, sl)
			if c := sl.Class; c >= 0 && c < a.nclasses {
				cs := &st.Classes[c]
				cs.Slabs++
				if sl.Orphaned {
					cs.Orphans++
				}
				cs.Used += int64(sl.Used)
				cs.Carved += int64(sl.Carved)
			}
		}
		st.Supers = append(st.Supers, sst)
	}
	return st
}
