------------------------------ MODULE Bounded ------------------------------
(***************************************************************************)
(* Two counters that only grow, several initial states, and a CONSTRAINT  *)
(* that cuts the state graph. States outside the constraint are found and  *)
(* checked but never expanded, so TLC reports no deadlock for them; in    *)
(* Edge.cfg the invariant is violated exactly at the constraint's edge.   *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, y

Init ==
    /\ x \in 0..2
    /\ y \in {x, x + 1}
    /\ x + y > 0

IncX == x' = x + 1 /\ y' = y
IncY == y' \in {y + 1, y + 2} /\ x' = x
Both == \E d \in 1..2 : x' = x + d /\ y' = y + d /\ x' > y

Next == IncX \/ IncY \/ Both

Spec == Init /\ [][Next]_<<x, y>>

Small == x + y <= 6
SumBelow == x + y < 8
=============================================================================
