---- MODULE RecLetAct ----
\* A RECURSIVE operator defined in a LET and called in a next-state action
\* and in an ASSUME (as MisraReachability's RandomSucc): compiling it as an
\* action must not unfold the recursion for ever.
EXTENDS Naturals
VARIABLE x
Sum(S) == LET RECURSIVE Go(_, _)
              Go(T, acc) == IF T = {} THEN acc
                            ELSE LET m == CHOOSE m \in T : TRUE
                                 IN  Go(T \ {m}, acc + m)
          IN  Go(S, 0)
ASSUME Sum(1..4) = 10
Init == x = 0
Next == LET RECURSIVE Step(_)
            Step(n) == IF n = 0 THEN x' = (x + 1) % 3
                                ELSE Step(n - 1)
        IN  Step(x) /\ Sum(0..x) < 4
Inv == x < 3
====
