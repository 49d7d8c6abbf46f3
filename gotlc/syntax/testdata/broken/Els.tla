---- MODULE Els ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = IF x > 2 THEN 0 ELS x + 1

Inv == x >= 0
====
