---- MODULE Steps ----
\* A counter that moves by Step; its .cfg binds Step to a definition of
\* another module (Step <- [StepLib] Two), which trace validation must honour.
EXTENDS Naturals
CONSTANT Step
VARIABLE x
StepLib == INSTANCE StepLib
Init == x = 0
Inc == x' = x + Step
Next == Inc
====
