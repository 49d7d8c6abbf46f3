---- MODULE Lease ----
(***************************************************************************)
(* The module the model replaces definitions of.                          *)
(***************************************************************************)
EXTENDS Naturals
VARIABLE t
Renew(x) == x < 2
Step == Renew(t) /\ t' = t + 1
Limit == 3
Bound == t <= Limit
====
