---- MODULE Unchangd ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == UNCHANGD x

Inv == x = 0
====
