---------------------------- MODULE IndStatesComplete ----------------------------
(***************************************************************************)
(* Checks, at small bounds, that IndStates (IndInv.tla) produces exactly   *)
(* the states of the bounded type that satisfy IndInv, in both directions. *)
(* The inductive step (IndInvStep*.cfg) starts from IndStates, so a state  *)
(* IndInv allows but IndStates misses would silently weaken it; this       *)
(* replaces the hand argument of proofs/README.md by a check.              *)
(*                                                                         *)
(*   IndStatesComplete*.cfg: INIT TypeIndInv (the bounded type filtered    *)
(*       by IndInv), INVARIANT InIndStates: every such state is one that   *)
(*       IndStates produces.                                               *)
(*   IndStatesSound*.cfg:    INIT IndStates, INVARIANT TypeIndInv: every   *)
(*       state IndStates produces is in the bounded type and satisfies     *)
(*       IndInv.                                                           *)
(*   IndStatesComplete*Seeded.cfg: Seeded = "NoSeenHead" leaves a case    *)
(*       out of IndStates (a push that read a non-empty remote head), and  *)
(*       Seeded = "NoBatchPush" another (a local batch being pushed); the  *)
(*       completeness check must fail.                                     *)
(***************************************************************************)
EXTENDS IndInv

CONSTANT Seeded  \* "none", "NoSeenHead" or "NoBatchPush": IndStates with a case left out

ASSUME Seeded \in {"none", "NoSeenHead", "NoBatchPush"}

(* The integer-valued variables range over these bounds, one wider than   *)
(* IndInv allows on each side (Used in 0..Cap, SllCount and TotalActive   *)
(* in 0..NB, a chain's count in 0..Batch, a local batch's count in        *)
(* 0..RemoteBatch), so that a state IndInv allowed *)
(* outside them would show at their edge and fail the check.              *)
Wide(lo, hi) == (lo - 1)..(hi + 1)

(* The bounded type filtered by IndInv, written as one conjunction that a *)
(* model checker enumerates left to right: the range of each variable, then *)
(* the conjuncts of IndInv whose variables are all bound by then (they only *)
(* prune: each is a conjunct of IndInv), and IndInv itself at the end.     *)
(* A local batch's range is filtered by BatchRecShape, the part of the    *)
(* conjunct BatchShape of IndInv that speaks of one heap's batch alone.   *)
TypeIndInv ==
    /\ Carved \in [Slabs -> 0..Cap]
    /\ Current \in [Heaps -> Slabs \cup {Nil}]
    /\ Owner \in [Slabs -> Heaps \cup {Nil}]
    /\ OwnerMatchesCurrent
    /\ Phase \in [Heaps -> Phases]
    /\ Drained \in [Heaps -> Blocks \cup {Nil}]
    /\ NoDrainRead
    /\ InUse \in SUBSET Blocks
    /\ next \in [Blocks -> Blocks \cup {Nil}]
    /\ LinksOfFreeBlocks
    /\ LinksInSlab
    /\ Pending \in [Heaps -> [blk : Blocks \cup {Nil}, seen : Blocks \cup {Nil}]]
    /\ PendingShape
    /\ LocalBatch \in [Heaps -> {q \in [slab : Slabs \cup {Nil}, head : Blocks \cup {Nil},
                                          tail : Blocks \cup {Nil}, count : 0..(RemoteBatch + 1),
                                          seen : Blocks \cup {Nil}, pushing : BOOLEAN] :
                                   BatchRecShape(q)}]
    /\ BatchShape
    /\ BatchListsMatch
    /\ RefillHasSlab
    /\ Chain \in [Heaps -> [head : Blocks \cup {Nil}, tail : Blocks \cup {Nil},
                            count : 0..(Batch + 1)]]
    /\ ChainShape
    /\ Freelist \in [Slabs -> Blocks \cup {Nil}]
    /\ Remote \in [Slabs -> Blocks \cup {Nil}]
    /\ Sll \in [Heaps -> Blocks \cup {Nil}]
    /\ ExactlyOnePlace
    /\ SllCount \in [Heaps -> Wide(0, NB)]
    /\ RemoteCount \in [Slabs -> Wide(0, Cap)]
    /\ CountsMatchLists
    /\ Used \in [Slabs -> Wide(0, Cap)]
    /\ TotalActive \in [SuperSlabs -> Wide(0, NB)]
    /\ CounterBalance
    /\ IndInv

(* IndStates, or with Seeded = "NoSeenHead" IndStates without the states  *)
(* in which a pending push read a non-empty head, with "NoBatchPush"       *)
(* without those in which a local batch's push is in flight.               *)
IndStatesUnderTest ==
    /\ IndStates
    /\ Seeded = "NoSeenHead" => \A h \in Heaps : Pending[h].seen = Nil
    /\ Seeded = "NoBatchPush" => \A h \in Heaps : ~LocalBatch[h].pushing

(* As an invariant: the current state is one IndStatesUnderTest produces. *)
InIndStates == IndStatesUnderTest
=============================================================================
