------------------------------ MODULE Peterson ------------------------------
(***************************************************************************)
(* Peterson's mutual exclusion for two processes, 0 and 1. Each step of a  *)
(* process reads or writes one shared variable. MutualExclusion holds.     *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES pc, flag, turn

vars == <<pc, flag, turn>>

Procs == {0, 1}
Other(p) == 1 - p

TypeOK ==
    /\ pc \in [Procs -> {"idle", "setturn", "wait", "cs", "exit"}]
    /\ flag \in [Procs -> BOOLEAN]
    /\ turn \in Procs

Init ==
    /\ pc = [p \in Procs |-> "idle"]
    /\ flag = [p \in Procs |-> FALSE]
    /\ turn = 0

\* Announce interest.
Raise(p) ==
    /\ pc[p] = "idle"
    /\ flag' = [flag EXCEPT ![p] = TRUE]
    /\ pc' = [pc EXCEPT ![p] = "setturn"]
    /\ UNCHANGED turn

\* Give the other process priority.
Yield(p) ==
    /\ pc[p] = "setturn"
    /\ turn' = Other(p)
    /\ pc' = [pc EXCEPT ![p] = "wait"]
    /\ UNCHANGED flag

\* Enter once the other is not interested or it is our turn.
Enter(p) ==
    /\ pc[p] = "wait"
    /\ ~flag[Other(p)] \/ turn = p
    /\ pc' = [pc EXCEPT ![p] = "cs"]
    /\ UNCHANGED <<flag, turn>>

Leave(p) ==
    /\ pc[p] = "cs"
    /\ pc' = [pc EXCEPT ![p] = "exit"]
    /\ UNCHANGED <<flag, turn>>

Lower(p) ==
    /\ pc[p] = "exit"
    /\ flag' = [flag EXCEPT ![p] = FALSE]
    /\ pc' = [pc EXCEPT ![p] = "idle"]
    /\ UNCHANGED turn

Next == \E p \in Procs : Raise(p) \/ Yield(p) \/ Enter(p) \/ Leave(p) \/ Lower(p)

Spec == Init /\ [][Next]_vars

MutualExclusion == ~(pc[0] = "cs" /\ pc[1] = "cs")
=============================================================================
