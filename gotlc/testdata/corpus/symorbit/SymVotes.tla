---- MODULE SymVotes ----
\* Votes of four acceptors for two values in three ballots, reduced by the
\* symmetry of both sets (a group of 4! * 2! = 48 permutations): a state is
\* a set of vote records and a function on the acceptors, the shapes whose
\* orbit gotlc fingerprints without building images (value.Orbit).
EXTENDS Naturals, TLC
CONSTANTS Acc, Val
VARIABLES msgs, maxBal
Bals == 0..2
Init == msgs = {} /\ maxBal = [a \in Acc |-> 0]
Vote(a, v, b) == /\ maxBal[a] <= b
                 /\ \A m \in msgs : m.acc = a => m.bal < b
                 /\ msgs' = msgs \cup {[type |-> "vote", acc |-> a, val |-> v, bal |-> b]}
                 /\ maxBal' = [maxBal EXCEPT ![a] = b]
Next == \E a \in Acc, v \in Val, b \in Bals : Vote(a, v, b)
Sym == Permutations(Acc) \cup Permutations(Val)
TypeOK == /\ msgs \subseteq [type : {"vote"}, acc : Acc, val : Val, bal : Bals]
          /\ maxBal \in [Acc -> Bals]
====
