----------------------------- MODULE Countdown -----------------------------
(***************************************************************************)
(* A counter runs down from N to 0. Without fairness it may stop anywhere  *)
(* (the counterexample stutters); with weak fairness it reaches 0.         *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT N

VARIABLE n

Init == n = N

Tick == n > 0 /\ n' = n - 1

Spec == Init /\ [][Tick]_n

FairSpec == Spec /\ WF_n(Tick)

ReachesZero == <>(n = 0)
=============================================================================
