// Package spec is the executable specification of veralloc in Go.
//
// It has two parts, each the Go reading of one TLA+ module in tla/:
//
//   - abstract.go: AllocatorAbstract.tla, the sequential allocator (a set InUse;
//     Alloc hands out a block not in use, Free takes back one in use), as the
//     Porcupine model AbstractModel that histories of the implementation are
//     checked against, partitioned per block.
//   - protocol.go and its siblings: Allocator.tla, the protocol (batch refill,
//     remote free and drain, splice, heap exit, adoption), as a deterministic
//     state machine with the same variable and action names, its invariants,
//     and a canonical rendering of states in TLC's syntax.
//
// The anti-drift test (drift_test.go) enumerates every reachable state of the
// ci model with this machine and with gotlc on tla/MCAllocator.tla and requires
// the two sets of states to be equal.
package spec
