----------------------------- MODULE Ordering -----------------------------
(***************************************************************************)
(* TLC's order of values decides how sets print and what CHOOSE picks.    *)
(* This walk prints sets of sets (smaller first), of tuples (shorter      *)
(* first) and of records, CHOOSE over each, and integer arithmetic with   *)
(* negative operands (\div and % round towards minus infinity). Strings   *)
(* and model values have an order of their own: see ../stringorder.      *)
(***************************************************************************)
EXTENDS Integers, Sequences, TLC

SetOfSets    == {{3}, {1, 2}, {0, 5, 9}, {}, {2}}
SetOfTuples  == {<<2>>, <<1, 1>>, <<0, 9, 9>>, <<>>, <<1>>}
SetOfRecords == {[a |-> 2, b |-> "x"], [a |-> 1, b |-> "y"], [a |-> 1, b |-> "x"]}

First(S) == CHOOSE e \in S : TRUE

Walk == <<
    SetOfSets, First(SetOfSets),
    SetOfTuples, First(SetOfTuples),
    SetOfRecords, First(SetOfRecords),
    <<-7 \div 2, -7 % 2, 7 \div 2, 7 % 2, -8 \div 4, -1 % 5, 2^10, -(3 - 5)>>,
    {-3, 2, -1, 0},
    {<<2, 1>>, <<1, 2>>, <<1, 1>>}
>>

VARIABLES i, v

Init == i = 1 /\ v = Walk[1]

Next == i < Len(Walk) /\ i' = i + 1 /\ v' = Walk[i + 1]

Spec == Init /\ [][Next]_<<i, v>>

NotDone == i < Len(Walk)
=============================================================================
