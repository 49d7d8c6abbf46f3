---- MODULE InstParam ----
\* I!C for a constant of the instantiated module: a parameter, not a
\* definition, so SANY refuses it ("Unknown operator").
EXTENDS Naturals
VARIABLE x
I == INSTANCE ParamLib WITH C <- 2
Init == x = I!C
Next == x' = I!Get
====
