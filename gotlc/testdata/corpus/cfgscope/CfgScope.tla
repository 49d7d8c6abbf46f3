---- MODULE CfgScope ----
\* Module-scoped cfg entries as the Toolbox and public specs write them
\* (PaxosHowToWinATuringAward, Paxos, NanoBlockchain, LeastCircularSubstring):
\*   Nat <- [ScopeLib] MCNat     Nat replaced, for the root too (TLC
\*                               replaces the body the modules share)
\*   Level <- [ScopeLib] MCLevel  ScopeLib's definition replaced by the root's
\*   None = [ScopeLib] NoneVal    ScopeLib's definition given a value
\* NatEverywhere checks that the root sees the replaced Nat. Walk uses a
\* RECURSIVE LET operator as an action conjunct (as the \preceq of
\* ZSequences, reached from an invariant).
EXTENDS Naturals
CONSTANTS Limit, NoneVal
VARIABLES x, y, z
L == INSTANCE ScopeLib
MCNat == 0..3
MCLevel == 0..2
Init == x = 0 /\ y = 0 /\ z = L!None
Move == /\ x' \in L!Small \ {x}
        /\ UNCHANGED <<y, z>>
Climb == /\ y' \in L!Level
         /\ y' > y
         /\ UNCHANGED <<x, z>>
Walk == LET RECURSIVE Down(_)
            Down(n) == CASE n = 0 -> TRUE
                        [] OTHER -> Down(n - 1)
        IN /\ Down(x)
           /\ UNCHANGED <<x, y, z>>
Next == Move \/ Climb \/ Walk
NatEverywhere == 3 \in Nat /\ 4 \notin Nat /\ L!Width(2, 3) = 5
Settled == z = NoneVal
====
