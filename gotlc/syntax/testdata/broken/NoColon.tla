---- MODULE NoColon ----
EXTENDS Naturals
VARIABLE x, y
Init == x = 0 /\ y = 0
Next == \E i \in 1..3 x' = i /\ y' = y
====
