---- MODULE Tokens ----
(* Processes pass a token; symmetric in the processes. *)
EXTENDS Naturals, FiniteSets, TLC
CONSTANT Procs
VARIABLES holder, count
Init == holder \in Procs /\ count = [p \in Procs |-> 0]
Pass == \E p \in Procs \ {holder} :
          /\ holder' = p
          /\ count' = [count EXCEPT ![p] = (@ + 1) % 3]
Next == Pass
Sym == Permutations(Procs)
TypeOK == holder \in Procs /\ count \in [Procs -> 0..2]
====
