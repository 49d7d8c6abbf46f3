------------------------------ MODULE Lossy ------------------------------
(***************************************************************************)
(* A sender retransmits over a channel that may lose the message. Receive  *)
(* is enabled only while the message is in the channel, so weak fairness  *)
(* of Receive allows the message to be lost for ever; strong fairness      *)
(* delivers it.                                                            *)
(***************************************************************************)
VARIABLES chan, got

vars == <<chan, got>>

Init == chan = "empty" /\ got = FALSE

Send == ~got /\ chan = "empty" /\ chan' = "msg" /\ UNCHANGED got

Lose == chan = "msg" /\ chan' = "empty" /\ UNCHANGED got

Receive == chan = "msg" /\ got' = TRUE /\ chan' = "empty"

Next == Send \/ Lose \/ Receive

WeakSpec == Init /\ [][Next]_vars /\ WF_vars(Send) /\ WF_vars(Receive)

StrongSpec == Init /\ [][Next]_vars /\ WF_vars(Send) /\ SF_vars(Receive)

Delivered == <>got
=============================================================================
