------------------------------- MODULE Fork -------------------------------
(***************************************************************************)
(* A run goes left or right once and then counts up to 2 on that side.     *)
(* Disjunctions and implications of temporal formulas: either side ends at *)
(* 2 (true), both do (false), and a start on the left leads to the left    *)
(* reaching 2 (true).                                                      *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, y

vars == <<x, y>>

Init == x = 0 /\ y = 0

Left == y = 0 /\ x < 2 /\ x' = x + 1 /\ UNCHANGED y

Right == x = 0 /\ y < 2 /\ y' = y + 1 /\ UNCHANGED x

Spec == Init /\ [][Left \/ Right]_vars /\ WF_vars(Left \/ Right)

EitherEnds == <>(x = 2) \/ <>(y = 2)

BothEnd == <>(x = 2) /\ <>(y = 2)

LeftLeads == [](x = 1 => <>(x = 2))

Implies == (<>(x = 1)) => <>[](x = 2)
=============================================================================
