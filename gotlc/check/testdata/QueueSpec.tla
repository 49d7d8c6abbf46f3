---- MODULE QueueSpec ----
EXTENDS Naturals, Sequences
CONSTANT M
VARIABLES q, sent
Init == q = <<>> /\ sent = 0
Send == sent < M /\ q' = Append(q, sent) /\ sent' = sent + 1
Recv == q # <<>> /\ q' = Tail(q) /\ UNCHANGED sent
Spec == Init /\ [][Send \/ Recv]_<<q, sent>>
====
