---- MODULE Asume ----
EXTENDS Naturals
VARIABLE x, y
Init == x = 0 /\ y = 0
ASUME x > 0
Next == UNCHANGED <<x, y>>
====
