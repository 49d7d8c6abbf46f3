---- MODULE PrimedParam ----
\* Definitions that prime their parameters, as Lose(q) in Specifying
\* Systems' AlternatingBit: TLC substitutes the argument for the parameter,
\* so Lose(a) assigns a' (q' = ...), Keep(<<b, n>>) leaves b and n
\* unchanged, Grow(a) tests Len(a') and the fairness of Lose(a) needs
\* ENABLED of it.
EXTENDS Naturals, Sequences
VARIABLES a, b, n
vars == <<a, b, n>>
Init == a = <<1, 2>> /\ b = <<>> /\ n = 0
Lose(q) == /\ q # <<>>
           /\ \E i \in 1..Len(q) :
                 q' = [j \in 1..(Len(q) - 1) |-> IF j < i THEN q[j] ELSE q[j + 1]]
Move(from, to) == /\ from # <<>> /\ Len(to) < 2
                  /\ to' = Append(to, Head(from))
                  /\ from' = Tail(from)
Keep(q) == UNCHANGED q
Grow(q) == /\ Len(q) < 3
           /\ q' \in {Append(q, 1), Append(q, 2)}
           /\ Len(q') + Len(b) <= 3
Via(q) == Lose(q)
Tick(q) == q < 2 /\ q' = q + 1
LoseA == Lose(a) /\ Keep(<<b, n>>)
Next == \/ LoseA
        \/ Move(a, b) /\ Keep(n)
        \/ Via(b) /\ Keep(a) /\ UNCHANGED n
        \/ Grow(a) /\ UNCHANGED <<b, n>>
        \/ Tick(n) /\ Keep(<<a, b>>)
Spec == Init /\ [][Next]_vars /\ WF_vars(LoseA)
Inv == Len(a) <= 3 /\ Len(b) <= 2 /\ n \in 0..2
Shrinks == []<>(Len(a) < 3)
====
