---- MODULE UndefVar ----
EXTENDS Naturals
VARIABLE x
Init == x = 0 /\ y = 0
Next == x' = x + 1
====
