---- MODULE Steps ----
\* A counter that moves by StepLib's Step; its .cfg replaces that definition
\* by the root module's Two (Step <- [StepLib] Two), which trace validation
\* must honour.
EXTENDS Naturals
VARIABLE x
L == INSTANCE StepLib
Two == 2
Init == x = 0
Inc == x' = x + L!Step
Next == Inc
====
