---- MODULE FilterMember ----
\* Membership in a set filter is decided as TLC decides it for a
\* SetPredValue: x \in S, then the predicate for x, never enumerating S
\* (tlaplus/Examples' Quicksort checks UV \in DomainPartitions, a filter of
\* SUBSET SUBSET (1..Len(seq0))). Here S has 2^32 elements.
EXTENDS Naturals, FiniteSets
CONSTANT N
VARIABLES part, n
Partitions == {DP \in SUBSET SUBSET (1..N) :
                  /\ UNION DP = 1..N
                  /\ \A I, J \in DP : I # J => I \cap J = {}}
Init == part = {{i} : i \in 1..N} /\ n = 0
Merge == \E I, J \in part :
           /\ I # J
           /\ part' = (part \ {I, J}) \cup {I \cup J}
           /\ n' = n + 1
Done == Cardinality(part) = 1 /\ UNCHANGED <<part, n>>
Next == Merge \/ Done
Inv == /\ part \in Partitions
       /\ part \notin {DP \in SUBSET SUBSET (1..N) : Cardinality(DP) # N - n}
       /\ {n} \in {S \in SUBSET (0..n) : \A k \in S : k >= n}
====
