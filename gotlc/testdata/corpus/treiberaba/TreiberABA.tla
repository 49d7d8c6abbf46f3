----------------------------- MODULE TreiberABA -----------------------------
(***************************************************************************)
(* Treiber's stack where popped nodes go back to a free pool and are       *)
(* pushed again: the classic ABA race. A popper reads head = n and        *)
(* next[n] = m; meanwhile others pop n and m and push n back; the         *)
(* popper's CAS still sees head = n and installs m, a free node. The      *)
(* invariant NoFreeNodeOnStack is violated.                                *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Threads, Nodes, Null

VARIABLES head, next, free, pc, seenHead, seenNext, node

vars == <<head, next, free, pc, seenHead, seenNext, node>>

Ptr == Nodes \cup {Null}

Init ==
    /\ head = Null
    /\ next = [n \in Nodes |-> Null]
    /\ free = Nodes
    /\ pc = [t \in Threads |-> "idle"]
    /\ seenHead = [t \in Threads |-> Null]
    /\ seenNext = [t \in Threads |-> Null]
    /\ node = [t \in Threads |-> Null]

Set(f, t, v) == [f EXCEPT ![t] = v]

\* Push: take a free node, link it to the head read, CAS.
Take(t) ==
    /\ pc[t] = "idle"
    /\ \E n \in free :
          /\ free' = free \ {n}
          /\ node' = Set(node, t, n)
    /\ pc' = Set(pc, t, "link")
    /\ UNCHANGED <<head, next, seenHead, seenNext>>

Link(t) ==
    /\ pc[t] = "link"
    /\ seenHead' = Set(seenHead, t, head)
    /\ next' = [next EXCEPT ![node[t]] = head]
    /\ pc' = Set(pc, t, "pushCas")
    /\ UNCHANGED <<head, free, seenNext, node>>

PushCas(t) ==
    /\ pc[t] = "pushCas"
    /\ IF head = seenHead[t]
         THEN head' = node[t] /\ pc' = Set(pc, t, "idle")
         ELSE UNCHANGED head /\ pc' = Set(pc, t, "link")
    /\ UNCHANGED <<next, free, seenHead, seenNext, node>>

\* Pop: read head, read its next, CAS head from the one to the other.
ReadHead(t) ==
    /\ pc[t] = "idle"
    /\ head # Null
    /\ seenHead' = Set(seenHead, t, head)
    /\ pc' = Set(pc, t, "readNext")
    /\ UNCHANGED <<head, next, free, seenNext, node>>

ReadNext(t) ==
    /\ pc[t] = "readNext"
    /\ seenNext' = Set(seenNext, t, next[seenHead[t]])
    /\ pc' = Set(pc, t, "popCas")
    /\ UNCHANGED <<head, next, free, seenHead, node>>

PopCas(t) ==
    /\ pc[t] = "popCas"
    /\ IF head = seenHead[t]
         THEN /\ head' = seenNext[t]
              /\ free' = free \cup {seenHead[t]}
              /\ pc' = Set(pc, t, "idle")
         ELSE /\ UNCHANGED <<head, free>>
              /\ pc' = Set(pc, t, "idle")
    /\ UNCHANGED <<next, seenHead, seenNext, node>>

Next == \E t \in Threads :
          Take(t) \/ Link(t) \/ PushCas(t) \/ ReadHead(t) \/ ReadNext(t) \/ PopCas(t)

Spec == Init /\ [][Next]_vars

NoFreeNodeOnStack == head # Null => head \notin free
=============================================================================
