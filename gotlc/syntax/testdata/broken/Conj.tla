---- MODULE Conj ----
EXTENDS Naturals
VARIABLE x, y
Init == x = 0 /\ y = 0
Next == /\ x' = x + 1
        /\ UNCHANGD y

Inv == x >= 0
====
