------------------------------ MODULE SequencesExt ------------------------------
(* A stand-in, written for this corpus, for the community module: SetToSeq  *)
(* by its CHOOSE definition, which TLC evaluates for a small set; gotlc     *)
(* replaces it by its native (the set's elements in TLC's order), as TLC    *)
(* replaces it by a Java override when the real module is loaded.           *)
EXTENDS Naturals, FiniteSets
SetToSeq(S) == CHOOSE f \in [1..Cardinality(S) -> S] : \A i, j \in 1..Cardinality(S) : i # j => f[i] # f[j]
================================================================================
