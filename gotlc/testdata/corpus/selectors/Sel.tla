---- MODULE Sel ----
\* Positional subexpression selectors (Inv!2, Inv!3!1, Init!2, Arith!:) and
\* a named INSTANCE inside LET (as MCCheckpointCoordination and EWD687a).
EXTENDS Naturals
VARIABLES x, y
THEOREM Arith == 1 + 1 = 2
Bounded == x \in 0..3
Init == /\ x = 0
        /\ y = 0
Inv == /\ x \in 0..3
       /\ y \in 0..1
       /\ (x + y) < 5
Next == /\ x' = (x + 1) % 4
        /\ y' = IF x = 3 THEN 1 - y ELSE y
Start == Init!2 \/ y = 1
Second == Inv!2
Sum == Inv!3!1
ASSUME Arith!:
SumOK == Sum < 5 /\ Bounded!:
InLet == LET P == INSTANCE SelPair
             Q == P!Swap(<<x, y>>)
         IN Q = <<y, x>> /\ P!Sum(Q) = x + y
====
