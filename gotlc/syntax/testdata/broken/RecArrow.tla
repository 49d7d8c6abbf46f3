---- MODULE RecArrow ----
EXTENDS Naturals
VARIABLE x
Init == x = [a |-> 1, b -> 2]
Next == UNCHANGED x
====
