----------------------------- MODULE MsgRecords -----------------------------
(* Processes vote by sending records into a set of messages, as Paxos-style *)
(* specs do: record constructors in every action, membership of records in *)
(* the message set and a type invariant over a union of record sets (the   *)
(* records of one constructor share their field layout: BenchmarkConstructs). *)
EXTENDS Integers

CONSTANTS Proc, Round
VARIABLES msgs, round

Msg == [kind : {"prop"}, from : Proc, rnd : Round]
       \cup [kind : {"ack"}, from : Proc, to : Proc, rnd : Round]

Init == msgs = {} /\ round = [p \in Proc |-> 0]

Propose(p) ==
    /\ round[p] \in Round
    /\ [kind |-> "prop", from |-> p, rnd |-> round[p]] \notin msgs
    /\ msgs' = msgs \cup {[kind |-> "prop", from |-> p, rnd |-> round[p]]}
    /\ UNCHANGED round

Ack(p) ==
    \E m \in msgs :
        /\ m.kind = "prop" /\ m.from # p
        /\ [rnd |-> m.rnd, to |-> m.from, from |-> p, kind |-> "ack"] \notin msgs
        /\ msgs' = msgs \cup {[kind |-> "ack", from |-> p, to |-> m.from, rnd |-> m.rnd]}
        /\ UNCHANGED round

Advance(p) ==
    /\ round[p] + 1 \in Round
    /\ \E q \in Proc \ {p} : [kind |-> "ack", from |-> q, to |-> p, rnd |-> round[p]] \in msgs
    /\ round' = [round EXCEPT ![p] = @ + 1]
    /\ UNCHANGED msgs

Next == \E p \in Proc : Propose(p) \/ Ack(p) \/ Advance(p)

TypeOK == msgs \subseteq Msg /\ round \in [Proc -> Round]
=============================================================================
