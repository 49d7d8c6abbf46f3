-------------------------------- MODULE Nest --------------------------------
(* A module nested in another sees the declarations and definitions made   *)
(* before it, as tlaplus/Examples' diskpaxos Synod!Inner does: Inner uses  *)
(* the constant N, the variable x and the definition Vals of Nest, and     *)
(* declares its own variable y, which the instance I replaces by z; Later, *)
(* defined after Inner, is not in its scope.                               *)
EXTENDS Naturals
CONSTANT N
VARIABLES x, z
Vals == 0..N
Bump(v) == v + 1

------------------------------- MODULE Inner -------------------------------
VARIABLE y
Twice(v) == Bump(Bump(v))
IInit == x \in Vals /\ y = 0
INext == x' = Twice(x) % (N + 1) /\ y' = (y + 1) % 3
=============================================================================

I == INSTANCE Inner WITH y <- z
Later == 7
Init == I!IInit
Next == I!INext
TypeOK == x \in Vals /\ z \in 0..2 /\ Bump(z) # Later
=============================================================================
