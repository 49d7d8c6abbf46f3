------------------------------ MODULE Alarm ------------------------------
(***************************************************************************)
(* An alarm that rings is eventually acknowledged and then stays quiet     *)
(* until the next fault: [](ring => <>[](~ring)) fails when faults recur,  *)
(* [](ring => <>ack) holds. A nested tableau of state predicates.          *)
(***************************************************************************)
CONSTANT Recur

VARIABLES ring, ack

vars == <<ring, ack>>

Init == ring = FALSE /\ ack = FALSE

Fault == ~ring /\ (Recur \/ ~ack) /\ ring' = TRUE /\ ack' = FALSE

Ack == ring /\ ring' = FALSE /\ ack' = TRUE

Spec == Init /\ [][Fault \/ Ack]_vars /\ WF_vars(Ack) /\ WF_vars(Fault)

Acknowledged == [](ring => <>ack)

QuietAfter == [](ring => <>[](~ring))
=============================================================================
