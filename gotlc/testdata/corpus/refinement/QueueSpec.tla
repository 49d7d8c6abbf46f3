----------------------------- MODULE QueueSpec -----------------------------
(***************************************************************************)
(* The abstract queue that the ring implements: at most K items in flight *)
(* at once, items numbered 1..M in the order sent, delivered in order.    *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS K, M

VARIABLES q, sent, got

Init == q = <<>> /\ sent = 0 /\ got = <<>>

Send ==
    /\ sent < M
    /\ Len(q) < K
    /\ q' = Append(q, sent + 1)
    /\ sent' = sent + 1
    /\ UNCHANGED got

Recv ==
    /\ q # <<>>
    /\ got' = Append(got, Head(q))
    /\ q' = Tail(q)
    /\ UNCHANGED sent

Spec == Init /\ [][Send \/ Recv]_<<q, sent, got>>
=============================================================================
