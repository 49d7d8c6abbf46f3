---- MODULE ConstOnly ----
\* A constant-only model: its .cfg names no SPECIFICATION, INIT or NEXT.
\* TLC evaluates the assumptions (printing what Print and PrintT print) and
\* reports a search of no state; a false assumption ends it with exit 10.
EXTENDS Naturals, TLC
CONSTANT N
Sq(i) == i * i
ASSUME PrintT(<<"N is", N>>)
ASSUME N >= 1
ASSUME \A i \in 1..N : Sq(i) >= i
ASSUME Print(Sq(N), TRUE)
====
