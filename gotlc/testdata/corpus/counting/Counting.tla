---- MODULE Counting ----
\* How TLC counts generated states ("states generated"), pinned case by
\* case (each .cfg names one next-state relation):
\*  - once every variable has a next value, TLC tests the remaining
\*    conjuncts instead of enumerating them (Tool.getNextStatesAllAssigned):
\*    Step /\ \E i \in 1..3 : TRUE is one successor, not three;
\*  - before that, an \E yields one successor per witness, inline or through
\*    a definition with parameters;
\*  - a zero-arity constant-level definition (D) is evaluated once, before
\*    the search, and is a test wherever it stands;
\*  - \A over an action is the conjunction of its instances: an \E under it
\*    yields one successor per witness and element (1 + 9 + 9 = 19).
EXTENDS Naturals
VARIABLE x
Init == x = 0
D == \E i \in 1..3 : TRUE
P(k) == \E i \in 1..k : TRUE
DV == \E i \in 1..3 : x = x
Step == x' = 1 - x
InlineAfter == Step /\ \E i \in 1..3 : TRUE
DefAfter == Step /\ D
IfAfter == Step /\ IF x = 0 THEN P(3) ELSE TRUE
InlineBefore == (\E i \in 1..3 : TRUE) /\ Step
DefBefore == D /\ Step
ParamBefore == P(3) /\ Step
StateDefBefore == DV /\ Step
ForallBefore == (\A j \in {1, 2} : \E i \in 1..3 : x = x) /\ Step
ForallAfter == Step /\ \A j \in {1, 2} : \E i \in 1..3 : TRUE
Witness == \E i \in 1..3 : x' = 1 - x
====
