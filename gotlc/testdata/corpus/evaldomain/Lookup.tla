------------------------------ MODULE Lookup ------------------------------
(***************************************************************************)
(* A cursor walks a table indexed 1..Size, following each entry to the    *)
(* next index. The last entry points one past the end, so the walk applies *)
(* the table outside its domain: TLC reports an evaluation error.         *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Size

Table == [i \in 1..Size |-> i + 1]

VARIABLES cursor, steps

Init == cursor = 1 /\ steps = 0

Step ==
    /\ cursor' = Table[cursor]
    /\ steps' = steps + 1

Spec == Init /\ [][Step]_<<cursor, steps>>

Bounded == steps <= Size
=============================================================================
