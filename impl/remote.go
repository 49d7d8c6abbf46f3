package impl

import "sync/atomic"

// The remote stack's head word (slab.remote), the spec's Remote[s]. Any
// goroutine pushes to it with a compare-and-swap (FreeRemoteCas); its owner
// takes the whole stack with one atomic exchange (DrainRemote, Adopt). The
// word packs three fields, so that one atomic operation reads or writes all
// of them together:
//
//	bits  0..15  the head block: its index in the slab + 1 (0: empty)
//	bits 16..31  the stack's length (a drain knows how many blocks it took)
//	bits 32..63  the version: +1 on every write of the word
//
// The version totally orders the writes to one head: every push's CAS
// and every drain's exchange reads version v and writes v+1, so no two
// writes produce the same version while the slab keeps its class (it
// wraps after 2^32 writes; a CAS can be fooled by that wrap only if 2^32
// writes happen between its read and its CAS). It is also the ABA guard:
// a CAS whose head was popped and pushed back meanwhile fails, because the
// version moved. A traced run logs the versions each action read and wrote
// (trace_on.go), which is how the trace checker orders the actions of
// different heaps on one remote stack (docs/trace-validation.md).
//
// A block index fits in 16 bits: a slab holds at most 65535 blocks
// (Options.SlabBlocks), and a 512 KiB slab of 16-byte blocks holds 32768.
const (
	remoteHeadBits  = 16
	remoteCountBits = 16
	remoteHeadMask  = 1<<remoteHeadBits - 1
	remoteCountMask = 1<<remoteCountBits - 1
	remoteVerShift  = remoteHeadBits + remoteCountBits
)

// remoteVersion is the version field of head word x.
func remoteVersion(x uint64) uint32 { return uint32(x >> remoteVerShift) }

// remoteLen is the length field of head word x.
func remoteLen(x uint64) int32 { return int32(x >> remoteHeadBits & remoteCountMask) }

// remoteEmpty reports whether head word x names no block.
func remoteEmpty(x uint64) bool { return x&remoteHeadMask == 0 }

// remoteHead is the address of the head block of s's head word x (0 if
// the stack is empty).
func (s *slab) remoteHead(x uint64) uintptr {
	i := uintptr(x & remoteHeadMask)
	if i == 0 {
		return 0
	}
	return s.base + (i-1)*s.stride
}

// remotePushed is the head word after a push of a chain of n blocks whose
// first block is p onto the stack of head word x: p is the head, the
// length grows by n, the version by one. p must be a block of s.
func (s *slab) remotePushed(x uint64, p uintptr, n int32) uint64 {
	idx := blockQuot(p-s.base, s.inv, s.shift) + 1
	return uint64(remoteVersion(x)+1)<<remoteVerShift | uint64(remoteLen(x)+n)<<remoteHeadBits | idx
}

// remoteTaken is the head word after a drain took the stack of head word
// x: empty, length 0, the version one more.
func remoteTaken(x uint64) uint64 { return uint64(remoteVersion(x)+1) << remoteVerShift }

// remoteCount is the length of the remote stack.
func (s *slab) remoteCount() int32 { return remoteLen(atomic.LoadUint64(&s.remote)) }

// drainTakeRemote is the drain's take: nothing when the stack is empty
// (took false; x is the head word read), else takeRemote.
func (s *slab) drainTakeRemote() (x uint64, took bool) {
	x = atomic.LoadUint64(&s.remote)
	if remoteEmpty(x) {
		return x, false
	}
	return s.takeRemote(), true
}

// takeRemote is the drain's one atomic exchange: it empties s's remote
// stack and returns the head word it replaced. The word written is
// remoteTaken of the word read, read and written by one CAS, so the
// version moves by exactly one.
func (s *slab) takeRemote() uint64 {
	for {
		x := atomic.LoadUint64(&s.remote)
		if atomic.CompareAndSwapUint64(&s.remote, x, remoteTaken(x)) {
			return x
		}
	}
}
