------------------------------- MODULE HanoiBranch -------------------------------
(***************************************************************************)
(* A first, wrong draft of the Hanoi entry, kept because TLC rejects it:  *)
(* in an action, a disjunction is a branch, not a short-circuit test, so   *)
(* the second disjunct of the landing test below is evaluated even when    *)
(* the target peg is empty, and Head(<<>>) is an evaluation error.         *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANT N

VARIABLE pegs

Pegs == 1..3

Init == pegs = [p \in Pegs |-> IF p = 1 THEN [i \in 1..N |-> i] ELSE <<>>]

\* Move the top disk of peg `from` onto peg `to` when it is smaller than the
\* disk it lands on.
Move(from, to) ==
    /\ from # to
    /\ pegs[from] # <<>>
    /\ pegs[to] = <<>> \/ Head(pegs[from]) < Head(pegs[to])
    /\ pegs' = [pegs EXCEPT ![from] = Tail(@),
                            ![to]   = <<Head(pegs[from])>> \o @]

Next == \E from, to \in Pegs : Move(from, to)

Spec == Init /\ [][Next]_pegs

TypeOK == \A p \in Pegs : pegs[p] \in Seq(1..N)

NotSolved == Len(pegs[3]) < N
=============================================================================
