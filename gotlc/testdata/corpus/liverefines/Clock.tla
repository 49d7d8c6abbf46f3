------------------------------- MODULE Clock -------------------------------
(***************************************************************************)
(* A clock with minutes (two per hour) refines AbsClock, fairness          *)
(* included, when its ticks are weakly fair (Fair); with only the hour's   *)
(* rollover fair (Tickless) the minutes may stop, and the abstract         *)
(* fairness WF_hr(ANext) is violated.                                      *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES hr, min

vars == <<hr, min>>

Init == hr = 1 /\ min = 0

Tick == min = 0 /\ min' = 1 /\ UNCHANGED hr

Roll == min = 1 /\ min' = 0 /\ hr' = IF hr = 3 THEN 1 ELSE hr + 1

Next == Tick \/ Roll

Fair == Init /\ [][Next]_vars /\ WF_vars(Tick) /\ WF_vars(Roll)

Tickless == Init /\ [][Next]_vars /\ WF_vars(Roll)

Abs == INSTANCE AbsClock

Refines == Abs!ASpec
=============================================================================
