---- MODULE ModOverride ----
\* TLC's module-scoped override `Op <-[M] Def`: Op is M's definition
\* (reached here through the instance A), Def is the root module's (as
\* Paxos/MCPaxos: `Ballot <-[Voting] MCBallot`). TLC 2.20 rejects the cfg
\* ("substitutes for Level with the undefined identifier SmallLevel") when
\* the root module also defines a Level of its own; gotlc does not copy that.
EXTENDS Naturals
VARIABLE x
SmallLevel == 0..3
A == INSTANCE Inner
Init == x = 0
Next == A!Grow
Inv == x \in SmallLevel
====
