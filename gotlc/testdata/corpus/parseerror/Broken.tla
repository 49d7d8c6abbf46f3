------------------------------- MODULE Broken -------------------------------
(***************************************************************************)
(* A counter whose Next has an IF without ELSE. SANY rejects the module;  *)
(* TLC reports the parse error with its location and checks nothing.     *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE x

Init == x = 0

Next == x' = IF x < 3 THEN x + 1

Spec == Init /\ [][Next]_x
=============================================================================
