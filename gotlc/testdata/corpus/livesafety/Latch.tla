------------------------------ MODULE Latch ------------------------------
(***************************************************************************)
(* [](t => []t), "once set, t stays set", is a safety property that TLC    *)
(* checks with its liveness checker (the [] under the [] needs the         *)
(* tableau). The latch keeps t; the leaky latch may clear it.              *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Leaky

VARIABLES t, k

vars == <<t, k>>

Init == t = FALSE /\ k = 0

Set == t' = TRUE /\ k' = (k + 1) % 3

Clear == Leaky /\ k = 2 /\ t' = FALSE /\ k' = 0

Spec == Init /\ [][Set \/ Clear]_vars

Stays == [](t => []t)
=============================================================================
