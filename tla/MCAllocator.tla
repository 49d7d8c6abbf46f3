---------------------------- MODULE MCAllocator ----------------------------
(* Binds the constants of Allocator for the model checker (see MCAllocator.cfg). *)
EXTENDS Allocator

CONSTANTS s1, s2, ss1, ss2

(* Both slabs in one superslab: TotalActive sums two slabs. *)
MCSuperOfOne == [s \in Slabs |-> ss1]
(* One slab per superslab. *)
MCSuperOfTwo == [s \in Slabs |-> IF s = s1 THEN ss1 ELSE ss2]
=============================================================================
