---- MODULE PrintOrder ----
\* PrintT in the initial predicate, the next-state relation and an
\* invariant: TLC checks each initial state as soon as it is found, so the
\* lines interleave (TestPrintOrder holds gotlc to TLC 2.20's order).
EXTENDS Naturals, TLC
VARIABLE x
Init == x \in {0, 1} /\ PrintT(<<"init", x>>)
Next == x < 3 /\ x' = x + 1 /\ PrintT(<<"next", x>>)
Inv == PrintT(<<"inv", x>>)
====
