---- MODULE Counters ----
(* Two counters; Inc(i) adds i to x, Bump adds 1 or 2 to y. *)
EXTENDS Naturals
CONSTANT N
VARIABLES x, y
Init == x = 0 /\ y = 0
Inc(i) == /\ x' = x + i
          /\ y' = y
Bump == \E j \in 1..2 : y' = y + j /\ x' = x
Next == \/ \E i \in 1..N : Inc(i)
        \/ Bump
Bounded == x + y <= 6
SumBelow == x + y < 5
Spec == Init /\ [][Next]_<<x, y>>
====
