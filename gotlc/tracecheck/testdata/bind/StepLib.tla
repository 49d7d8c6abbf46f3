---- MODULE StepLib ----
Step == 1
====
