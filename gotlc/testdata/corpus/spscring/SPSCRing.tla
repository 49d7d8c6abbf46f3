------------------------------ MODULE SPSCRing ------------------------------
(***************************************************************************)
(* A bounded single-producer single-consumer ring of K slots indexed by   *)
(* free-running counters `tail` (written by the producer) and `head`      *)
(* (written by the consumer). Each side reads the other's counter into a  *)
(* cache that may be stale, then writes a slot or reads one, then         *)
(* publishes its own counter. The producer sends 1..M in order.           *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS K, M

VARIABLES buf, head, tail, ppc, cpc, pHead, cTail, val, got

vars == <<buf, head, tail, ppc, cpc, pHead, cTail, val, got>>

Slot(i) == i % K

Init ==
    /\ buf = [s \in 0..K-1 |-> 0]
    /\ head = 0 /\ tail = 0
    /\ ppc = "check" /\ cpc = "check"
    /\ pHead = 0 /\ cTail = 0
    /\ val = 0
    /\ got = <<>>

(* ----------------------------- producer ------------------------------ *)
PCheck ==
    /\ ppc = "check"
    /\ tail < M
    /\ pHead' = head
    /\ ppc' = "write"
    /\ UNCHANGED <<buf, head, tail, cpc, cTail, val, got>>

\* Write the next item if the cached head says there is room, else re-read.
PWrite ==
    /\ ppc = "write"
    /\ IF tail - pHead < K
         THEN /\ buf' = [buf EXCEPT ![Slot(tail)] = tail + 1]
              /\ ppc' = "publish"
         ELSE /\ ppc' = "check"
              /\ UNCHANGED buf
    /\ UNCHANGED <<head, tail, cpc, pHead, cTail, val, got>>

PPublish ==
    /\ ppc = "publish"
    /\ tail' = tail + 1
    /\ ppc' = "check"
    /\ UNCHANGED <<buf, head, cpc, pHead, cTail, val, got>>

(* ----------------------------- consumer ------------------------------ *)
CCheck ==
    /\ cpc = "check"
    /\ head < M
    /\ cTail' = tail
    /\ cpc' = "read"
    /\ UNCHANGED <<buf, head, tail, ppc, pHead, val, got>>

CRead ==
    /\ cpc = "read"
    /\ IF head < cTail
         THEN /\ val' = buf[Slot(head)]
              /\ cpc' = "advance"
         ELSE /\ cpc' = "check"
              /\ UNCHANGED val
    /\ UNCHANGED <<buf, head, tail, ppc, pHead, cTail, got>>

CAdvance ==
    /\ cpc = "advance"
    /\ got' = Append(got, val)
    /\ head' = head + 1
    /\ cpc' = "check"
    /\ UNCHANGED <<buf, tail, ppc, pHead, cTail, val>>

Finished == head = M /\ tail = M /\ UNCHANGED vars

Next == PCheck \/ PWrite \/ PPublish \/ CCheck \/ CRead \/ CAdvance \/ Finished

Spec == Init /\ [][Next]_vars

InOrder == got = [i \in 1..Len(got) |-> i]
NeverOverfull == tail - head <= K /\ head <= tail
=============================================================================
