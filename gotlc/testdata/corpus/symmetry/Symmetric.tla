---- MODULE Symmetric ----
\* Acceptors A each hold a value of V, vote for the value they hold, and a
\* short log records the first votes. Every action is symmetric in A and in
\* V, so the SYMMETRY sets below are sound; the configurations differ only
\* in the set (and VIEW) they give TLC.
EXTENDS Naturals, Sequences, TLC
CONSTANTS A, V, a1, a2, a3, v1, v2
VARIABLES f, votes, log

Init == /\ f \in [A -> V]
        /\ votes = {}
        /\ log = <<>>

Vote(a, v) == /\ f[a] = v
              /\ <<a, v>> \notin votes
              /\ votes' = votes \cup {<<a, v>>}
              /\ log' = IF Len(log) < 2 THEN Append(log, [who |-> a, what |-> v]) ELSE log
              /\ UNCHANGED f

Flip(a, v) == /\ f[a] # v
              /\ \A w \in V : <<a, w>> \notin votes
              /\ f' = [f EXCEPT ![a] = v]
              /\ UNCHANGED <<votes, log>>

Next == \E a \in A, v \in V : Vote(a, v) \/ Flip(a, v)

TypeOK == /\ f \in [A -> V]
          /\ votes \subseteq A \X V
          /\ Len(log) <= 2

\* Symmetry sets.
PermsA == Permutations(A)
PermsV == Permutations(V)
Union == Permutations(A) \cup Permutations(V)
\* Not groups: TLC reduces by the group they generate.
Cycle == {(a1 :> a2 @@ a2 :> a3 @@ a3 :> a1)}
TwoSwaps == {(a1 :> a2 @@ a2 :> a1), (a2 :> a3 @@ a3 :> a2)}
OneSwap == {(a1 :> a2 @@ a2 :> a1)}
SwapEach == {(a1 :> a2 @@ a2 :> a1), (v1 :> v2 @@ v2 :> v1)}
Identity == {[a \in A |-> a]}
\* The same sets behind a filter (one argument, so TLC's rule does not
\* apply): reduced by the generated groups, S3 and the cyclic group of 3.
TwoSwapsFiltered == {p \in TwoSwaps : TRUE}
CycleFiltered == {p \in Cycle \cup Identity : TRUE}
NoPerms == {}

\* Views.
ViewF == f
ViewVotes == <<votes, Len(log)>>
====
