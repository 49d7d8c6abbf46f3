// Package linearize ties the allocator (impl/) back to its specification
// (spec/, tla/) by testing, in three ways:
//
//   - Record runs goroutines on real heaps (allocate, free locally, hand a
//     block to another goroutine that frees it remotely through its own
//     heap, close and reopen heaps) and records every Alloc and Free with
//     call and return times taken inside the operation's window, from one
//     clock shared by all goroutines. It is the project's one stress
//     driver: with Config.Trace set it also writes the allocator's trace
//     (`veralloc tracerun`, trace validation).
//   - Check decides with Porcupine whether a recorded history is
//     linearizable with respect to spec.AbstractModel (tla/AllocatorAbstract.tla:
//     Alloc hands out a block not in use, Free takes back one in use). A
//     timeout is the verdict Unknown, never a pass. A failing history is
//     written out as Porcupine's HTML visualization.
//   - The audit, done by Record itself and returned as Run.Problems, checks
//     what a history cannot show: at the end of a run every block must come
//     back (Allocator.Close succeeds), the allocator's own invariant check
//     must pass, and no block's contents may change while it is in the
//     user's hands.
//
// RunAndCheck does Record then Check; Result.Report prints the outcome.
//
// The model-based tests (machine_test.go) drive real heaps and the
// protocol state machine of spec/ side by side with pgregory.net/rapid and
// compare the implementation's lists and counters with the model after
// every step.
//
// `veralloc lincheck` (cmd/veralloc/lincheck.go) is the command-line front
// end of RunAndCheck. See README.md for what each check catches.
package linearize
