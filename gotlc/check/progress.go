package check

import (
	"sync"
	"time"
)

// progress reports the running counts from a goroutine of its own, every
// Options.ProgressEvery, so that a line appears even while one long step
// (computing the initial states, say) runs. The search publishes its
// counts with set.
type progress struct {
	mu sync.Mutex
	st Stats
}

func (p *progress) set(st Stats, init bool) {
	st.Init = init
	p.mu.Lock()
	p.st = st
	p.mu.Unlock()
}

func (p *progress) get() Stats {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.st
}

// start runs f every period until the returned stop is called; stop
// returns after the last call of f has returned.
func (p *progress) start(f func(Stats), every time.Duration) (stop func()) {
	if f == nil {
		return func() {}
	}
	return tick(every, func() { f(p.get()) })
}
