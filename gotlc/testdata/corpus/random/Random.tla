---- MODULE Random ----
\* TLC's random draws, as far as they show in its results whatever the seed:
\* two draws in one evaluation differ (x # y, with 10^6 values each); a
\* zero-arity constant definition is evaluated once (R is one value in every
\* state); RandomSubset(k, S) has k elements, all of S when k > |S|; the
\* subsets of RandomSetOfSubsets(k, n, S) are at most k subsets of S.
EXTENDS Naturals, FiniteSets, TLC, Randomization
VARIABLES x, y, z, k
Big == 1..1000000
R == RandomElement(Big)
Init == /\ x = RandomElement(Big)
        /\ y = RandomElement(Big)
        /\ z = R
        /\ k = 0
Next == /\ x' = RandomElement(Big)
        /\ y' = RandomElement(Big)
        /\ z' = R
        /\ k < 3 /\ k' = k + 1
Inv == /\ x # y
       /\ z = R
       /\ Cardinality(RandomSubset(3, 1..10)) = 3
       /\ RandomSubset(12, 1..10) = 1..10
       /\ LET T == RandomSetOfSubsets(3, 2, 1..4)
          IN  Cardinality(T) <= 3 /\ T \subseteq SUBSET (1..4)
====
