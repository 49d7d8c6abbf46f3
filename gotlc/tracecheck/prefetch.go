package tracecheck

import (
	"runtime"
	"sync/atomic"
)

// The prefetcher decodes events in a second goroutine, in the file's order,
// a bounded distance ahead of the merge, so that decoding runs beside the
// evaluation on a machine with a core to spare. Whoever reaches an event
// first (the prefetcher or the merge, through claim) decodes it; the merge
// uses the prefetcher's result when it is there.

// decoded is an event decoded ahead (ev, or the decode error).
type decoded struct {
	ev  *event
	err error
}

type prefetcher struct {
	pre    []atomic.Pointer[decoded] // by file index
	claim  []atomic.Int32            // 1 once someone decodes it
	merged atomic.Int64              // events merged so far (the merge's progress)
	stop   atomic.Bool
	done   chan struct{}
	wake   chan struct{} // the merge moved on (cap 1)
}

// prefetchAhead is how far (in events of the file) the prefetcher may run
// ahead of the number of events merged.
const prefetchAhead = 1 << 14

func (mg *merger) startPrefetch() {
	n := len(mg.f.order)
	if n < 1024 || runtime.GOMAXPROCS(0) < 2 {
		return
	}
	p := &prefetcher{pre: make([]atomic.Pointer[decoded], n), claim: make([]atomic.Int32, n), done: make(chan struct{}), wake: make(chan struct{}, 1)}
	mg.pf = p
	m := mg.m
	go func() {
		defer close(p.done)
		d := &decoder{null: m.null}
		for i, ref := range mg.f.order {
			for int64(i) > p.merged.Load()+prefetchAhead {
				if p.stop.Load() {
					return
				}
				<-p.wake
			}
			if p.stop.Load() {
				return
			}
			if !p.claim[i].CompareAndSwap(0, 1) {
				continue
			}
			le := &mg.f.logs[ref.log][ref.idx]
			ev := d.newEvent()
			r, err := m.parseEventInto(d, le.raw, ev)
			p.pre[i].Store(&decoded{ev: r, err: err})
		}
	}()
}

func (mg *merger) stopPrefetch() {
	if mg.pf != nil {
		mg.pf.stop.Store(true)
		mg.pf.nudge()
		<-mg.pf.done
	}
}

// nudge wakes the prefetcher if it waits.
func (p *prefetcher) nudge() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// fetch is the prefetched decoding of le; ok false if the merge must
// decode le itself (the prefetcher has not reached it, or is at it now).
func (mg *merger) fetch(le *logEvent) (*decoded, bool) {
	p := mg.pf
	if p == nil {
		return nil, false
	}
	i := le.fidx
	if p.claim[i].CompareAndSwap(0, 1) {
		return nil, false
	}
	if dc := p.pre[i].Load(); dc != nil {
		p.pre[i].Store(nil) // used once; a backtrack decodes again
		return dc, true
	}
	return nil, false
}
