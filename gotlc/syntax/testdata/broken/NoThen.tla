---- MODULE NoThen ----
EXTENDS Naturals
VARIABLE x, y
Init == x = 0 /\ y = 0
Next == x' = IF x > 1 0 ELSE 1 /\ y' = y
====
