---- MODULE BagLet ----
\* A LET-defined operator passed to BagOfAll (as NanoBlockchain).
EXTENDS Naturals, Bags
VARIABLE x
Init == x = 0
Next == x' = (x + 1) % 3
Inv == LET Double(n) == 2 * n
       IN BagOfAll(Double, SetToBag({x, x + 1})) = SetToBag({2 * x, 2 * x + 2})
====
