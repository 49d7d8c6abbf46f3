------------------------------ MODULE RingImpl ------------------------------
(***************************************************************************)
(* A ring buffer of K slots that implements QueueSpec. The refinement     *)
(* mapping reads the queue off the published slots head..tail-1. The     *)
(* producer's room test is `tail - head < K + Slack`: with Slack = 0      *)
(* (Ring.cfg) the ring refines the queue; with Slack = 1                 *)
(* (RingOffByOne.cfg) the producer overwrites an unread slot and the     *)
(* property Refines is violated.                                         *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS K, M, Slack

VARIABLES buf, head, tail, ppc, cpc, val, got

vars == <<buf, head, tail, ppc, cpc, val, got>>

Slot(i) == i % K

Init ==
    /\ buf = [s \in 0..K-1 |-> 0]
    /\ head = 0 /\ tail = 0
    /\ ppc = "write" /\ cpc = "read"
    /\ val = 0
    /\ got = <<>>

Write ==
    /\ ppc = "write"
    /\ tail < M
    /\ tail - head < K + Slack
    /\ buf' = [buf EXCEPT ![Slot(tail)] = tail + 1]
    /\ ppc' = "publish"
    /\ UNCHANGED <<head, tail, cpc, val, got>>

Publish ==
    /\ ppc = "publish"
    /\ tail' = tail + 1
    /\ ppc' = "write"
    /\ UNCHANGED <<buf, head, cpc, val, got>>

Read ==
    /\ cpc = "read"
    /\ head < tail
    /\ val' = buf[Slot(head)]
    /\ cpc' = "advance"
    /\ UNCHANGED <<buf, head, tail, ppc, got>>

Advance ==
    /\ cpc = "advance"
    /\ got' = Append(got, val)
    /\ head' = head + 1
    /\ cpc' = "read"
    /\ UNCHANGED <<buf, tail, ppc, val>>

Next == Write \/ Publish \/ Read \/ Advance

Spec == Init /\ [][Next]_vars

\* The queue as the abstract spec sees it.
Queue == [i \in 1..(tail - head) |-> buf[Slot(head + i - 1)]]

Abs == INSTANCE QueueSpec WITH q <- Queue, sent <- tail

Refines == Abs!Spec
=============================================================================
