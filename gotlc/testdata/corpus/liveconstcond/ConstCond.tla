------------------------------ MODULE ConstCond ------------------------------
(* Fairness for each pair of distinct processes, written as TLC users do:  *)
(* \A i, j \in S : (i # j) => WF_x(Move(i, j)) (as tlaplus/Examples'       *)
(* InnerSerial). The condition i # j is constant: TLC decides it before    *)
(* the search, so each pair adds one fairness term and no branch. Left as  *)
(* a state predicate, each of the 16 pairs would double the branches of   *)
(* the tableau (2^16, which gotlc refused).                                *)
EXTENDS Naturals
CONSTANT N
VARIABLE x
S == 1..N
Init == x = [i \in S |-> 0]
Move(i, j) == x[i] = 0 /\ x[j] = 0 /\ x' = [x EXCEPT ![i] = 1]
Next == \E i, j \in S : Move(i, j)
Spec == Init /\ [][Next]_x /\ \A i, j \in S : (i # j) => WF_x(Move(i, j))
\* Holds: a process is left at 0 only when all others are at 1.
Progress == <>(\E i \in S : \A j \in S \ {i} : x[j] = 1)
\* Violated: with one process left at 0, no Move is enabled.
AllDone == <>(\A i \in S : x[i] = 1)
==============================================================================
