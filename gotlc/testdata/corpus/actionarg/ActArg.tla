---- MODULE ActArg ----
\* An action passed to an ordinary parameter (the NoStutter pattern), and a
\* one-line THEOREM without a proof directly followed by a definition.
EXTENDS Naturals
VARIABLES x, y
THEOREM Unproved == x \in Nat
W(A) == A /\ y' = y
NoStutter(A) == A /\ x' # x
Twice(A, B) == A /\ B
Init == x = 0 /\ y = 0
Flip == NoStutter(W(x' = 1 - x))
Bump == x = 1 /\ Twice(y' = y + 1, x' = x) /\ y < 2
Next == Flip \/ Bump
Inv == x \in {0, 1} /\ y \in 0..2
====
