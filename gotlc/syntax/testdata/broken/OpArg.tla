---- MODULE OpArg ----
EXTENDS Naturals
VARIABLE x
G(f(_)) == f(1)
Init == x = 0
Next == x' = G(3)
====
