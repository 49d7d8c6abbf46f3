---------------------------- MODULE RingElection ----------------------------
(***************************************************************************)
(* Leader election on a unidirectional ring (the Chang-Roberts idea):      *)
(* each node may send its identifier to its successor; a node forwards    *)
(* identifiers larger than its own, drops smaller ones, and declares      *)
(* itself leader when its own identifier comes back. Channels are FIFO.   *)
(* This copy's .cfg tries to give the constant Id a tuple value, which a  *)
(* TLC configuration file cannot express: TLC reports a config error.     *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS N, Id    \* Id is a tuple of N distinct identifiers

ASSUME /\ N \in Nat /\ N >= 2
       /\ Len(Id) = N
       /\ Cardinality({Id[i] : i \in 1..N}) = N

Nodes == 1..N
Succ(n) == IF n = N THEN 1 ELSE n + 1
MaxId == CHOOSE m \in {Id[i] : i \in Nodes} : \A i \in Nodes : Id[i] <= m

VARIABLES chan, started, elected

vars == <<chan, started, elected>>

Init ==
    /\ chan = [n \in Nodes |-> <<>>]
    /\ started = {}
    /\ elected = {}

Start(n) ==
    /\ n \notin started
    /\ started' = started \cup {n}
    /\ chan' = [chan EXCEPT ![Succ(n)] = Append(@, Id[n])]
    /\ UNCHANGED elected

Receive(n) ==
    /\ chan[n] # <<>>
    /\ LET m == Head(chan[n]) IN
         CASE m > Id[n] ->
                /\ chan' = [chan EXCEPT ![n] = Tail(@), ![Succ(n)] = Append(@, m)]
                /\ UNCHANGED elected
           [] m = Id[n] ->
                /\ chan' = [chan EXCEPT ![n] = Tail(@)]
                /\ elected' = elected \cup {n}
           [] OTHER ->
                /\ chan' = [chan EXCEPT ![n] = Tail(@)]
                /\ UNCHANGED elected
    /\ UNCHANGED started

\* Every node has started and every message is delivered.
Done ==
    /\ started = Nodes
    /\ \A n \in Nodes : chan[n] = <<>>
    /\ UNCHANGED vars

Next == Done \/ \E n \in Nodes : Start(n) \/ Receive(n)

Spec == Init /\ [][Next]_vars

AtMostOneLeader == Cardinality(elected) <= 1
LeaderHasMaxId == \A n \in elected : Id[n] = MaxId
LeaderWhenDone == (started = Nodes /\ \A n \in Nodes : chan[n] = <<>>) => elected # {}
=============================================================================
