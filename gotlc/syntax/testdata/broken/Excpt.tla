---- MODULE Excpt ----
EXTENDS Naturals
VARIABLE x, y
Init == x = <<1, 2>> /\ y = 0
Next == x' = [x EXCPT ![1] = 2] /\ y' = y
====
