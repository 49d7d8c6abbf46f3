------------------------------ MODULE Blinker ------------------------------
(***************************************************************************)
(* A light blinks, or is switched off for good. Under weak fairness of     *)
(* Blink it is on infinitely often ([]<>) unless it is switched off;       *)
(* it is never on forever (<>[] fails with a cycle).                       *)
(***************************************************************************)
VARIABLES on, broken

vars == <<on, broken>>

Init == on = FALSE /\ broken = FALSE

Blink == ~broken /\ on' = ~on /\ UNCHANGED broken

Break == ~broken /\ broken' = TRUE /\ on' = FALSE

Spec == Init /\ [][Blink \/ Break]_vars /\ WF_vars(Blink)

InfinitelyOften == []<>on

OnForever == <>[]on

OnOrBroken == []<>on \/ <>[]broken
=============================================================================
