------------------------------ MODULE LifeGrid ------------------------------
(* A zero-arity state-level function definition (alive) passed as a value  *)
(* to a recursive operator from every cell of a function constructor: the  *)
(* construct that made gotlc slow on cellular automata (it rebuilt alive   *)
(* for every cell of every state).                                         *)
EXTENDS Integers

CONSTANT N
VARIABLE cells

RECURSIVE Total(_, _)
Total(f, S) == IF S = {} THEN 0
               ELSE LET x == CHOOSE x \in S : TRUE IN f[x] + Total(f, S \ {x})

Cells == {<<i, j>> : i, j \in 1..N}

alive[<<i, j>> \in (0..N+1) \X (0..N+1)] ==
    IF i \in 1..N /\ j \in 1..N /\ cells[<<i, j>>] THEN 1 ELSE 0

Around(c) == Total(alive, {<<c[1] + d[1], c[2] + d[2]>> :
                           d \in ({-1, 0, 1} \X {-1, 0, 1}) \ {<<0, 0>>}})

Init == cells \in [Cells -> BOOLEAN]

Next == cells' = [c \in Cells |-> IF cells[c] THEN Around(c) \in {2, 3}
                                             ELSE Around(c) = 3]

TypeOK == cells \in [Cells -> BOOLEAN]
=============================================================================
