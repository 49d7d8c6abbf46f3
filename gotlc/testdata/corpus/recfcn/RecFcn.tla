---- MODULE RecFcn ----
\* Recursive functions of two arguments whose first domain is Nat (as
\* TransitiveClosure's TC5): TLC applies them without building them, so
\* CR[n, v] and CR[<<n, v>>] are evaluated point by point.
EXTENDS Naturals, FiniteSets
VARIABLE k
Edge(u, v) == v = (u + 1) % 4
\* Reach(S, s, t): t is reached from s in at most Cardinality(S) - 1 steps.
Reach(S, s, t) ==
  LET CR[n \in Nat, v \in S] ==
        IF n = 0 THEN Edge(s, v)
                 ELSE \/ CR[n - 1, v]
                      \/ \E u \in S : CR[n - 1, u] /\ Edge(u, v)
  IN  CR[Cardinality(S) - 1, t]
\* A module-level one, applied to a tuple.
Binom[n \in Nat, j \in Nat] ==
  IF j = 0 \/ j = n THEN 1
  ELSE IF j > n THEN 0 ELSE Binom[n - 1, j - 1] + Binom[n - 1, j]
ASSUME Reach(0..3, 0, 3) /\ ~Reach(0..2, 2, 1) /\ Binom[<<5, 2>>] = 10
Init == k = 0
Next == k' = (k + 1) % 5
Inv == Binom[4, k] = Binom[4, 4 - k] /\ Reach(0..3, k % 4, (k + 2) % 4)
====
