------------------------------ MODULE DieHard ------------------------------
(***************************************************************************)
(* Two jugs, one holding 3 gallons and one holding 5, a tap and a drain.   *)
(* The puzzle asks for exactly 4 gallons in the big jug. The invariant    *)
(* NotFour claims that can never happen; TLC's counterexample is the       *)
(* solution, so this entry must end in an invariant violation.             *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES small, big

vars == <<small, big>>

Min(a, b) == IF a < b THEN a ELSE b

TypeOK == small \in 0..3 /\ big \in 0..5

Init == small = 0 /\ big = 0

FillSmall == small' = 3 /\ big' = big
FillBig   == big' = 5 /\ small' = small
EmptySmall == small' = 0 /\ UNCHANGED big
EmptyBig   == big' = 0 /\ UNCHANGED small

\* Pour from one jug into the other until the source is empty or the
\* destination is full.
SmallToBig ==
    LET moved == Min(small, 5 - big)
    IN  /\ small' = small - moved
        /\ big' = big + moved

BigToSmall ==
    LET moved == Min(big, 3 - small)
    IN  /\ big' = big - moved
        /\ small' = small + moved

Next == FillSmall \/ FillBig \/ EmptySmall \/ EmptyBig \/ SmallToBig \/ BigToSmall

Spec == Init /\ [][Next]_vars

NotFour == big # 4

\* False at the start (both jugs empty): DieHardInit.cfg checks it.
SomeWater == small + big > 0
=============================================================================
