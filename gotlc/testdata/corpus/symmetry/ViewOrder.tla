---- MODULE ViewOrder ----
\* VIEW together with SYMMETRY. TLC 2.20 picks the least symmetric image of
\* the whole state (x first, then y, then z, in its value order) and then
\* fingerprints the view of that image, so two states with the same view
\* can count twice: under SYMMETRY Perms and VIEW ViewY the states
\* x = y and x # y give different views of their representatives.
EXTENDS Naturals, FiniteSets, TLC
CONSTANTS A
VARIABLES x, y, z

Init == /\ x \in SUBSET A
        /\ y \in A
        /\ z \in [who : A, n : 0..1]

Next == \/ /\ Cardinality(x) < 2
           /\ \E a \in A \ x : x' = x \cup {a}
           /\ UNCHANGED <<y, z>>
        \/ /\ \E a \in A : y' = a
           /\ UNCHANGED <<x, z>>
        \/ /\ z' = [z EXCEPT !.n = 1 - @]
           /\ UNCHANGED <<x, y>>

Perms == Permutations(A)
ViewY == y
ViewZ == z.who
ViewXY == <<y, x>>
====
