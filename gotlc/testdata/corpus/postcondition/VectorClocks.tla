---------------------------- MODULE VectorClocks ----------------------------
(* A stand-in, written for this corpus, for the community module of the   *)
(* same name: CausalOrder here is a CHOOSE over the orderings of the log, *)
(* which TLC evaluates for a log this short. gotlc replaces it by its     *)
(* native CausalOrder (as TLC does with its Java override when the real   *)
(* module is on the library path), whose result is the same whenever the *)
(* log has one causal order.                                              *)
EXTENDS Naturals, Sequences

LOCAL Entry(c, n) == IF n \in DOMAIN c THEN c[n] ELSE 0

\* Vector clock c1 is before c2.
LOCAL Before(c1, c2) ==
    LET D == DOMAIN c1 \cup DOMAIN c2 IN
    /\ \A n \in D : Entry(c1, n) <= Entry(c2, n)
    /\ \E n \in D : Entry(c1, n) < Entry(c2, n)

LOCAL Lines(log) == {log[i] : i \in 1..Len(log)}

CausalOrder(log, clock(_), node(_), domain(_)) ==
    CHOOSE s \in {f \in [1..Len(log) -> Lines(log)] : Lines(f) = Lines(log)} :
        \A i, j \in 1..Len(s) : i < j => ~Before(clock(s[j]), clock(s[i]))
=============================================================================
