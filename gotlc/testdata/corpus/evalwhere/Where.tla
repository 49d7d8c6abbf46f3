-------------------------------- MODULE Where --------------------------------
(* One evaluation error, a function applied outside its domain two calls *)
(* deep (Sum(2) reads T[3]), reached from each place a model evaluates   *)
(* expressions, one cfg each: the initial predicate, an invariant, a state *)
(* and an action constraint, a VIEW, ENABLED in an invariant, the ENABLED  *)
(* of a fairness condition, a state predicate and an action of a temporal  *)
(* property, an action property. TLC prints the nested positions of each  *)
(* (or none); gotlc must print the same list.                              *)
EXTENDS Naturals, Sequences
VARIABLE x

T == [i \in 1..2 |-> 10 * i]
Get(k) == T[k]
Sum(k) == Get(k) + Get(k + 1)

Init == x = 0
Next == x' = (x + 1) % 3
Spec == Init /\ [][Next]_x

\* Sum(x + 1) fails when x = 1, the second state; Sum(x + 2) in the first.
InitBad == x = 0 /\ Sum(x + 2) > 0
Bad == Sum(x + 1) > 0
ActBad == Sum(x' + 1) > 0
ViewBad == <<x, Sum(x + 1)>>
EnabledBad == ENABLED (x' = Sum(x + 1))

Step == x' = Sum(x + 1)
FairSpec == Spec /\ WF_x(Step)
Eventually == <>(x = 5)
EventuallyBad == <>(Sum(x + 1) = 5)
OftenBad == []<><<x' = Sum(x + 1)>>_x
ActionPropBad == [][Sum(x' + 1) > 0]_x
SymBad == IF Sum(2) > 0 THEN {} ELSE {}
==============================================================================
