------------------------------ MODULE Values ------------------------------
(***************************************************************************)
(* A walk through values of every shape TLC prints, so that gotlc's trace *)
(* printing is compared with TLC's: sets of sets, tuples, records, strings *)
(* with escapes, negative numbers, model values, functions on 1..n (which *)
(* TLC prints as tuples), on other integer sets, on strings (printed as   *)
(* records) and on model values, empty functions and Booleans. The        *)
(* invariant Short is violated after a few steps.                        *)
(***************************************************************************)
EXTENDS Integers, Sequences, FiniteSets, TLC

CONSTANTS A, B, C   \* model values

VARIABLES step, v

Shapes == <<
    {{}, {1}, {1, 2}},
    <<-3, "say \"hi\"\\n", A, TRUE>>,
    [name |-> "x", pos |-> <<0, -1>>, tags |-> {"b", "a"}],
    [i \in 2..4 |-> i * i],
    [s \in {"k", "j"} |-> s \o s],
    [m \in {B, A, C} |-> m = A],
    [i \in {} |-> i],
    (5 :> "five" @@ -1 :> "minus one"),
    SUBSET {A, B},
    {<<1, "a">>, <<0, "b">>} \X {FALSE},
    [1..2 -> {C}]
>>

Init == step = 1 /\ v = Shapes[1]

Next == step < Len(Shapes) /\ step' = step + 1 /\ v' = Shapes[step + 1]

Spec == Init /\ [][Next]_<<step, v>>

Short == step < Len(Shapes)
=============================================================================
