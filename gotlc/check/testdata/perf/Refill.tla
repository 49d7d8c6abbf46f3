---- MODULE Refill ----
\* A cache that takes blocks and is refilled when it runs low. With
\* Low = 0 (Refill.cfg) the guard of Refill can never hold, so the model
\* checks nothing about Refill: gotlc must warn that it was never enabled.
EXTENDS Naturals
CONSTANTS Cap, Low
VARIABLES n, refills

Init == n = Cap /\ refills = 0

Take == n > 0 /\ n' = n - 1 /\ UNCHANGED refills

Refill == n < Low /\ n' = Cap /\ refills' = refills + 1

Idle == n = 0 /\ UNCHANGED <<n, refills>>

Next == Take \/ Refill \/ Idle

Bounded == refills < 3
====
