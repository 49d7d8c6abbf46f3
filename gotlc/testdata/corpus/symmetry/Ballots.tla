---- MODULE Ballots ----
\* A Paxos-shaped model for measuring symmetry's cost: nodes raise their
\* ballot and announce it, nodes accept a value at an announced ballot, and
\* every step adds a record to a set of messages. Symmetric in Node and in
\* Val, so both may be permuted.
EXTENDS Naturals, TLC
CONSTANTS Node, Val, MaxBal
VARIABLES bal, acc, msgs

Init == /\ bal = [n \in Node |-> 0]
        /\ acc = [n \in Node |-> [b |-> 0, v |-> "none"]]
        /\ msgs = {}

Prepare(n) == /\ bal[n] < MaxBal
              /\ bal' = [bal EXCEPT ![n] = @ + 1]
              /\ msgs' = msgs \cup {[type |-> "prep", from |-> n, b |-> bal[n] + 1]}
              /\ UNCHANGED acc

Accept(n, m, v) == /\ m.type = "prep"
                   /\ m.b >= bal[n]
                   /\ m.b > acc[n].b
                   /\ acc' = [acc EXCEPT ![n] = [b |-> m.b, v |-> v]]
                   /\ bal' = [bal EXCEPT ![n] = m.b]
                   /\ msgs' = msgs \cup {[type |-> "acc", from |-> n, b |-> m.b, v |-> v]}

Next == \E n \in Node : \/ Prepare(n)
                        \/ \E m \in msgs, v \in Val : Accept(n, m, v)

Agreed == \A m1, m2 \in msgs : (m1.type = "acc" /\ m2.type = "acc" /\ m1.b = m2.b /\ m1.from = m2.from) => m1.v = m2.v

Perms == Permutations(Node) \cup Permutations(Val)
====
