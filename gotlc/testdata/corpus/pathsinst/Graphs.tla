------------------------------- MODULE Graphs -------------------------------
(* A constant module about one successor function Succ on Nodes.           *)
EXTENDS Sequences, Integers

CONSTANTS Nodes, Succ

IsPath(p, m, n) ==
    /\ Len(p) > 0
    /\ p[1] = m /\ p[Len(p)] = n
    /\ \A i \in 1..(Len(p) - 1) : p[i + 1] \in Succ[p[i]]

Reach(S) == {n \in Nodes : \E m \in S : \E p \in Seq(Nodes) : IsPath(p, m, n)}

Closed == \A S \in SUBSET Nodes : \A n \in Reach(S) : Succ[n] \subseteq Reach(S)
=============================================================================
