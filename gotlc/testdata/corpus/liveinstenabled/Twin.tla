---- MODULE Twin ----
(***************************************************************************)
(* Two variables that Watch maps to the same variable b: Detect asks for   *)
(* d' = 1 and x' = 0 at once, which no step of b can satisfy.             *)
(***************************************************************************)
VARIABLES x, d
Init == x = 0 /\ d = 0
Detect == d' = 1 /\ x' = 0
Spec == Init /\ [][Detect]_<<x, d>> /\ WF_<<x, d>>(Detect)
====
