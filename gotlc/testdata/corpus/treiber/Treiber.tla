------------------------------ MODULE Treiber ------------------------------
(***************************************************************************)
(* Treiber's lock-free stack. Threads push fresh nodes and pop, each step  *)
(* one shared-memory access: read head, link, compare-and-swap. A failed  *)
(* CAS retries from the read. Nodes are never reused, so there is no ABA. *)
(* Invariant: the list from head holds exactly the pushed, unpopped nodes *)
(* and no node is popped twice.                                            *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Threads, Nodes, Null

ASSUME Null \notin Nodes

VARIABLES head, next, pc, local, mine, free, pushed, popped

vars == <<head, next, pc, local, mine, free, pushed, popped>>

Ptr == Nodes \cup {Null}

TypeOK ==
    /\ head \in Ptr
    /\ next \in [Nodes -> Ptr]
    /\ pc \in [Threads -> {"idle", "pushRead", "pushLink", "pushCas",
                           "popRead", "popNext", "popCas"}]
    /\ local \in [Threads -> Ptr]
    /\ mine \in [Threads -> Ptr]
    /\ free \subseteq Nodes /\ pushed \subseteq Nodes /\ popped \subseteq Nodes

Init ==
    /\ head = Null
    /\ next = [n \in Nodes |-> Null]
    /\ pc = [t \in Threads |-> "idle"]
    /\ local = [t \in Threads |-> Null]
    /\ mine = [t \in Threads |-> Null]
    /\ free = Nodes
    /\ pushed = {}
    /\ popped = {}

Goto(t, l) == pc' = [pc EXCEPT ![t] = l]

(* ------------------------------- push -------------------------------- *)
Alloc(t) ==
    /\ pc[t] = "idle"
    /\ \E n \in free :
          /\ free' = free \ {n}
          /\ mine' = [mine EXCEPT ![t] = n]
    /\ Goto(t, "pushRead")
    /\ UNCHANGED <<head, next, local, pushed, popped>>

PushRead(t) ==
    /\ pc[t] = "pushRead"
    /\ local' = [local EXCEPT ![t] = head]
    /\ Goto(t, "pushLink")
    /\ UNCHANGED <<head, next, mine, free, pushed, popped>>

PushLink(t) ==
    /\ pc[t] = "pushLink"
    /\ next' = [next EXCEPT ![mine[t]] = local[t]]
    /\ Goto(t, "pushCas")
    /\ UNCHANGED <<head, local, mine, free, pushed, popped>>

PushCas(t) ==
    /\ pc[t] = "pushCas"
    /\ IF head = local[t]
         THEN /\ head' = mine[t]
              /\ pushed' = pushed \cup {mine[t]}
              /\ mine' = [mine EXCEPT ![t] = Null]
              /\ Goto(t, "idle")
         ELSE /\ Goto(t, "pushRead")
              /\ UNCHANGED <<head, pushed, mine>>
    /\ UNCHANGED <<next, local, free, popped>>

(* ------------------------------- pop --------------------------------- *)
PopStart(t) ==
    /\ pc[t] = "idle"
    /\ Goto(t, "popRead")
    /\ UNCHANGED <<head, next, local, mine, free, pushed, popped>>

PopRead(t) ==
    /\ pc[t] = "popRead"
    /\ local' = [local EXCEPT ![t] = head]
    /\ Goto(t, IF head = Null THEN "idle" ELSE "popNext")
    /\ UNCHANGED <<head, next, mine, free, pushed, popped>>

\* The successor read goes into `mine`, unused while popping.
PopNext(t) ==
    /\ pc[t] = "popNext"
    /\ mine' = [mine EXCEPT ![t] = next[local[t]]]
    /\ Goto(t, "popCas")
    /\ UNCHANGED <<head, next, local, free, pushed, popped>>

PopCas(t) ==
    /\ pc[t] = "popCas"
    /\ IF head = local[t]
         THEN /\ head' = mine[t]
              /\ popped' = popped \cup {local[t]}
              /\ Goto(t, "idle")
         ELSE /\ Goto(t, "popRead")
              /\ UNCHANGED <<head, popped>>
    /\ mine' = [mine EXCEPT ![t] = Null]
    /\ UNCHANGED <<next, local, free, pushed>>

Next == \E t \in Threads :
          \/ Alloc(t) \/ PushRead(t) \/ PushLink(t) \/ PushCas(t)
          \/ PopStart(t) \/ PopRead(t) \/ PopNext(t) \/ PopCas(t)

Spec == Init /\ [][Next]_vars

\* The nodes on the list from p, following next at most Cardinality(Nodes)
\* times (a cycle would show up as a list that is too long).
RECURSIVE ListFrom(_, _)
ListFrom(p, fuel) ==
    IF p = Null \/ fuel = 0 THEN {} ELSE {p} \cup ListFrom(next[p], fuel - 1)

OnStack == ListFrom(head, Cardinality(Nodes) + 1)

StackIsPushedMinusPopped == OnStack = pushed \ popped
PoppedWerePushed == popped \subseteq pushed
=============================================================================
