------------------------------- MODULE Pump -------------------------------
(***************************************************************************)
(* A pump fills a tank that a drain empties. []<><<Fill>>_level (the pump  *)
(* runs infinitely often) holds when Fill is weakly fair and fails when    *)
(* only Drain is fair: the tank may be drained and then stay empty.        *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE level

Fill == level < 2 /\ level' = level + 1

Drain == level > 0 /\ level' = level - 1

Init == level = 0

Next == Fill \/ Drain

FillFair == Init /\ [][Next]_level /\ WF_level(Fill) /\ WF_level(Drain)

DrainFair == Init /\ [][Next]_level /\ WF_level(Drain)

PumpRuns == []<><<Fill>>_level

\* <>[] of an action: from some point on, no step drains.
DrainStops == <>[][~Drain]_level
=============================================================================
