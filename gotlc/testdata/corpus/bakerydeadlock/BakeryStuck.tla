------------------------------- MODULE BakeryStuck -------------------------------
(***************************************************************************)
(* A first draft of the bounded bakery (see ../bakery): a process whose    *)
(* next ticket would exceed MaxTicket waits with choosing[i] = TRUE, and   *)
(* every scanning process waits for it to stop choosing. TLC finds the    *)
(* deadlock; the entry records it.                                         *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS N, MaxTicket

ASSUME N \in Nat \ {0} /\ MaxTicket \in Nat \ {0}

Procs == 1..N

VARIABLES pc, num, choosing, unchecked

vars == <<pc, num, choosing, unchecked>>

TypeOK ==
    /\ pc \in [Procs -> {"ncs", "ticket", "doorway", "scan", "cs"}]
    /\ num \in [Procs -> 0..MaxTicket]
    /\ choosing \in [Procs -> BOOLEAN]
    /\ unchecked \in [Procs -> SUBSET Procs]

Init ==
    /\ pc = [i \in Procs |-> "ncs"]
    /\ num = [i \in Procs |-> 0]
    /\ choosing = [i \in Procs |-> FALSE]
    /\ unchecked = [i \in Procs |-> {}]

MaxNum == LET S == {num[j] : j \in Procs} IN CHOOSE m \in S : \A k \in S : k <= m

\* (a, i) comes before (b, j) in the bakery's order.
Before(a, i, b, j) == a < b \/ (a = b /\ i < j)

StartChoosing(i) ==
    /\ pc[i] = "ncs"
    /\ choosing' = [choosing EXCEPT ![i] = TRUE]
    /\ pc' = [pc EXCEPT ![i] = "ticket"]
    /\ UNCHANGED <<num, unchecked>>

TakeTicket(i) ==
    /\ pc[i] = "ticket"
    /\ MaxNum + 1 <= MaxTicket
    /\ num' = [num EXCEPT ![i] = MaxNum + 1]
    /\ pc' = [pc EXCEPT ![i] = "doorway"]
    /\ UNCHANGED <<choosing, unchecked>>

LeaveDoorway(i) ==
    /\ pc[i] = "doorway"
    /\ choosing' = [choosing EXCEPT ![i] = FALSE]
    /\ unchecked' = [unchecked EXCEPT ![i] = Procs \ {i}]
    /\ pc' = [pc EXCEPT ![i] = "scan"]
    /\ UNCHANGED num

\* Wait for peer j to finish choosing and then for every earlier ticket.
Check(i) ==
    /\ pc[i] = "scan"
    /\ \E j \in unchecked[i] :
          /\ ~choosing[j]
          /\ num[j] = 0 \/ Before(num[i], i, num[j], j)
          /\ unchecked' = [unchecked EXCEPT ![i] = @ \ {j}]
    /\ UNCHANGED <<pc, num, choosing>>

Enter(i) ==
    /\ pc[i] = "scan"
    /\ unchecked[i] = {}
    /\ pc' = [pc EXCEPT ![i] = "cs"]
    /\ UNCHANGED <<num, choosing, unchecked>>

Exit(i) ==
    /\ pc[i] = "cs"
    /\ num' = [num EXCEPT ![i] = 0]
    /\ pc' = [pc EXCEPT ![i] = "ncs"]
    /\ UNCHANGED <<choosing, unchecked>>

Next == \E i \in Procs :
          \/ StartChoosing(i) \/ TakeTicket(i) \/ LeaveDoorway(i)
          \/ Check(i) \/ Enter(i) \/ Exit(i)

Spec == Init /\ [][Next]_vars

MutualExclusion == \A i, j \in Procs : i # j => ~(pc[i] = "cs" /\ pc[j] = "cs")
=============================================================================
