---- MODULE InstUnchanged ----
\* UNCHANGED of an instance parameter that is replaced by a definition of a
\* tuple of variables (vars == <<a, b>>): it assigns a' and b'.
EXTENDS Naturals
VARIABLES a, b, s
vars == <<a, b>>
INSTANCE Stutter
Init == a = 0 /\ b = 0 /\ s = 0
Next == \/ Pause(a' = (a + 1) % 3 /\ b' = b)
        \/ Pause(b' = 1 - b /\ a' = a)
Inv == a \in 0..2 /\ b \in 0..1
====
