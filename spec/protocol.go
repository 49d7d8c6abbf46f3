package spec

// The actions of Allocator.tla, one method each, with the spec's names.
//
// Each method is called on the current state (the unprimed variables) and
// returns the successor (the primed variables) and whether the action is
// enabled; when it is not, the State returned is st itself. The receiver is
// never modified: every right-hand side below reads st, every assignment
// writes n, a clone, exactly as in TLA+ where primed variables are defined
// from unprimed ones. Variables an action leaves UNCHANGED are simply not
// written.

// prependToFreelist is PrependToFreelist(s, p, l): the taken list l (head p)
// goes onto the front of slab s's freelist.
func (st State) prependToFreelist(n *State, s Slab, p Block, l []Block) {
	if len(l) == 0 {
		return
	}
	n.Next[st.cfg.BlockIndex(l[len(l)-1])] = st.Freelist[s]
	n.Freelist[s] = p
}

// addActive is AddActive(s, k): Used[s] and TotalActive[SuperOf[s]] move by k.
func (st State) addActive(n *State, s Slab, k int) {
	n.Used[s] = st.Used[s] + k
	ss := st.cfg.SuperOf[s]
	n.TotalActive[ss] = st.TotalActive[ss] + k
}

func (st State) setNext(n *State, b, to Block) { n.Next[st.cfg.BlockIndex(b)] = to }

// Alloc pops the head of heap h's cache list into the users' hands.
//
// spec: Allocator!Alloc
func (st State) Alloc(h Heap) (State, bool) {
	if !st.Idle(h) || st.Sll[h] == NilBlock {
		return st, false
	}
	n := st.Clone()
	b := st.Sll[h]
	n.Sll[h] = st.NextOf(b)
	st.setNext(&n, b, NilBlock)
	n.SllCount[h] = st.SllCount[h] - 1
	n.InUse[st.cfg.BlockIndex(b)] = true
	return n, true
}

// RefillMayStart is RefillMayStart(h): heap h is idle, has a current slab,
// its cache list runs low (fewer than Batch blocks), and its local batch is
// empty (a refill flushes it first).
func (st State) RefillMayStart(h Heap) bool {
	return st.Idle(h) && st.Current[h] != NilSlab && st.SllCount[h] < st.cfg.Batch && st.LocalBatch[h].Count == 0
}

// DrainRead is the first half of the non-atomic drain of Bug "B4": read the
// remote head into Drained[h]; the clear comes later, in DrainRemote.
//
// spec: Allocator!DrainRead
func (st State) DrainRead(h Heap) (State, bool) {
	if st.cfg.Bug != BugB4 || !st.RefillMayStart(h) {
		return st, false
	}
	n := st.Clone()
	n.Drained[h] = st.Remote[st.Current[h]]
	n.Phase[h] = PhaseReading
	return n, true
}

// DrainRemote is Refill step 1: take the current slab's whole remote stack
// by one atomic exchange and prepend it to the freelist; Used and
// TotalActive drop by the number of blocks taken.
//
// spec: Allocator!DrainRemote
func (st State) DrainRemote(h Heap) (State, bool) {
	if st.cfg.Bug == BugB4 {
		if st.Phase[h] != PhaseReading {
			return st, false
		}
	} else if !st.RefillMayStart(h) {
		return st, false
	}
	s := st.Current[h]
	taken := st.Remote[s]
	if st.cfg.Bug == BugB4 {
		taken = st.Drained[h]
	}
	l := st.List(taken)
	n := st.Clone()
	n.Remote[s] = NilBlock
	n.RemoteCount[s] = 0
	st.prependToFreelist(&n, s, taken, l)
	st.addActive(&n, s, -len(l))
	n.Phase[h] = PhaseDrained
	n.Drained[h] = NilBlock
	return n, true
}

// PopFreelist is Refill step 2: cut up to Batch blocks off the front of the
// freelist into the refill chain; Used and TotalActive rise by the number cut.
//
// spec: Allocator!PopFreelist
func (st State) PopFreelist(h Heap) (State, bool) {
	if st.Phase[h] != PhaseDrained {
		return st, false
	}
	s := st.Current[h]
	fl := st.List(st.Freelist[s])
	k := min(st.cfg.Batch, len(fl))
	n := st.Clone()
	if k > 0 {
		n.Chain[h] = ChainRec{Head: fl[0], Tail: fl[k-1], Count: k}
		n.Freelist[s] = st.NextOf(fl[k-1])
		st.setNext(&n, fl[k-1], NilBlock)
		st.addActive(&n, s, k)
	}
	n.Phase[h] = PhasePopped
	return n, true
}

// LinearCarve is Refill step 3: carve fresh blocks at the slab's cursor until
// the chain holds Batch blocks or the slab is fully carved, link them in
// order and append them to the chain; Carved, Used and TotalActive rise by
// the number carved.
//
// spec: Allocator!LinearCarve
func (st State) LinearCarve(h Heap) (State, bool) {
	if st.Phase[h] != PhasePopped {
		return st, false
	}
	s := st.Current[h]
	c := st.Chain[h]
	k := min(st.cfg.Batch-c.Count, st.cfg.Cap-st.Carved[s])
	n := st.Clone()
	if k > 0 {
		newb := make([]Block, k) // new[i+1] of the spec
		for i := range newb {
			newb[i] = Block{s, st.Carved[s] + i + 1}
		}
		// The IF ... ELSE IF of the spec, lowest precedence first so that the
		// earlier branches override: chain tail, then the new blocks.
		if c.Count > 0 {
			st.setNext(&n, c.Tail, newb[0])
		}
		for i := 0; i < k-1; i++ {
			st.setNext(&n, newb[i], Block{s, newb[i].Index + 1})
		}
		st.setNext(&n, newb[k-1], NilBlock)
		head := c.Head
		if c.Count == 0 {
			head = newb[0]
		}
		n.Chain[h] = ChainRec{Head: head, Tail: newb[k-1], Count: c.Count + k}
		n.Carved[s] = st.Carved[s] + k
		st.addActive(&n, s, k)
	}
	n.Phase[h] = PhaseCarved
	return n, true
}

// SpliceToSll is Refill step 4: link the chain in front of the cache list
// and raise SllCount by the number of blocks the chain holds. No slab
// counter moves here (except with Bug "B1").
//
// spec: Allocator!SpliceToSll
func (st State) SpliceToSll(h Heap) (State, bool) {
	if st.Phase[h] != PhaseCarved {
		return st, false
	}
	c := st.Chain[h]
	n := st.Clone()
	if c.Count != 0 {
		tailNext := st.Sll[h]
		if st.cfg.Bug == BugB3 {
			tailNext = NilBlock
		}
		st.setNext(&n, c.Tail, tailNext)
		n.Sll[h] = c.Head
		add := c.Count
		if st.cfg.Bug == BugSllBatch {
			add = st.cfg.Batch
		}
		n.SllCount[h] = st.SllCount[h] + add
		if st.cfg.Bug == BugB1 {
			ss := st.cfg.SuperOf[st.Current[h]]
			n.TotalActive[ss] = st.TotalActive[ss] + c.Count
		}
	}
	n.Chain[h] = NoChain
	n.Phase[h] = PhaseIdle
	return n, true
}

// AcquireSlab: a heap with no current slab takes the fresh slab s.
//
// spec: Allocator!AcquireSlab
func (st State) AcquireSlab(h Heap, s Slab) (State, bool) {
	if !st.Idle(h) || st.Current[h] != NilSlab || st.Owner[s] != NilHeap || st.Carved[s] != 0 {
		return st, false
	}
	n := st.Clone()
	n.Owner[s] = h
	n.Current[h] = s
	return n, true
}

// RetireSlab: with an empty cache list, heap h gives up its current slab
// when it is fully free (it returns to its superslab, uncarved) or exhausted
// (it is orphaned).
//
// spec: Allocator!RetireSlab
func (st State) RetireSlab(h Heap) (State, bool) {
	if !st.Idle(h) || st.Current[h] == NilSlab || st.SllCount[h] != 0 {
		return st, false
	}
	s := st.Current[h]
	if !(st.Used[s] == 0 || (st.Freelist[s] == NilBlock && st.Carved[s] == st.cfg.Cap)) {
		return st, false
	}
	n := st.Clone()
	if st.Used[s] == 0 {
		n.Carved[s] = 0
		n.Freelist[s] = NilBlock
		for i := 1; i <= st.cfg.Cap; i++ {
			st.setNext(&n, Block{s, i}, NilBlock)
		}
	}
	n.Owner[s] = NilHeap
	n.Current[h] = NilSlab
	return n, true
}

// FreeLocal: the user gives b back through the heap that owns its slab: onto
// the cache list, or onto the slab's freelist when the cache list is full
// (then Used and TotalActive drop by one).
//
// spec: Allocator!FreeLocal
func (st State) FreeLocal(h Heap, b Block) (State, bool) {
	if !st.Idle(h) || !st.IsInUse(b) || st.Owner[b.Slab] != h {
		return st, false
	}
	s := b.Slab
	n := st.Clone()
	if st.SllCount[h] < st.cfg.SllMax {
		st.setNext(&n, b, st.Sll[h])
		n.Sll[h] = b
		n.SllCount[h] = st.SllCount[h] + 1
	} else {
		st.setNext(&n, b, st.Freelist[s])
		n.Freelist[s] = b
		st.addActive(&n, s, -1)
	}
	n.InUse[st.cfg.BlockIndex(b)] = false
	return n, true
}

// FreeRemote: the user gives b back through a heap that does not own its
// slab; the Treiber push starts: read the remote head and link b to it.
//
// spec: Allocator!FreeRemote
func (st State) FreeRemote(h Heap, b Block) (State, bool) {
	if st.cfg.RemoteBatch != 0 || !st.Idle(h) || !st.IsInUse(b) || st.Owner[b.Slab] == h {
		return st, false
	}
	seen := st.Remote[b.Slab]
	n := st.Clone()
	st.setNext(&n, b, seen)
	n.Pending[h] = PendingRec{Blk: b, Seen: seen}
	n.InUse[st.cfg.BlockIndex(b)] = false
	return n, true
}

// FreeRemoteCas: compare-and-swap the remote head from the value read to the
// block; on failure re-read the head and relink (the retry is a later step).
//
// spec: Allocator!FreeRemoteCas
func (st State) FreeRemoteCas(h Heap) (State, bool) {
	p := st.Pending[h]
	if p.Blk == NilBlock {
		return st, false
	}
	s := p.Blk.Slab
	n := st.Clone()
	if st.Remote[s] == p.Seen {
		n.Remote[s] = p.Blk
		n.RemoteCount[s] = st.RemoteCount[s] + 1
		n.Pending[h] = NoPending
	} else {
		st.setNext(&n, p.Blk, st.Remote[s])
		n.Pending[h] = PendingRec{Blk: p.Blk, Seen: st.Remote[s]}
	}
	return n, true
}

// FreeToBatch: with local batches (RemoteBatch > 0) a remote free puts b at
// the front of heap h's local batch (blocks of one slab; a full batch, or
// one for another slab, is flushed first).
//
// spec: Allocator!FreeToBatch
func (st State) FreeToBatch(h Heap, b Block) (State, bool) {
	q := st.LocalBatch[h]
	if st.cfg.RemoteBatch == 0 || !st.Idle(h) || !st.IsInUse(b) || st.Owner[b.Slab] == h ||
		q.Count >= st.cfg.RemoteBatch || (q.Count != 0 && q.Slab != b.Slab) {
		return st, false
	}
	n := st.Clone()
	st.setNext(&n, b, q.Head)
	nq := q
	nq.Slab, nq.Head, nq.Count = b.Slab, b, q.Count+1
	if q.Count == 0 {
		nq.Tail = b
	}
	n.LocalBatch[h] = nq
	n.InUse[st.cfg.BlockIndex(b)] = false
	return n, true
}

// batchLinked is the block of batch q whose next a flush sets: its tail (its
// head under Bug "BatchLinksHead").
func (st State) batchLinked(q BatchRec) Block {
	if st.cfg.Bug == BugBatchLinksHead {
		return q.Head
	}
	return q.Tail
}

// FreeRemoteBatch: the flush of heap h's local batch starts: read the
// slab's remote head and link the batch's tail to it.
//
// spec: Allocator!FreeRemoteBatch
func (st State) FreeRemoteBatch(h Heap) (State, bool) {
	q := st.LocalBatch[h]
	if !st.Idle(h) || q.Count == 0 {
		return st, false
	}
	s := q.Slab
	if st.cfg.Bug == BugBatchWrongSlab && st.Current[h] != NilSlab {
		s = st.Current[h]
	}
	n := st.Clone()
	st.setNext(&n, st.batchLinked(q), st.Remote[s])
	q.Slab, q.Seen, q.Pushing = s, st.Remote[s], true
	n.LocalBatch[h] = q
	return n, true
}

// FreeRemoteBatchCas: compare-and-swap the remote head from the value read
// to the batch's head, raising the remote count by the batch's size; on
// failure re-read the head and relink the tail (the retry is a later step).
//
// spec: Allocator!FreeRemoteBatchCas
func (st State) FreeRemoteBatchCas(h Heap) (State, bool) {
	q := st.LocalBatch[h]
	if !q.Pushing {
		return st, false
	}
	s := q.Slab
	n := st.Clone()
	if st.Remote[s] == q.Seen {
		n.Remote[s] = q.Head
		k := q.Count
		if st.cfg.Bug == BugBatchCountLimit {
			k = st.cfg.RemoteBatch
		}
		n.RemoteCount[s] = st.RemoteCount[s] + k
		n.LocalBatch[h] = NoBatch
	} else {
		st.setNext(&n, st.batchLinked(q), st.Remote[s])
		q.Seen = st.Remote[s]
		n.LocalBatch[h] = q
	}
	return n, true
}

// HeapExit: heap h closes; its cache list is flushed onto its slab's
// freelist (counters drop by the number flushed) and the slab is orphaned.
// Its local batch has been flushed before (under Bug "ExitNoFlush" it is
// dropped instead).
//
// spec: Allocator!HeapExit
func (st State) HeapExit(h Heap) (State, bool) {
	if !st.Idle(h) || st.Current[h] == NilSlab || (st.cfg.Bug != BugExitNoFlush && st.LocalBatch[h].Count != 0) {
		return st, false
	}
	s := st.Current[h]
	l := st.List(st.Sll[h])
	n := st.Clone()
	st.prependToFreelist(&n, s, st.Sll[h], l)
	st.addActive(&n, s, -len(l))
	n.Owner[s] = NilHeap
	n.Sll[h] = NilBlock
	n.SllCount[h] = 0
	n.Current[h] = NilSlab
	n.LocalBatch[h] = NoBatch
	return n, true
}

// Adopt: a heap with no current slab takes the orphaned slab s and drains
// its remote stack by one atomic exchange.
//
// spec: Allocator!Adopt
func (st State) Adopt(h Heap, s Slab) (State, bool) {
	if !st.Idle(h) || st.Current[h] != NilSlab || st.Owner[s] != NilHeap || st.Carved[s] <= 0 {
		return st, false
	}
	n := st.Clone()
	n.Owner[s] = h
	n.Current[h] = s
	n.Remote[s] = NilBlock
	n.RemoteCount[s] = 0
	if st.cfg.Bug != BugAdoptNoDrain {
		l := st.List(st.Remote[s])
		st.prependToFreelist(&n, s, st.Remote[s], l)
		st.addActive(&n, s, -len(l))
	}
	return n, true
}
