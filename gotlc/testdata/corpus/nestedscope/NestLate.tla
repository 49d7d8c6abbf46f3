------------------------------ MODULE NestLate ------------------------------
(* A nested module cannot use a definition made after it: SANY reports     *)
(* Later as unknown (parse error, exit 150).                                *)
EXTENDS Naturals
VARIABLE x

------------------------------- MODULE Inner -------------------------------
IInit == x = Later
=============================================================================

I == INSTANCE Inner
Later == 7
Init == I!IInit
Next == x' = x
=============================================================================
