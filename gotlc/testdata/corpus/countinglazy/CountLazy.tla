---- MODULE CountLazy ----
\* How TLC counts generated states through `=>` and function application
\* in an action (each .cfg names one next-state relation or initial
\* predicate; the counting corpus entry has the other rules):
\*  - P => Q: P is evaluated and, when it holds, Q is explored as an
\*    action, so an \E in Q yields one successor per witness (ImplTrue: 7);
\*    once every variable has a next value it is a test (ImplAfter: 3);
\*    <=> and ~ are always tests (EquivE, NotE);
\*  - f[a] for a function TLC keeps lazy (defined in a LET, at a
\*    non-constant level, with parameters, or written [i \in S |-> e])
\*    explores f's body as an action with i = a (LetFn, StateFn, ParamFn,
\*    Lambda: 5), also recursively (RecFn: 2 x 2 witnesses, 9); a constant
\*    function definition is evaluated before the search and applied as a
\*    value (ConstFn: 3). This is byzpaxos' SafeAt (LET SA[bb \in Ballot]).
\*  - the same holds in an initial predicate (InitImpl, InitFn).
EXTENDS Naturals
VARIABLE x
Init == x = 0
Step == x' = 1 - x
F[i \in 1..3] == \E j \in 1..2 : TRUE
G[i \in 1..3] == \E j \in 1..2 : x = x
H(k) == LET f[i \in 1..3] == \E j \in 1..2 : i = k IN f[k]
R(k) == LET r[i \in 0..3] == \/ i = 0
                             \/ i > 0 /\ \E j \in 1..2 : r[i - 1]
        IN r[k]
LetFn == (LET f[i \in 1..3] == \E j \in 1..2 : TRUE IN f[1]) /\ Step
ConstFn == F[1] /\ Step
StateFn == G[1] /\ Step
ParamFn == H(2) /\ Step
RecFn == R(2) /\ Step
Lambda == [i \in 1..3 |-> \E j \in 1..2 : TRUE][1] /\ Step
ImplTrue == ((x = x) => \E j \in 1..3 : TRUE) /\ Step
ImplFalse == ((x # x) => \E j \in 1..3 : TRUE) /\ Step
ImplAfter == Step /\ ((x = x) => \E j \in 1..3 : TRUE)
EquivE == ((x = x) <=> \E j \in 1..3 : TRUE) /\ Step
NotE == (~ \E j \in 1..3 : FALSE) /\ Step
InitImpl == ((TRUE) => \E j \in 1..3 : TRUE) /\ x = 0
InitFn == R(2) /\ x = 0
====
