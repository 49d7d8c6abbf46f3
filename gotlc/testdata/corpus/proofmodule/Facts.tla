-------------------------------- MODULE Facts --------------------------------
(* A library of definitions and theorems with TLAPS-style proofs, written   *)
(* for this corpus in the manner of the TLAPS library (NaturalsInduction,   *)
(* SequenceTheorems): model checkers skip the proofs and keep the           *)
(* definitions between them.                                                *)
EXTENDS Naturals

Double(n) == n + n

THEOREM DoubleNat == \A n \in Nat : Double(n) \in Nat
  BY DEF Double

LEMMA DoubleMono ==
  ASSUME NEW m \in Nat, NEW n \in Nat, m <= n
  PROVE  Double(m) <= Double(n)
PROOF
  <1>1. m + m <= n + n
    OBVIOUS
  <1>2. QED
    BY <1>1 DEF Double

Half(n) == n \div 2

PROPOSITION HalfDouble == \A n \in Nat : Half(Double(n)) = n
  <1> SUFFICES ASSUME NEW n \in Nat PROVE Half(n + n) = n
    BY DEF Double
  <1>1. CASE n = 0
    BY <1>1 DEF Half
  <1>2. CASE n > 0
    <2>1. (n + n) \div 2 = n
      OBVIOUS
    <2>2. QED
      BY <2>1 DEF Half
  <1> QED
    BY <1>1, <1>2

COROLLARY Four == Half(Double(4)) = 4
  PROOF OMITTED

THEOREM Exists == \E k \in Nat : Double(k) = 6
  <1> WITNESS 3 \in Nat
  <1> QED BY DEF Double

Limit == 5
USE DEF Limit
HIDE DEF Limit

THEOREM Pick == ASSUME NEW S, \E s \in S : TRUE PROVE S # {}
  <1>1. PICK s \in S : TRUE
    OBVIOUS
  <1>2. QED
    BY <1>1
==============================================================================
