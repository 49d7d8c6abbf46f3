------------------------------ MODULE Counter ------------------------------
(* A bounded counter, instantiated by KitchenSink as Clock. *)
EXTENDS Naturals

CONSTANT Limit
VARIABLE c

Inc == c < Limit /\ c' = c + 1
Reset == c' = 0
InRange == c \in 0..Limit
=============================================================================
