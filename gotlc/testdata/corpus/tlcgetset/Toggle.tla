---- MODULE Toggle ----
\* TLCGet("level") in a VIEW, an ACTION_CONSTRAINT and a CONSTRAINT (as
\* ewd998/EWD998ChanTrace's TraceView and TraceNextConstraint): a toggle
\* that would have two states has one per level under LevelView.
EXTENDS Naturals, TLC
VARIABLE x
Init == x = 0
Next == x' = 1 - x
LevelView == <<x, TLCGet("level")>>
Bound == TLCGet("level") < 4
Small == TLCGet("level") < 6
====
