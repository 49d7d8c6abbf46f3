----------------------------- MODULE Semaphore -----------------------------
(***************************************************************************)
(* Processes share one semaphore. A process that tries enters when the     *)
(* semaphore is free. Enter(p) is enabled only while the semaphore is      *)
(* free, so it is enabled on and off while others pass: weak fairness of   *)
(* Enter(p) lets one process starve, strong fairness does not.             *)
(***************************************************************************)
CONSTANT Procs

VARIABLES pc, free

vars == <<pc, free>>

Init == pc = [p \in Procs |-> "idle"] /\ free = TRUE

Try(p) == pc[p] = "idle" /\ pc' = [pc EXCEPT ![p] = "try"] /\ UNCHANGED free

Enter(p) == pc[p] = "try" /\ free /\ pc' = [pc EXCEPT ![p] = "cs"] /\ free' = FALSE

Exit(p) == pc[p] = "cs" /\ pc' = [pc EXCEPT ![p] = "idle"] /\ free' = TRUE

Next == \E p \in Procs : Try(p) \/ Enter(p) \/ Exit(p)

Spec == Init /\ [][Next]_vars

\* Weak fairness of every step but Try: a process need not try again.
WeakSpec == Spec /\ \A p \in Procs : WF_vars(Enter(p)) /\ WF_vars(Exit(p))

StrongSpec == Spec /\ \A p \in Procs : SF_vars(Enter(p)) /\ WF_vars(Exit(p))

Mutex == \A p, q \in Procs : p # q => ~(pc[p] = "cs" /\ pc[q] = "cs")

NoStarvation == \A p \in Procs : pc[p] = "try" ~> pc[p] = "cs"

\* Someone always gets in: true under weak fairness already.
Progress == (\E p \in Procs : pc[p] = "try") ~> (\E p \in Procs : pc[p] = "cs")
=============================================================================
