------------------------------- MODULE Odd -------------------------------
(***************************************************************************)
(* Temporal formulas TLC cannot check, which gotlc must refuse with TLC's  *)
(* message: a temporal formula under <=>, and an action in a form other   *)
(* than []<>A or <>[]A (<><<A>>_v).                                        *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE x

Init == x = 0

Inc == x < 3 /\ x' = x + 1

Spec == Init /\ [][Inc]_x /\ WF_x(Inc)

Equiv == (x = 0) <=> <>(x = 3)

SomeInc == <><<Inc>>_x
=============================================================================
