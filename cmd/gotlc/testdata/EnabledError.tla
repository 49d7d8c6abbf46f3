---- MODULE EnabledError ----
\* ENABLED A, for the fairness of A, fails in the initial state (x = 0).
EXTENDS Naturals
VARIABLES x
Init == x = 0
A == x' = 10 \div x
Next == x < 2 /\ x' = x + 1
Spec == Init /\ [][Next]_x /\ WF_x(A)
Prop == <>(x = 2)
====
