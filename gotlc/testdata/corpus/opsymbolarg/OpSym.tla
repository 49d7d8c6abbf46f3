---- MODULE OpSym ----
\* Operator symbols passed as operator arguments: Fold(+, ...), Fold(\cap, ...), SortSeq(s, <).
EXTENDS Naturals, Sequences, FiniteSets, TLC
VARIABLE x
THEOREM x = x
Fold(op(_, _), base, S) ==
  LET f[T \in SUBSET S] == IF T = {} THEN base ELSE LET e == CHOOSE e \in T : TRUE IN op(e, f[T \ {e}])
  IN f[S]
Sum == Fold(+, 0, {1, 2, 3})
Inter == Fold(\cap, {1, 2, 3}, {{1, 2}, {2, 3}})
Sorted == SortSeq(<<3, 1, 2>>, <)
Init == x = 0
Next == x' = (x + 1) % 3
Inv == Sum = 6 /\ Inter = {2} /\ Sorted = <<1, 2, 3>>
====
