---- MODULE StdOverride ----
\* A .cfg may replace standard-module operators (Nat <- MCNat, Seq <- MCSeq)
\* by finite definitions of the spec, as many tlaplus/Examples models do to
\* make an infinite set enumerable. Every use of Nat and Seq, in the spec
\* and in its definitions, must take the replacement.
EXTENDS Naturals, Sequences
VARIABLE x
MCNat == 0..3
MCSeq(S) == UNION {[1..n -> S] : n \in 0..2}
Small(s) == \A i \in DOMAIN s : s[i] \in Nat
Init == x \in Seq({1})
Next == x' \in {s \in Seq(Nat) : Small(s)}
TypeOK == x \in Seq(Nat) /\ Len(x) <= 2
====
