------------------------------ MODULE PathsInst ------------------------------
(* A parameterised instance G(s) of a constant module whose other constant  *)
(* (Nodes) is substituted implicitly: Seq(Nodes) inside G(s) does not       *)
(* depend on s, so it is computed once, not at every use (the construct    *)
(* that made gotlc slow on reachability tests). Seq is overridden in the   *)
(* .cfg by a bounded version.                                              *)
EXTENDS Sequences, Integers, FiniteSets

CONSTANT Nodes
VARIABLE succ

G(s) == INSTANCE Graphs WITH Succ <- s

BoundedSeq(S) == UNION {[1..k -> S] : k \in 0..Cardinality(Nodes)}

Init == succ \in [Nodes -> SUBSET Nodes]

Next == \E n, m \in Nodes : succ' = [succ EXCEPT ![n] = @ \cup {m}]

ReachClosed == G(succ)!Closed
=============================================================================
