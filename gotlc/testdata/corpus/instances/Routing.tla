------------------------------ MODULE Routing ------------------------------
EXTENDS Base

\* Each process sends to the next one, the last to the first.
Dest(p) == IF p = Procs THEN 1 ELSE p + 1
=============================================================================
