---- MODULE PV ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == x' = x + 1 /\ x < 3
P == x = 1 /\ [][x' > x]_x
Q == [](x < 2)
====
