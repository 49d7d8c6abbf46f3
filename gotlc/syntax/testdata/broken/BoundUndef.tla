---- MODULE BoundUndef ----
EXTENDS Naturals
VARIABLE x
Init == x = 0
Next == \E i \in 1..3 : x' = j
====
