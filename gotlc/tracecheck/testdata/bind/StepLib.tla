---- MODULE StepLib ----
Two == 2
====
