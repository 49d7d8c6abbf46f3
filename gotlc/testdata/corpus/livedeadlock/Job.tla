------------------------------- MODULE Job -------------------------------
(***************************************************************************)
(* A job may fail and stop (a deadlock, allowed with -deadlock): the       *)
(* behaviour that stops in the failed state stutters there for ever, so    *)
(* <>done is violated even though every action is weakly fair.             *)
(***************************************************************************)
VARIABLE st

Init == st = "start"

Run == st = "start" /\ st' \in {"done", "failed"}

Retry == st = "done" /\ st' = "done"

Spec == Init /\ [][Run \/ Retry]_st /\ WF_st(Run)

Finishes == <>(st = "done")
=============================================================================
