---- MODULE Steps ----
\* A counter that moves by Step, a definition of another module; its .cfg
\* replaces that definition by one of this module (Step <- [StepLib] Two,
\* TLC's module-scoped override), which trace validation must honour.
EXTENDS Naturals
VARIABLE x
INSTANCE StepLib
Two == 2
Init == x = 0
Inc == x' = x + Step
Next == Inc
Small == x < 6
====
