---- MODULE E ----
EXTENDS Naturals
VARIABLE i
Init == i = 1
Next == i' = <<10, 20>>[i + 1]
====
