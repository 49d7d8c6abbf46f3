---- MODULE Compose ----
(***************************************************************************)
(* Action composition A \cdot B (TLC needs -Dtlc2.tool.impl.Tool.cdot=true, *)
(* which the ASSUME checks): a step of Grow \cdot Halve is a Grow step     *)
(* followed by a Halve step from the state Grow reached. TLC counts every  *)
(* intermediate state as generated (Composed: 1 + 10 x (2 + 4) = 61), also *)
(* when B has no step from it (Stuck: 3). Bounded fails once x reaches 12  *)
(* through a composed step.                                                *)
(***************************************************************************)
EXTENDS Naturals, TLC
VARIABLE x
ASSUME TLCGet("-Dtlc2.tool.impl.Tool.cdot") = "true"
Init == x = 0
Grow == x < 10 /\ x' \in {x + 1, x + 2}
Halve == x' \in {x, x + 3}
Never == x > 100 /\ x' = x
Composed == Grow \cdot Halve
Stuck == Grow \cdot Never
Bounded == x < 12
====
