---- MODULE Channel ----
\* The interface of a channel: how a message is put on it is a constant
\* operator, bound by the model (Put <- MCPut) or by an instance.
EXTENDS Naturals
CONSTANTS Msgs, Put(_, _, _), Ok(_)
VARIABLE ch
Init == ch = <<>>
Send(m) == Ok(m) /\ Put(m, ch, ch')
Next == \E m \in Msgs : Send(m)
====
