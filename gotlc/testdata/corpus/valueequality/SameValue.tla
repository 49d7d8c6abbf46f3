----------------------------- MODULE SameValue -----------------------------
(***************************************************************************)
(* A variable that takes the same values written different ways: a      *)
(* sequence and the function on 1..n, a record and a function on strings, *)
(* an interval and the set that enumerates it, a set built two ways. TLC *)
(* treats each pair as one value, so the reachable states are few; a      *)
(* checker that fingerprints the spelling instead of the value finds more. *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC

VARIABLES v, n

Forms == <<
    <<<<1, 2>>, [i \in 1..2 |-> i], Append(<<1>>, 2), <<1>> \o <<2>>, (1 :> 1 @@ 2 :> 2)>>,
    <<[a |-> 1, b |-> "x"], [k \in {"a", "b"} |-> IF k = "a" THEN 1 ELSE "x"], ("b" :> "x" @@ "a" :> 1)>>,
    <<1..3, {3, 2, 1}, {x \in 0..5 : x >= 1 /\ x <= 3}, {x - 1 : x \in 2..4}>>,
    <<{}, 1..0, {x \in {1} : FALSE}>>,
    <<[i \in {} |-> 0], <<>>, SubSeq(<<1>>, 1, 0)>>,
    <<SUBSET {1}, {{}, {1}}>>,
    <<[{1} -> {2}], {<<2>>}, {[i \in 1..1 |-> 2]}>>
>>

Init == n = 1 /\ v = Forms[1][1]

\* Move to any spelling of the same form, or to the next form.
Next ==
    \/ \E i \in 1..Len(Forms[n]) : v' = Forms[n][i] /\ UNCHANGED n
    \/ n < Len(Forms) /\ n' = n + 1 /\ v' = Forms[n + 1][1]

Spec == Init /\ [][Next]_<<v, n>>

\* Every spelling in a group is equal to the group's first.
AllEqual == \A g \in 1..Len(Forms) : \A i \in 1..Len(Forms[g]) : Forms[g][i] = Forms[g][1]
=============================================================================
