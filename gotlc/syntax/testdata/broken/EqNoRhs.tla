---- MODULE EqNoRhs ----
EXTENDS Naturals
VARIABLE x, y
Init == x = 0 /\ y =
Next == x' = x + 1 /\ y' = y
====
