---- MODULE NoInit ----
\* No initial state: TLC reports depth 0 and prints no outdegree.
VARIABLE x
Init == x = 0 /\ FALSE
Next == x' = x
====
