------------------------- MODULE MCAllocatorLiveness -------------------------
(* Binds the constants of AllocatorLiveness for the model checker           *)
(* (tla/MCLive*.cfg and tla/mutants/live/*.cfg), as MCAllocator does for     *)
(* the safety models.                                                       *)
EXTENDS AllocatorLiveness

CONSTANTS s1, s2, ss1

(* Every slab in one superslab. *)
MCSuperOfOne == [s \in Slabs |-> ss1]
=============================================================================
