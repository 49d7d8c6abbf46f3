--------------------------- MODULE RiverCrossing ---------------------------
(***************************************************************************)
(* A farmer must take a wolf, a goat and a cabbage across a river in a     *)
(* boat that holds the farmer and at most one passenger. Left alone, the   *)
(* wolf eats the goat and the goat eats the cabbage. The invariant         *)
(* NotAllAcross is violated by the puzzle's solution.                      *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

VARIABLES near, far   \* who stands on each bank

Everyone == {"farmer", "wolf", "goat", "cabbage"}

Safe(bank) ==
    "farmer" \notin bank =>
        /\ ~({"wolf", "goat"} \subseteq bank)
        /\ ~({"goat", "cabbage"} \subseteq bank)

Init == near = Everyone /\ far = {}

\* The farmer crosses from bank `from` to bank `to`, alone or with one
\* passenger, and leaves both banks safe.
Cross(from, to, setFrom(_), setTo(_)) ==
    /\ "farmer" \in from
    /\ \E passengers \in SUBSET (from \ {"farmer"}) :
          /\ Cardinality(passengers) <= 1
          /\ LET boat == passengers \cup {"farmer"}
             IN  /\ Safe(from \ boat)
                 /\ setFrom(from \ boat)
                 /\ setTo(to \cup boat)

Next ==
    \/ Cross(near, far, LAMBDA s : near' = s, LAMBDA s : far' = s)
    \/ Cross(far, near, LAMBDA s : far' = s, LAMBDA s : near' = s)

TypeOK == near \cup far = Everyone /\ near \cap far = {}

NotAllAcross == far # Everyone
=============================================================================
