------------------------------- MODULE Voting -------------------------------
(* A simplified single-decree voting algorithm exercising records, EXCEPT, *)
(* CHOOSE, set comprehension, CASE, LET, RECURSIVE, higher-order operators *)
(* and user-defined infix operators.                                       *)
EXTENDS Integers, FiniteSets

CONSTANTS Value, Acceptor, Quorum, None

ASSUME /\ \A Q \in Quorum : Q \subseteq Acceptor
       /\ \A Q1, Q2 \in Quorum : Q1 \cap Q2 # {}
       /\ None \notin Value

Ballot == 0..2

VARIABLES votes, maxBal

Max(S) == CHOOSE b \in S : \A c \in S : b >= c

a \preceq b == a.bal < b.bal \/ (a.bal = b.bal /\ a.val = b.val)

Fold(Op(_, _), base, S) ==
    LET RECURSIVE F(_)
        F(T) == IF T = {} THEN base
                ELSE LET x == CHOOSE y \in T : TRUE
                     IN Op(x, F(T \ {x}))
    IN F(S)

Sum(S) == Fold(LAMBDA a, b : a + b, 0, S)

VotedFor(a, b, v) == [bal |-> b, val |-> v] \in votes[a]

ChosenAt(b, v) == \E Q \in Quorum : \A a \in Q : VotedFor(a, b, v)

chosen == {v \in Value : \E b \in Ballot : ChosenAt(b, v)}

TypeOK == /\ votes \in [Acceptor -> SUBSET [bal : Ballot, val : Value]]
          /\ maxBal \in [Acceptor -> Ballot \cup {-1}]

Init == /\ votes = [a \in Acceptor |-> {}]
        /\ maxBal = [a \in Acceptor |-> -1]

IncreaseMaxBal(a, b) == /\ b > maxBal[a]
                        /\ maxBal' = [maxBal EXCEPT ![a] = b]
                        /\ UNCHANGED votes

VoteFor(a, b, v) ==
    /\ maxBal[a] <= b
    /\ \A vt \in votes[a] : vt.bal # b
    /\ \A c \in Acceptor \ {a} :
          \A vt \in votes[c] : (vt.bal = b) => (vt.val = v)
    /\ votes' = [votes EXCEPT ![a] = @ \cup {[bal |-> b, val |-> v]}]
    /\ maxBal' = [maxBal EXCEPT ![a] = b]

Status(a) == CASE maxBal[a] = -1 -> "idle"
               [] maxBal[a] >= 0 /\ votes[a] = {} -> "promised"
               [] OTHER -> "voted"

Next == \E a \in Acceptor, b \in Ballot :
           \/ IncreaseMaxBal(a, b)
           \/ \E v \in Value : VoteFor(a, b, v)

Spec == Init /\ [][Next]_<<votes, maxBal>>

OneValue == Cardinality(chosen) <= 1

VoteCount == Sum({Cardinality(votes[a]) : a \in Acceptor}) >= 0

Pairs == {<<a, b>> \in Acceptor \X Ballot : maxBal[a] >= b}
=============================================================================
