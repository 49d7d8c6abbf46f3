---- MODULE Sym ----
EXTENDS TLC
CONSTANTS A, V
VARIABLE f
Init == f \in [A -> V]
Next == \E a \in A, v \in V : f' = [f EXCEPT ![a] = v]
Sym == Permutations(A) \cup Permutations(V)
SymA == Permutations(A)
====
