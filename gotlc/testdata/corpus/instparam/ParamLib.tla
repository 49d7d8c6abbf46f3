---- MODULE ParamLib ----
CONSTANT C
Get == C
====
