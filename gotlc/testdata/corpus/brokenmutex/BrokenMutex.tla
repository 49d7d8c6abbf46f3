---------------------------- MODULE BrokenMutex ----------------------------
(***************************************************************************)
(* A lock taken by testing a shared flag and then setting it in a second   *)
(* step. Two processes can both see the lock free before either sets it,  *)
(* so MutualExclusion is violated.                                         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Procs      \* a set of model values

VARIABLES locked, pc

vars == <<locked, pc>>

Init ==
    /\ locked = FALSE
    /\ pc = [p \in Procs |-> "idle"]

Test(p) ==
    /\ pc[p] = "idle"
    /\ ~locked
    /\ pc' = [pc EXCEPT ![p] = "set"]
    /\ UNCHANGED locked

Set(p) ==
    /\ pc[p] = "set"
    /\ locked' = TRUE
    /\ pc' = [pc EXCEPT ![p] = "cs"]

Release(p) ==
    /\ pc[p] = "cs"
    /\ locked' = FALSE
    /\ pc' = [pc EXCEPT ![p] = "idle"]

Next == \E p \in Procs : Test(p) \/ Set(p) \/ Release(p)

Spec == Init /\ [][Next]_vars

InCS == {p \in Procs : pc[p] = "cs"}

MutualExclusion == Cardinality(InCS) <= 1
=============================================================================
