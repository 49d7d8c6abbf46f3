---- MODULE 2Counter ----
\* A module (and identifiers) whose names start with a digit, as 2PCwithBTM.
EXTENDS Naturals
VARIABLE 2x
Init == 2x = 0
Next == 2x' = (2x + 1) % 3
====
