---------------------------- MODULE LivePeterson ----------------------------
(***************************************************************************)
(* Peterson's algorithm for two processes, one step per line, with weak    *)
(* fairness of each process (not of its non-critical section). Every      *)
(* process that tries eventually enters: starvation freedom holds.         *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES flag, turn, pc

vars == <<flag, turn, pc>>

Other(p) == 1 - p

Init == flag = [p \in {0, 1} |-> FALSE] /\ turn = 0 /\ pc = [p \in {0, 1} |-> "ncs"]

Leave(p) == pc[p] = "ncs" /\ pc' = [pc EXCEPT ![p] = "set"] /\ UNCHANGED <<flag, turn>>

SetFlag(p) == pc[p] = "set" /\ flag' = [flag EXCEPT ![p] = TRUE] /\ pc' = [pc EXCEPT ![p] = "turn"] /\ UNCHANGED turn

SetTurn(p) == pc[p] = "turn" /\ turn' = Other(p) /\ pc' = [pc EXCEPT ![p] = "wait"] /\ UNCHANGED flag

Wait(p) == pc[p] = "wait" /\ (~flag[Other(p)] \/ turn = p) /\ pc' = [pc EXCEPT ![p] = "cs"] /\ UNCHANGED <<flag, turn>>

Exit(p) == pc[p] = "cs" /\ flag' = [flag EXCEPT ![p] = FALSE] /\ pc' = [pc EXCEPT ![p] = "ncs"] /\ UNCHANGED turn

Proc(p) == SetFlag(p) \/ SetTurn(p) \/ Wait(p) \/ Exit(p)

Next == \E p \in {0, 1} : Leave(p) \/ Proc(p)

Spec == Init /\ [][Next]_vars /\ \A p \in {0, 1} : WF_vars(Proc(p))

Mutex == ~(pc[0] = "cs" /\ pc[1] = "cs")

Starvation == \A p \in {0, 1} : pc[p] = "set" ~> pc[p] = "cs"

\* False: a process may stay in its non-critical section forever.
AlwaysReturns == \A p \in {0, 1} : []<>(pc[p] = "cs")
=============================================================================
