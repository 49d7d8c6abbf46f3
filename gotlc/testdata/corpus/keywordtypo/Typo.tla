--------------------------------- MODULE Typo ---------------------------------
(* A step with the keyword UNCHANGED misspelled: SANY reports the line of  *)
(* the typo (exit 150); so must gotlc, not the next definition's line.     *)
EXTENDS Naturals
VARIABLES x, y

Init == x = 0 /\ y = 0

Next == /\ x' = 1 - x
        /\ UNCHANGD y

TypeOK == x \in {0, 1}
===============================================================================
