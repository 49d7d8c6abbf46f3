--------------------------- MODULE BoundedQueue ---------------------------
(***************************************************************************)
(* A bounded FIFO queue with a producer and a consumer, in the layout of   *)
(* Lamport's examples: TypeOK, Init, one definition per action, Next as a  *)
(* flat disjunction, Spec, invariants and a theorem with a proof.          *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Msgs,     \* the messages
          Cap       \* the capacity of the queue

ASSUME /\ Cap \in Nat \ {0}
       /\ IsFiniteSet(Msgs)

VARIABLES q, sent, rcvd

vars == <<q, sent, rcvd>>

TypeOK == /\ q \in Seq(Msgs)
          /\ Len(q) <= Cap
          /\ sent \in Nat
          /\ rcvd \in Nat

Init == /\ q = <<>>
        /\ sent = 0
        /\ rcvd = 0

(* The producer appends a message when there is room. *)
Send(m) == /\ Len(q) < Cap
           /\ q' = Append(q, m)
           /\ sent' = sent + 1
           /\ UNCHANGED rcvd

(* The consumer takes the head. *)
Recv == /\ q # <<>>
        /\ q' = Tail(q)
        /\ rcvd' = rcvd + 1
        /\ UNCHANGED <<sent>>

Next == \/ \E m \in Msgs : Send(m)
        \/ Recv

Spec == Init /\ [][Next]_vars /\ WF_vars(Recv)

-----------------------------------------------------------------------------
Conserved == sent - rcvd = Len(q)

Drains == Len(q) > 0 ~> Len(q) = 0

Bound == sent <= 3

THEOREM Safety == Spec => []Conserved
<1>1. Init => Conserved
  BY DEF Init, Conserved
<1>2. Conserved /\ [Next]_vars => Conserved'
  <2>1. CASE Recv
    BY <2>1 DEF Recv, Conserved
  <2>2. QED
    OBVIOUS
<1>3. QED
  BY <1>1, <1>2 DEF Spec
=============================================================================
