------------------------------ MODULE Elevator ------------------------------
(***************************************************************************)
(* A one-car elevator serving floors 1..Floors. A passenger may call it   *)
(* when no call is pending; the car moves one floor per step towards the  *)
(* call and opens its door there. Served says every call is eventually  *)
(* answered: it holds under weak fairness of the car's moves (Fair.cfg)  *)
(* and fails when the car may idle forever (Unfair.cfg). gotlc checks    *)
(* both with its liveness checker.                                       *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Floors

VARIABLES at, calls

vars == <<at, calls>>

Init == at = 1 /\ calls = {}

Call == calls = {} /\ \E f \in 1..Floors : calls' = {f} /\ UNCHANGED at

\* Move one floor towards the lowest pending call, or serve the current floor.
Move ==
    /\ calls # {}
    /\ LET target == CHOOSE f \in calls : \A g \in calls : f <= g
       IN  IF target = at
             THEN calls' = calls \ {at} /\ UNCHANGED at
             ELSE /\ at' = IF target > at THEN at + 1 ELSE at - 1
                  /\ UNCHANGED calls

Next == Call \/ Move

FairSpec == Init /\ [][Next]_vars /\ WF_vars(Move)
UnfairSpec == Init /\ [][Next]_vars

Served == \A f \in 1..Floors : f \in calls ~> f \notin calls
=============================================================================
