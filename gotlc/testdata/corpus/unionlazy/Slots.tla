---- MODULE Slots ----
(***************************************************************************)
(* UNION of a set whose element is an infinite set ([D -> Int \cup {N}]):  *)
(* TLC checks membership in it without enumerating it (the type invariant  *)
(* of tlaplus/Examples' Disruptor has this shape). Typed holds; Small      *)
(* fails once slot 1 holds 2. With two such sets in the braces TLC itself *)
(* fails: building the set compares them, which enumerates them.          *)
(***************************************************************************)
EXTENDS Integers
CONSTANT N
VARIABLE slots
Init == slots = [i \in 0..1 |-> N]
Put(i) == slots[i] = N /\ slots' = [slots EXCEPT ![i] = i + 1]
Take(i) == slots[i] # N /\ slots' = [slots EXCEPT ![i] = N]
Next == \E i \in 0..1 : Put(i) \/ Take(i)
Typed == slots \in UNION { [0..1 -> Int \cup {N}] }
Small == slots \in UNION { [0..1 -> (Int \ {2}) \cup {N}] }
====
