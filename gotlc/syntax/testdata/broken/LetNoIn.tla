---- MODULE LetNoIn ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == LET y == 1 x' = y
Inv == TRUE
====
