package spec

import (
	"fmt"
	"strings"
)

// InvariantError reports a violated invariant: its name in Allocator.tla and
// what is wrong, naming the block, slab or heap.
type InvariantError struct {
	Name   string
	Detail string
}

func (e *InvariantError) Error() string { return "Invariant " + e.Name + " is violated: " + e.Detail }

func violated(name, format string, args ...any) error {
	return &InvariantError{Name: name, Detail: fmt.Sprintf(format, args...)}
}

// Invariant is an invariant of Allocator.tla with its name.
type Invariant struct {
	Name  string
	Check func(State) error
}

// Invariants lists the invariants in the order tla/MCAllocator.cfg checks them.
var Invariants = []Invariant{
	{"TypeOK", State.TypeOK},
	{"ExactlyOnePlace", State.ExactlyOnePlace},
	{"CountsMatchLists", State.CountsMatchLists},
	{"CounterBalance", State.CounterBalance},
	{"OwnerMatchesCurrent", State.OwnerMatchesCurrent},
}

// CheckInvariants checks Invariants in order and returns the first violation
// (an *InvariantError), or nil.
func (st State) CheckInvariants() error {
	for _, inv := range Invariants {
		if err := inv.Check(st); err != nil {
			return err
		}
	}
	return nil
}

// TypeOK: every variable holds a value of its type. The Go types already
// say most of it; this checks the ranges: blocks in Blocks \cup {Nil}, Carved
// in 0..Cap, owners in Heaps \cup {Nil}, current slabs in Slabs \cup {Nil},
// phases in Phases, chain counts in Nat.
func (st State) TypeOK() error {
	c := st.cfg
	blockOK := func(b Block) bool { return b == NilBlock || c.IsBlock(b) }
	for i, x := range st.Next {
		if !blockOK(x) {
			return violated("TypeOK", "next[%v] = %v is not a block or Nil", c.BlockAt(i), x)
		}
	}
	for s := 1; s <= c.Slabs; s++ {
		switch {
		case !blockOK(st.Freelist[s]):
			return violated("TypeOK", "Freelist[%v] = %v is not a block or Nil", Slab(s), st.Freelist[s])
		case !blockOK(st.Remote[s]):
			return violated("TypeOK", "Remote[%v] = %v is not a block or Nil", Slab(s), st.Remote[s])
		case st.Carved[s] < 0 || st.Carved[s] > c.Cap:
			return violated("TypeOK", "Carved[%v] = %d is not in 0..%d", Slab(s), st.Carved[s], c.Cap)
		case st.Owner[s] < 0 || int(st.Owner[s]) > c.Heaps:
			return violated("TypeOK", "Owner[%v] = %d is not a heap or Nil", Slab(s), st.Owner[s])
		}
	}
	for h := 1; h <= c.Heaps; h++ {
		hp := Heap(h)
		ch, p := st.Chain[h], st.Pending[h]
		switch {
		case !blockOK(st.Sll[h]):
			return violated("TypeOK", "Sll[%v] = %v is not a block or Nil", hp, st.Sll[h])
		case st.Current[h] < 0 || int(st.Current[h]) > c.Slabs:
			return violated("TypeOK", "Current[%v] = %d is not a slab or Nil", hp, st.Current[h])
		case phaseCode(st.Phase[h]) < 0:
			return violated("TypeOK", "Phase[%v] = %q is not in Phases", hp, st.Phase[h])
		case !blockOK(ch.Head) || !blockOK(ch.Tail) || ch.Count < 0:
			return violated("TypeOK", "Chain[%v] = [head |-> %v, tail |-> %v, count |-> %d] is not a chain record", hp, ch.Head, ch.Tail, ch.Count)
		case !blockOK(p.Blk) || !blockOK(p.Seen):
			return violated("TypeOK", "Pending[%v] = [blk |-> %v, seen |-> %v] is not a pending record", hp, p.Blk, p.Seen)
		case !blockOK(st.Drained[h]):
			return violated("TypeOK", "Drained[%v] = %v is not a block or Nil", hp, st.Drained[h])
		}
		if q := st.LocalBatch[h]; q.Slab < 0 || int(q.Slab) > c.Slabs || !blockOK(q.Head) || !blockOK(q.Tail) ||
			q.Count < 0 || !blockOK(q.Seen) {
			return violated("TypeOK", "LocalBatch[%v] = %+v is not a local batch record", hp, q)
		}
	}
	return nil
}

func occurrences(b Block, l []Block) int {
	n := 0
	for _, x := range l {
		if x == b {
			n++
		}
	}
	return n
}

// IsCarved is IsCarved(b): b[2] <= Carved[SlabOf(b)].
func (st State) IsCarved(b Block) bool { return b.Index <= st.Carved[b.Slab] }

// Places lists where block b is, one entry per occurrence, named like the
// spec's variables: "Freelist[s1]", "Remote[s1]", "Sll[h1]", "Chain[h1]",
// "Pending[h1]", "InUse". Places(b) of the spec is the length of this list.
func (st State) Places(b Block) []string {
	c := st.cfg
	var out []string
	add := func(n int, where string) {
		for ; n > 0; n-- {
			out = append(out, where)
		}
	}
	for s := 1; s <= c.Slabs; s++ {
		add(occurrences(b, st.List(st.Freelist[s])), fmt.Sprintf("Freelist[%v]", Slab(s)))
		add(occurrences(b, st.List(st.Remote[s])), fmt.Sprintf("Remote[%v]", Slab(s)))
	}
	for h := 1; h <= c.Heaps; h++ {
		add(occurrences(b, st.List(st.Sll[h])), fmt.Sprintf("Sll[%v]", Heap(h)))
		add(occurrences(b, st.List(st.Chain[h].Head)), fmt.Sprintf("Chain[%v]", Heap(h)))
		if st.Pending[h].Blk == b {
			add(1, fmt.Sprintf("Pending[%v]", Heap(h)))
		}
		add(occurrences(b, st.BatchList(Heap(h))), fmt.Sprintf("LocalBatch[%v]", Heap(h)))
	}
	if st.IsInUse(b) {
		add(1, "InUse")
	}
	return out
}

// ExactlyOnePlace: every carved block is in exactly one place (its slab's
// freelist or remote stack, one heap's Sll or refill chain, a pending remote
// push, one heap's local batch, or the users' hands) and an uncarved block
// is in none.
func (st State) ExactlyOnePlace() error {
	c := st.cfg
	// Count every place of every block in one pass over the lists; Places
	// names them only for the report.
	count := make([]int, c.NB())
	walk := func(p Block) {
		for _, b := range st.List(p) {
			count[c.BlockIndex(b)]++
		}
	}
	for s := 1; s <= c.Slabs; s++ {
		walk(st.Freelist[s])
		walk(st.Remote[s])
	}
	for h := 1; h <= c.Heaps; h++ {
		walk(st.Sll[h])
		walk(st.Chain[h].Head)
		if b := st.Pending[h].Blk; c.IsBlock(b) {
			count[c.BlockIndex(b)]++
		}
		for _, b := range st.BatchList(Heap(h)) {
			count[c.BlockIndex(b)]++
		}
	}
	for i, u := range st.InUse {
		if u {
			count[i]++
		}
	}
	for i, n := range count {
		b := c.BlockAt(i)
		want := 0
		if st.IsCarved(b) {
			want = 1
		}
		if n == want {
			continue
		}
		p := st.Places(b)
		where := "nowhere"
		if len(p) > 0 {
			where = strings.Join(p, ", ")
		}
		state := "carved"
		if want == 0 {
			state = "not carved"
		}
		return violated("ExactlyOnePlace", "block %v (%s) is in %d places (%s), want %d", b, state, len(p), where, want)
	}
	return nil
}

// CountsMatchLists: the Sll, chain, local-batch and remote-stack counts are
// the lengths of their lists; every list is acyclic and holds only blocks of
// its slab (for a heap's Sll and chain, of its current slab; for a local
// batch, of the batch's slab); a batch's tail is its last block and links to
// Nil, or while its push is in flight to the head it read.
func (st State) CountsMatchLists() error {
	c := st.cfg
	nb := c.NB()
	for h := 1; h <= c.Heaps; h++ {
		hp := Heap(h)
		sll, chain := st.List(st.Sll[h]), st.List(st.Chain[h].Head)
		switch {
		case st.SllCount[h] != len(sll):
			return violated("CountsMatchLists", "SllCount[%v] = %d but Sll[%v] holds %d blocks", hp, st.SllCount[h], hp, len(sll))
		case st.Chain[h].Count != len(chain):
			return violated("CountsMatchLists", "Chain[%v].count = %d but the chain holds %d blocks", hp, st.Chain[h].Count, len(chain))
		case len(sll) > nb:
			return violated("CountsMatchLists", "Sll[%v] is cyclic", hp)
		case len(chain) > nb:
			return violated("CountsMatchLists", "Chain[%v] is cyclic", hp)
		}
		for _, b := range append(sll, chain...) {
			if b.Slab != st.Current[h] {
				return violated("CountsMatchLists", "block %v on the Sll or chain of %v is not of its current slab %v", b, hp, st.Current[h])
			}
		}
		q, bl := st.LocalBatch[h], st.BatchList(hp)
		switch {
		case q.Count > c.RemoteBatch:
			return violated("CountsMatchLists", "LocalBatch[%v].count = %d exceeds RemoteBatch %d", hp, q.Count, c.RemoteBatch)
		case len(bl) != q.Count:
			return violated("CountsMatchLists", "LocalBatch[%v].count = %d but the batch holds %d blocks", hp, q.Count, len(bl))
		}
		if q.Count > 0 {
			want := NilBlock
			if q.Pushing {
				want = q.Seen
			}
			switch {
			case q.Tail != bl[q.Count-1]:
				return violated("CountsMatchLists", "LocalBatch[%v].tail = %v is not its last block %v", hp, q.Tail, bl[q.Count-1])
			case st.NextOf(q.Tail) != want:
				return violated("CountsMatchLists", "the tail %v of LocalBatch[%v] links to %v, want %v", q.Tail, hp, st.NextOf(q.Tail), want)
			}
		}
		for _, b := range bl {
			if b.Slab != q.Slab {
				return violated("CountsMatchLists", "block %v in the local batch of %v is not of the batch's slab %v", b, hp, q.Slab)
			}
		}
	}
	for s := 1; s <= c.Slabs; s++ {
		sl := Slab(s)
		fl, rm := st.List(st.Freelist[s]), st.List(st.Remote[s])
		switch {
		case len(fl) > nb:
			return violated("CountsMatchLists", "Freelist[%v] is cyclic", sl)
		case len(rm) > nb:
			return violated("CountsMatchLists", "Remote[%v] is cyclic", sl)
		case st.RemoteCount[s] != len(rm):
			return violated("CountsMatchLists", "RemoteCount[%v] = %d but Remote[%v] holds %d blocks", sl, st.RemoteCount[s], sl, len(rm))
		}
		for _, b := range append(fl, rm...) {
			if b.Slab != sl {
				return violated("CountsMatchLists", "block %v on the freelist or remote stack of %v belongs to slab %v", b, sl, b.Slab)
			}
		}
	}
	return nil
}

// CounterBalance: per slab Used + Len(Freelist) = Carved, and Used is
// OutOfFreelist(s), the blocks off the freelist; per superslab TotalActive
// is the sum of Used over its slabs.
func (st State) CounterBalance() error {
	c := st.cfg
	sum := make([]int, c.SuperSlabs+1)
	for s := 1; s <= c.Slabs; s++ {
		fl := len(st.List(st.Freelist[s]))
		if st.Used[s]+fl != st.Carved[s] {
			return violated("CounterBalance", "slab %v: Used %d + Len(Freelist) %d /= Carved %d", Slab(s), st.Used[s], fl, st.Carved[s])
		}
		sum[c.SuperOf[s]] += st.Used[s]
	}
	for s := 1; s <= c.Slabs; s++ {
		if out := st.OutOfFreelist(Slab(s)); st.Used[s] != out {
			return violated("CounterBalance", "slab %v: Used %d /= %d blocks off its freelist (remote stack, local batches, pushes, Sll and chain, users' hands)", Slab(s), st.Used[s], out)
		}
	}
	for ss := 1; ss <= c.SuperSlabs; ss++ {
		if st.TotalActive[ss] != sum[ss] {
			return violated("CounterBalance", "superslab %v: TotalActive %d /= sum of Used %d", SuperSlab(ss), st.TotalActive[ss], sum[ss])
		}
	}
	return nil
}

// OwnerMatchesCurrent: Owner[s] = h <=> Current[h] = s.
func (st State) OwnerMatchesCurrent() error {
	c := st.cfg
	for s := 1; s <= c.Slabs; s++ {
		for h := 1; h <= c.Heaps; h++ {
			if (st.Owner[s] == Heap(h)) != (st.Current[h] == Slab(s)) {
				return violated("OwnerMatchesCurrent", "Owner[%v] = %v but Current[%v] = %v", Slab(s), st.Owner[s], Heap(h), st.Current[h])
			}
		}
	}
	return nil
}

// OutOfFreelist is OutOfFreelist(s): the blocks of slab s on its remote
// stack, in local batches (flushed or not), in pending pushes, on the Sll
// and chain of the heap whose current slab it is, and in the users' hands.
func (st State) OutOfFreelist(s Slab) int {
	c := st.cfg
	n := len(st.List(st.Remote[s]))
	for h := 1; h <= c.Heaps; h++ {
		if st.LocalBatch[h].Slab == s {
			n += st.LocalBatch[h].Count
		}
		if b := st.Pending[h].Blk; b != NilBlock && b.Slab == s {
			n++
		}
		if st.Current[h] == s {
			n += len(st.List(st.Sll[h])) + len(st.List(st.Chain[h].Head))
		}
	}
	for _, b := range st.InUseBlocks() {
		if b.Slab == s {
			n++
		}
	}
	return n
}
