---- MODULE InitConstraint ----
\* Initial states outside the CONSTRAINT: TLC checks their invariants but
\* neither counts them as distinct states nor explores them, as for
\* successors (tlaplus/Examples MCFindHighest: 742 distinct, not 1367).
EXTENDS Naturals
VARIABLES x, y
Init == x \in 0..9 /\ y = 0
Next == x' = (x + 1) % 12 /\ y' = 1 - y
Small == x < 5
Inv == x < 11
NotSeven == x # 7
====
