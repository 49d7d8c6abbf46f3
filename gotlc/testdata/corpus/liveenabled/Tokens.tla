------------------------------ MODULE Tokens ------------------------------
(***************************************************************************)
(* Nodes pass a token around a ring; Pass(i, j) has parameters. Fairness  *)
(* on the parameterised sub-action of each node, and properties that use   *)
(* ENABLED: every node can infinitely often pass (true), and some node's   *)
(* pass is eventually never enabled (false).                               *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT N

VARIABLE holder

Nodes == 0..(N - 1)

Init == holder = 0

Pass(i, j) == holder = i /\ j = (i + 1) % N /\ holder' = j

Next == \E i, j \in Nodes : Pass(i, j)

Spec == Init /\ [][Next]_holder /\ \A i \in Nodes : WF_holder(\E j \in Nodes : Pass(i, j))

CanPass == \A i \in Nodes : []<>(ENABLED Pass(i, (i + 1) % N))

Stuck == \E i \in Nodes : <>[](~ENABLED (\E j \in Nodes : Pass(i, j)))
=============================================================================
