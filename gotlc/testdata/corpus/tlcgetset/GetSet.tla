---- MODULE GetSet ----
\* TLCGet and TLCSet as TLC 2.20 evaluates them (as DieHard/DieHardest
\* and ewd998/EWD998ChanTrace use them):
\*  - TLCGet("config") is a record of the run (mode "bfs", worker count,
\*    deadlock checking), readable in an ASSUME;
\*  - TLCSet(i, v) stores v in register i (also from an ASSUME) and is TRUE;
\*    TLCGet(i) reads it back;
\*  - TLCGet("level") is the BFS level of the current state: 1 for the
\*    initial states, 0 in the initial predicate and in an ASSUME.
\* Up records the level at which x reached 3 in register 1; LevelMatches
\* checks in every state that y, set to the level in each step, is one
\* behind it. Stop.cfg's invariant fails at level 5.
EXTENDS Naturals, TLC
VARIABLES x, y
ASSUME /\ TLCGet("config").mode = "bfs"
       /\ TLCGet("config").worker = 1
       /\ TLCGet("config").deadlock = FALSE
       /\ TLCGet("level") = 0
ASSUME TLCSet(1, 0) /\ TLCGet(1) = 0
Init == x = 0 /\ y = TLCGet("level")
Up == /\ x < 6
      /\ x' = x + 1
      /\ y' = TLCGet("level")
      /\ x' = 3 => TLCSet(1, TLCGet("level") + 1)
Next == Up
LevelMatches == y = TLCGet("level") - 1
Reached == x >= 3 => TLCGet(1) = 4
Shallow == TLCGet("level") < 5
Unset == x < 2 \/ TLCGet(7) = 0
====
