package impl

import "sync/atomic"

// localBatch is a heap's batch of remote frees of one size class: blocks of
// one slab that the heap does not own, linked through their first words
// (head first, the tail's link 0), not yet on the slab's remote stack (the
// spec's LocalBatch[h]). Pushing it costs one CAS for the whole chain
// instead of one per block. Its blocks still count in the slab's Used, as
// any remote free does until a drain moves it to the freelist, so the slab
// cannot be returned or reused while a batch holds blocks of it.
//
// Owner only: touched by the heap's goroutine alone.
type localBatch struct {
	slab       *slab   // the destination slab (nil when count = 0)
	head, tail uintptr // the chain: head .. tail
	count      int32   // blocks in the chain
}

// freeBatched frees p, a block of slab s that this heap does not own, into
// the class's local batch: a batch for another slab is pushed first, and a
// batch that reaches RemoteBatch blocks is pushed at once.
func (h *Heap) freeBatched(s *slab, p, tag uintptr) error {
	lb := &h.rb[atomic.LoadInt32(&s.class)]
	if lb.count != 0 && lb.slab != s {
		if err := h.flushBatch(lb); err != nil {
			return err
		}
	}
	setWord(p+8, tag)
	h.freeToBatch(lb, s, p)
	if lb.count >= h.remoteBat {
		return h.flushBatch(lb)
	}
	return nil
}

// FreeToBatch: put p at the front of the local batch lb (for slab s).
// Nothing shared is touched.
//
// spec: Allocator!FreeToBatch
func (h *Heap) freeToBatch(lb *localBatch, s *slab, p uintptr) {
	c := int(atomic.LoadInt32(&s.class)) // stable while p counts in s's Used
	traceBeginUser(h, c)
	setLink(h.linkKey, p, lb.head)
	if lb.count == 0 {
		lb.slab, lb.tail = s, p
	}
	lb.head = p
	lb.count++
	traceAction(h, actFreeToBatch, c, s, p, 1, traceSync{})
}

// flushBatch pushes the local batch lb onto its slab's remote stack:
// FreeRemoteBatch, then FreeRemoteBatchCas until it succeeds. The batch is
// empty afterwards, also when the push is refused as corruption (its
// blocks then stay counted as used, never linked into a list).
func (h *Heap) flushBatch(lb *localBatch) error {
	n := uint64(lb.count)
	seen := h.freeRemoteBatch(lb)
	// Read what we need of s while the batch's blocks still count in its
	// Used: once the CAS publishes them, the slab may be drained, returned
	// and reused for another class.
	s := lb.slab
	c, capacity := atomic.LoadInt32(&s.class), uint64(s.capacity)
	for {
		if uint64(remoteLen(seen))+n > capacity {
			head := lb.head
			*lb = localBatch{}
			return h.errBlock("Free", ErrCorrupt, s, head, 0,
				"remote stack holds "+itoa(int(remoteLen(seen)))+" blocks, a batch of "+itoa(int(n))+" would exceed capacity "+itoa(int(capacity)))
		}
		if h.freeRemoteBatchCas(lb, &seen) {
			break
		}
	}
	*lb = localBatch{}
	h.pushes[c].Add(int64(n))
	// An orphan whose last blocks just came back is returned to its
	// superslab (as in freeRemotePush).
	if atomic.LoadUint32(&s.owner) == 0 && remoteLen(seen)+int32(n) == atomic.LoadInt32(&s.used) {
		h.a.reclaimSlab(int(c), s, false)
	}
	return nil
}

// flushAll pushes every non-empty local batch (HeapExit). What it finds
// wrong is recorded as the allocator's corruption.
func (h *Heap) flushAll() {
	for c := range h.rb {
		lb := &h.rb[c]
		if lb.count == 0 {
			continue
		}
		if faultExitNoFlush {
			*lb = localBatch{} // seeded: the batch is dropped, its blocks leak
			continue
		}
		if err := h.flushBatch(lb); err != nil {
			h.a.recordCorruption(err)
		}
	}
}

// batchLinked is the block of lb whose link a push sets: the tail (the
// head under the seeded fault BatchLinksHead).
func batchLinked(lb *localBatch) uintptr {
	if faultBatchLinksHead {
		return lb.head
	}
	return lb.tail
}

// FreeRemoteBatch: the push of lb starts: read its slab's remote head and
// link the batch's tail to it. It returns the packed head read.
//
// spec: Allocator!FreeRemoteBatch
func (h *Heap) freeRemoteBatch(lb *localBatch) uint64 {
	c := int(atomic.LoadInt32(&lb.slab.class)) // stable while the batch counts in Used
	traceBegin(h, c)
	if faultBatchWrongSlab {
		// seeded: the push goes to the heap's current slab of the class
		if cur := h.cls[c&127].cur; cur != nil {
			lb.slab = cur
		}
	}
	seen := atomic.LoadUint64(&lb.slab.remote)
	setLink(h.linkKey, batchLinked(lb), lb.slab.remoteHead(seen))
	traceAction(h, actFreeRemoteBatch, c, lb.slab, lb.head, int(lb.count), traceSync{remote: syncRead, r: seen})
	return seen
}

// FreeRemoteBatchCas: one compare-and-swap of the slab's remote head from
// the value read to the batch's head, the packed count rising by the
// batch's size. On failure it re-reads the head and relinks the tail; the
// caller tries again.
//
// spec: Allocator!FreeRemoteBatchCas
func (h *Heap) freeRemoteBatchCas(lb *localBatch, seen *uint64) bool {
	s := lb.slab
	c := int(atomic.LoadInt32(&s.class)) // read before the CAS publishes the batch
	traceBegin(h, c)
	if testHookCAS != nil {
		testHookCAS(s)
	}
	k := lb.count
	if faultBatchCountLimit {
		k = h.remoteBat // seeded: the limit, not the batch's size
	}
	w := s.remotePushed(*seen, lb.head, k)
	if atomic.CompareAndSwapUint64(&s.remote, *seen, w) {
		traceAction(h, actFreeRemoteBatchCas, c, s, lb.head, int(lb.count), traceSync{remote: syncWrite, r: *seen, w: w})
		return true
	}
	*seen = atomic.LoadUint64(&s.remote)
	setLink(h.linkKey, batchLinked(lb), s.remoteHead(*seen))
	traceAction(h, actFreeRemoteBatchCas, c, s, lb.head, 0, traceSync{remote: syncRead, r: *seen, casFailed: true})
	return false
}
