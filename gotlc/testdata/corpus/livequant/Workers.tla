------------------------------ MODULE Workers ------------------------------
(***************************************************************************)
(* Each worker does Steps steps of work. Quantified weak fairness of each  *)
(* worker's Step(w) makes every worker finish; leaving one worker out of   *)
(* the fairness (Lazy) lets it stop for ever.                              *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS W, Steps, Lazy

VARIABLE done

Init == done = [w \in W |-> 0]

Step(w) == done[w] < Steps /\ done' = [done EXCEPT ![w] = @ + 1]

Next == \E w \in W : Step(w)

Spec == Init /\ [][Next]_done /\ \A w \in W \ Lazy : WF_done(Step(w))

AllFinish == \A w \in W : <>(done[w] = Steps)

SomeFinishes == \E w \in W : <>(done[w] = Steps)
=============================================================================
