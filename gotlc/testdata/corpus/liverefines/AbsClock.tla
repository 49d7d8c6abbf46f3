------------------------------ MODULE AbsClock ------------------------------
(***************************************************************************)
(* An abstract clock: the hour advances, and under weak fairness it keeps  *)
(* advancing.                                                              *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE hr

AInit == hr \in 1..3

ANext == hr' = IF hr = 3 THEN 1 ELSE hr + 1

ASpec == AInit /\ [][ANext]_hr /\ WF_hr(ANext)
=============================================================================
