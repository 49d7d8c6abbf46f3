package value

import (
	"sync"
	"sync/atomic"
)

// TLC orders strings (and model values and record field names) by the order
// in which it first interned them, not alphabetically: built-in names first,
// then the identifiers of the parsed modules, then string literals as they
// are evaluated. Intern reproduces that: a string's rank is the order of its
// first Intern call. The checker interns the spec's identifiers and literals
// in source order before evaluating anything, so sets of strings print in
// the order TLC prints them.

var strTable struct {
	mu sync.RWMutex
	m  map[string]*Str
}

func init() {
	strTable.m = make(map[string]*Str)
	// Names TLC interns before it parses a spec (observed with TLC 2.18: a set
	// of strings containing "TRUE" prints it first).
	for _, s := range []string{"TRUE", "FALSE"} {
		Intern(s)
	}
}

// Intern returns the unique *Str for s, creating it with the next rank.
func Intern(s string) *Str {
	strTable.mu.RLock()
	p := strTable.m[s]
	strTable.mu.RUnlock()
	if p != nil {
		return p
	}
	strTable.mu.Lock()
	defer strTable.mu.Unlock()
	if p = strTable.m[s]; p != nil {
		return p
	}
	p = &Str{S: s, rank: int32(len(strTable.m)), hash: hashString(s)}
	strTable.m[s] = p
	return p
}

var modelTable struct {
	mu sync.Mutex
	m  map[string]*Model
}

// NewModel returns the model value named name (one per name).
func NewModel(name string) *Model {
	modelTable.mu.Lock()
	defer modelTable.mu.Unlock()
	if modelTable.m == nil {
		modelTable.m = make(map[string]*Model)
	}
	if m := modelTable.m[name]; m != nil {
		return m
	}
	m := &Model{Name: name, str: Intern(name)}
	modelTable.m[name] = m
	return m
}

// cachedHash memoises a composite value's hash; 0 means not yet computed.
type cachedHash struct{ v atomic.Uint64 }
