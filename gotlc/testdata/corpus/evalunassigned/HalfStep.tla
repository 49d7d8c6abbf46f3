------------------------------ MODULE HalfStep ------------------------------
(***************************************************************************)
(* The elevator of ../liveness as first drafted: in Move, the ELSE branch *)
(* of the inner IF swallows the conjunct `/\ UNCHANGED calls`, so a move   *)
(* between floors leaves `calls` unassigned. TLC reports that the         *)
(* successor state is not completely specified (an evaluation error).    *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Floors

VARIABLES at, calls

vars == <<at, calls>>

Init == at = 1 /\ calls = {}

Call == \E f \in 1..Floors : f \notin calls /\ calls' = calls \cup {f} /\ UNCHANGED at

\* Move one floor towards the lowest pending call, or serve the current floor.
Move ==
    /\ calls # {}
    /\ LET target == CHOOSE f \in calls : \A g \in calls : f <= g
       IN  IF target = at
             THEN calls' = calls \ {at} /\ UNCHANGED at
             ELSE at' = IF target > at THEN at + 1 ELSE at - 1 /\ UNCHANGED calls

Next == Call \/ Move

Spec == Init /\ [][Next]_vars

AtAFloor == at \in 1..Floors
=============================================================================
