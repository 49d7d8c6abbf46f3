---------------------------- MODULE StringOrder ----------------------------
(***************************************************************************)
(* TLC orders strings (and model values) not alphabetically but by when   *)
(* each was first interned while the modules were read, identifiers       *)
(* included. This walk prints sets of strings, of model values declared  *)
(* out of order, of records with string fields and of tuples of strings, *)
(* and what CHOOSE picks from each. Every state of the trace is compared. *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC

CONSTANTS zeta, alpha, mid   \* model values, declared out of order

Words == {"pear", "apple", "Zebra", "", "fig", "apple pie", "b", "a"}
Labels == {"idle", "busy", "done"}
MVs == {mid, alpha, zeta}

First(S) == CHOOSE e \in S : TRUE

Walk == <<
    Words, First(Words),
    Labels, First(Labels),
    MVs, First(MVs),
    {[k |-> w] : w \in {"fig", "pear"}},
    {<<w, 1>> : w \in {"zeta", "pear", "alpha"}},
    [w \in {"done", "idle"} |-> Len(<<w>>)]
>>

VARIABLES i, v

Init == i = 1 /\ v = Walk[1]

Next == i < Len(Walk) /\ i' = i + 1 /\ v' = Walk[i + 1]

Spec == Init /\ [][Next]_<<i, v>>

NotDone == i < Len(Walk)
=============================================================================
