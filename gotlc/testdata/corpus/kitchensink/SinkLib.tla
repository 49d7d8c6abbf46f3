------------------------------ MODULE SinkLib ------------------------------
(***************************************************************************)
(* Helpers for KitchenSink, which EXTENDS this module. Max2 is LOCAL, so  *)
(* it is visible here but not to KitchenSink.                             *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

LOCAL Max2(a, b) == IF a >= b THEN a ELSE b

RECURSIVE SumSeq(_)
SumSeq(s) == IF s = <<>> THEN 0 ELSE Head(s) + SumSeq(Tail(s))

\* Apply F to every element of a sequence (F is an operator argument).
MapSeq(s, F(_)) == [i \in 1..Len(s) |-> F(s[i])]

\* Fold a binary operator over a finite set.
RECURSIVE FoldSet(_, _, _)
FoldSet(op(_, _), base, S) ==
    IF S = {} THEN base
    ELSE LET x == CHOOSE y \in S : TRUE
         IN  op(x, FoldSet(op, base, S \ {x}))

MaxOf(S) == FoldSet(Max2, 0, S)

Last(s) == s[Len(s)]

\* Some ordering of a finite set, as a sequence without repeats.
SetToSeq(S) ==
    CHOOSE f \in [1..Cardinality(S) -> S] : \A i, j \in DOMAIN f : i # j => f[i] # f[j]
=============================================================================
