---- MODULE Chose ----
EXTENDS Naturals
VARIABLE x, y
Init == x = CHOSE i \in 1..3 : TRUE /\ y = 0
Next == UNCHANGED <<x, y>>
====
