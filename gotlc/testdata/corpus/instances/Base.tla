------------------------------- MODULE Base -------------------------------
(* The bottom of an EXTENDS chain: Channels EXTENDS Routing EXTENDS Base.  *)
EXTENDS Naturals

CONSTANTS Cap, Procs

Payload == {1, 2, 3}
SmallPayload == {7}
=============================================================================
