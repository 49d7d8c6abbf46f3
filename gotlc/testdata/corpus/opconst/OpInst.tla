---- MODULE OpInst ----
\* The same interface bound by an instance: WITH Put <- Put passes this
\* module's operator constant on, which the .cfg binds in turn.
EXTENDS Naturals, Sequences
CONSTANT Put(_, _, _)
VARIABLE q
Ok(m) == m < 2
C == INSTANCE Channel WITH Msgs <- {0, 1, 2}, ch <- q, Put <- Put, Ok <- Ok
MCPut(m, old, new) == new = IF Len(old) < 2 THEN Append(old, m) ELSE <<m>>
Init == C!Init
Next == C!Next
====
