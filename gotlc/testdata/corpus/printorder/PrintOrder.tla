------------------------------ MODULE PrintOrder ------------------------------
(* Print and PrintT in the initial predicate, the next-state relation and  *)
(* an invariant.  TLC with one worker prints, for each state it expands,   *)
(* what generating its successors prints, and right after each new        *)
(* successor what that state's invariant prints; it stops printing where  *)
(* the search stops.  One cfg per way of stopping.                         *)
EXTENDS Naturals, TLC
VARIABLES x, y

Init == x \in 0..11 /\ y \in {0, 1} /\ PrintT(<<"init", x, y>>)

\* Two successors per state, 24 initial states and 60 in all: levels wider than a grain
\* of 16 states (so several workers share a level).
Next == \E i \in 1..2 :
          /\ Print(<<"next", x, y>>, i) > 0
          /\ x' = (x * 3 + i) % 12
          /\ y' = (y + x) % 5

Inv == PrintT(<<"inv", x, y>>)

\* False in a state found in the middle of a level.
InvStop == PrintT(<<"inv", x, y>>) /\ <<x, y>> # <<11, 4>>

\* An evaluation error in the middle of a level.
NextErr == \E i \in 1..2 :
             /\ PrintT(<<"next", x, y, i>>)
             /\ x' = (x * 3 + i) % 12
             /\ y' = (y + x) % 5
             /\ IF <<x, y>> = <<2, 4>> THEN 1 \div 0 = 0 ELSE TRUE

\* A deadlock in the middle of a level.
NextDead == \E i \in 1..2 :
              /\ PrintT(<<"next", x, y, i>>)
              /\ <<x, y>> # <<10, 2>>
              /\ x' = (x * 3 + i) % 12
              /\ y' = (y + x) % 5
===============================================================================
