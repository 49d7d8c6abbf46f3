------------------------------ MODULE Settle ------------------------------
(***************************************************************************)
(* A value climbs to Max and stays there (<>[] holds under weak fairness), *)
(* or, in the Wrap variant, falls back to 0 and climbs again (<>[] fails,  *)
(* []<> holds).                                                            *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS Max, Wrap

VARIABLE v

Init == v = 0

Up == v < Max /\ v' = v + 1

Reset == Wrap /\ v = Max /\ v' = 0

Next == Up \/ Reset

Spec == Init /\ [][Next]_v /\ WF_v(Next)

Settles == <>[](v = Max)

VisitsMax == []<>(v = Max)
=============================================================================
