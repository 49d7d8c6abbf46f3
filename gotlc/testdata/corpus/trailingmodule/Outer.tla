---- MODULE Outer ----
\* Extends module Helper, which is defined later in this same file, after
\* the end of Outer (as BufferedRandomAccessFile extends Common).
EXTENDS Naturals, Helper
VARIABLE x
Init == x = 0
Next == x' = Step(x)
Inv == x < Limit
====

This text between the modules is ignored.

---- MODULE Helper ----
EXTENDS Naturals
Limit == 4
Step(n) == (n + 1) % Limit
====
