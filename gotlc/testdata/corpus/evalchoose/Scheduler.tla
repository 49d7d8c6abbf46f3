----------------------------- MODULE Scheduler -----------------------------
(***************************************************************************)
(* A scheduler that always picks the lowest-numbered ready task with     *)
(* CHOOSE. When every task has run, the ready set is empty and CHOOSE has *)
(* no witness: TLC reports an evaluation error instead of a deadlock.    *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANT Tasks

VARIABLES ready, done

Init == ready = Tasks /\ done = <<>>

Lowest(S) == CHOOSE t \in S : \A u \in S : t <= u

RunOne ==
    LET t == Lowest(ready)
    IN  /\ ready' = ready \ {t}
        /\ done' = done \o <<t>>

Spec == Init /\ [][RunOne]_<<ready, done>>
=============================================================================
