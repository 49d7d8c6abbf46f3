------------------------------ MODULE Limits ------------------------------
(* Instantiated without a name: its definitions join the instantiating     *)
(* module's own.                                                           *)
EXTENDS Naturals

CONSTANT Max

InLimit(x) == x <= Max
Clamp(x) == IF InLimit(x) THEN x ELSE Max
=============================================================================
