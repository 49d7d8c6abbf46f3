---- MODULE InNoRhs ----
EXTENDS Naturals
VARIABLE x, y
Init == x \in
Next == x' = x + 1 /\ y' = y
====
