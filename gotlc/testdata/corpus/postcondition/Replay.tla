------------------------------- MODULE Replay -------------------------------
(* Replays a log of two nodes, written out of order, in its causal order  *)
(* (VectorClocks!CausalOrder), one line per step, and checks at the end   *)
(* with a POSTCONDITION that the search went as deep as the log is long   *)
(* (TLCGet("stats"), as tlaplus/Examples' EWD998ChanTrace does).          *)
EXTENDS Naturals, Sequences, TLC, VectorClocks

\* a sends to b, b replies, a receives: one causal order only.
Log == <<
    [node |-> "b", ev |-> "recv", vc |-> [a |-> 2, b |-> 1]],
    [node |-> "a", ev |-> "start", vc |-> [a |-> 1]],
    [node |-> "a", ev |-> "recv", vc |-> [a |-> 3, b |-> 2]],
    [node |-> "b", ev |-> "send", vc |-> [a |-> 2, b |-> 2]],
    [node |-> "a", ev |-> "send", vc |-> [a |-> 2]] >>

Trace == CausalOrder(Log, LAMBDA l : l.vc, LAMBDA l : l.node, LAMBDA c : DOMAIN c)

VARIABLES i, seen

Init == i = 0 /\ seen = <<>>

\* The next line, or a stutter at the end (so the search ends by itself).
Next == /\ i < Len(Trace)
        /\ i' = i + 1
        /\ seen' = Append(seen, Trace[i + 1].node \o ":" \o Trace[i + 1].ev)

InOrder == seen = [k \in 1..i |-> <<"a:start", "a:send", "b:recv", "b:send", "a:recv">>[k]]

Stats == TLCGet("stats")

\* The search reached every line of the trace: depth = Len(Trace) + 1.
Accepted ==
    /\ Stats.diameter = Len(Trace) + 1
    /\ TLCGet("diameter") = Stats.diameter
    /\ Stats.distinct = 6 /\ TLCGet("distinct") = 6
    /\ Stats.generated = 6 /\ TLCGet("generated") = 6
    /\ Stats.queue = 0 /\ TLCGet("queue") = 0
    /\ Stats.initial = 1
    /\ Stats.worker = 0
    /\ TLCGet("level") = 0
    /\ DOMAIN Stats = {"diameter", "distinct", "generated", "queue", "initial", "worker", "duration"}

\* False: the depth is 6.
TooShort == Stats.diameter = Len(Trace)

\* A POSTCONDITION has no state: naming a variable is an evaluation error.
StateLevel == i = Len(Trace)
=============================================================================
