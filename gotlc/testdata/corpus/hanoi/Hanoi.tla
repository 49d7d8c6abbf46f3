------------------------------- MODULE Hanoi -------------------------------
(***************************************************************************)
(* Tower of Hanoi with N disks on three pegs. Each peg is a sequence of    *)
(* disk sizes, top of the peg first. The invariant NotSolved is violated   *)
(* when every disk sits on the third peg; the shortest trace has 2^N - 1  *)
(* moves.                                                                  *)
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
    /\ IF pegs[to] = <<>> THEN TRUE ELSE Head(pegs[from]) < Head(pegs[to])
    /\ pegs' = [pegs EXCEPT ![from] = Tail(@),
                            ![to]   = <<Head(pegs[from])>> \o @]

Next == \E from, to \in Pegs : Move(from, to)

Spec == Init /\ [][Next]_pegs

TypeOK == \A p \in Pegs : pegs[p] \in Seq(1..N)

NotSolved == Len(pegs[3]) < N
=============================================================================
