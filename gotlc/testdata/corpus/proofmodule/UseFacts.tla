------------------------------- MODULE UseFacts -------------------------------
(* A counter doubling and halving through the definitions of Facts, a       *)
(* module of theorems with proofs (as the TLAPS library modules loaded from *)
(* -lib): the proofs are skipped, the definitions between them are used.    *)
EXTENDS Facts

VARIABLE x

Init == x = 1

Next == \/ x < Limit /\ x' = Double(x)
        \/ x >= Limit /\ x' = Half(x)

THEOREM Spec == Init => x \in Nat
  BY DEF Init

Bounded == x \in 0..Double(Limit)
===============================================================================
