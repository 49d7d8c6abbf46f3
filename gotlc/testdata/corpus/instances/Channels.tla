----------------------------- MODULE Channels -----------------------------
(***************************************************************************)
(* Processes 1..Procs on a ring, each with an inbound channel. Exercises  *)
(* module structure: an EXTENDS chain (Routing, Base), a parameterised    *)
(* instance Ch(p) of Channel whose variable is bufs[p] and whose constant *)
(* Cap is substituted implicitly by the constant of the same name, an     *)
(* unnamed INSTANCE of Limits, and a definition replaced from the cfg     *)
(* (Small.cfg: Payload <- SmallPayload).                                  *)
(***************************************************************************)
EXTENDS Routing, Sequences

VARIABLES bufs, delivered

vars == <<bufs, delivered>>

Ch(p) == INSTANCE Channel WITH buf <- bufs[p]

INSTANCE Limits WITH Max <- 2

Init ==
    /\ bufs = [p \in 1..Procs |-> <<>>]
    /\ delivered = [p \in 1..Procs |-> 0]

Send(p, v) ==
    /\ Ch(Dest(p))!CanSend
    /\ bufs' = [bufs EXCEPT ![Dest(p)] = Ch(Dest(p))!Sent(v)]
    /\ UNCHANGED delivered

Recv(p) ==
    /\ Ch(p)!CanRecv
    /\ InLimit(delivered[p] + 1)
    /\ bufs' = [bufs EXCEPT ![p] = Tail(@)]
    /\ delivered' = [delivered EXCEPT ![p] = Clamp(@ + Ch(p)!Front)]

Next == \E p \in 1..Procs : Recv(p) \/ \E v \in Payload : Send(p, v)

Spec == Init /\ [][Next]_vars

Bounded == \A p \in 1..Procs : Len(bufs[p]) <= Cap /\ delivered[p] <= 2
=============================================================================
