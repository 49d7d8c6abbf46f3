---- MODULE Unbounded ----
\* Unbounded CHOOSE and \E are errors only when TLC evaluates them: here
\* only in a branch that is not taken (Lazy.cfg); Eager.cfg evaluates one.
EXTENDS Naturals
CONSTANT Eager
VARIABLE x
NoVal == CHOOSE v : v \notin Nat
Some == \E n : n = x
Init == x = 0
Next == x' = IF Eager /\ x = 1 THEN NoVal ELSE (x + 1) % 3
Inv == IF x > 5 THEN Some ELSE TRUE
====
