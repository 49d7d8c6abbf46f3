------------------------------ MODULE Quorums ------------------------------
(***************************************************************************)
(* Majority quorums over a set of acceptors. The module assumes at least   *)
(* three acceptors so that two failures can be told apart from a split;   *)
(* the .cfg supplies only two, so TLC must stop at the ASSUME.             *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANT Acceptors

ASSUME Cardinality(Acceptors) >= 3

Quorums == {Q \in SUBSET Acceptors : 2 * Cardinality(Q) > Cardinality(Acceptors)}

VARIABLE votes

Init == votes = {}

Vote == \E a \in Acceptors \ votes : votes' = votes \cup {a}

Spec == Init /\ [][Vote]_votes

QuorumsIntersect == \A Q1, Q2 \in Quorums : Q1 \cap Q2 # {}
=============================================================================
