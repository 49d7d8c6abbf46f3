---- MODULE Counter ----
\* A counter whose initial value is set by an operator constant, Start(_),
\* used as an initial predicate: Start(n) must assign n.
EXTENDS Naturals
CONSTANT Start(_)
VARIABLES n, m
Init == Start(n) /\ m = 0
Next == n < 3 /\ n' = n + 1 /\ m' = (m + n) % 2
Spec == Init /\ [][Next]_<<n, m>>
Inv == n <= 3 /\ m \in {0, 1}
====
