------------------------- MODULE AllocatorAbstract -------------------------
(***************************************************************************)
(* The sequential allocator: the behaviour a user of veralloc may rely on. *)
(* Every block is either free or in the user's hands (InUse).  Alloc hands *)
(* out one block that is not in use; Free takes back one that is.  This is *)
(* the specification Porcupine checks histories of the implementation     *)
(* against, and the protocol spec (Allocator.tla) refines it under the     *)
(* mapping "in use = in the user's hands".                                 *)
(***************************************************************************)
CONSTANT Blocks

VARIABLE InUse

vars == <<InUse>>

TypeOK == InUse \subseteq Blocks

Init == InUse = {}

(***************************************************************************)
(* Alloc: some block not in use passes into the user's hands.             *)
(***************************************************************************)
Alloc == \E b \in Blocks \ InUse : InUse' = InUse \cup {b}

(***************************************************************************)
(* Free: a block in the user's hands is given back.                       *)
(***************************************************************************)
Free == \E b \in InUse : InUse' = InUse \ {b}

Next == Alloc \/ Free

Spec == Init /\ [][Next]_vars

THEOREM Spec => []TypeOK
=============================================================================
