---- MODULE OpConst ----
\* Operator-valued constants bound in the .cfg (Put <- MCPut): the
\* replacement is used as an action, its last parameter being ch'.
EXTENDS Channel, Sequences
MCPut(m, old, new) == new = IF Len(old) < 3 THEN Append(old, m) ELSE Tail(old)
MCOk(m) == m # 0
TypeOK == Len(ch) <= 3
====
