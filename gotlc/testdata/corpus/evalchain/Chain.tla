-------------------------------- MODULE Chain --------------------------------
(* Evaluation errors reached through several operator calls, one per cfg:  *)
(* TLC prints the nested positions of each, outermost first; gotlc prints  *)
(* a subsequence of them (its chain of calls, ending with the innermost    *)
(* expression) and that expression's line with a caret.                     *)
EXTENDS Naturals, Sequences
VARIABLE x

Init == x = 0

\* \div by 0 two calls deep, inside an action called from Next.
Half(v) == 10 \div v
Step(v) == x' = Half(v) + 1
DivNext == x < 3 /\ Step(x)

\* % by 0 in Next itself.
ModNext == x' = (x + 1) % x

\* A tuple indexed past its end through the second of two calls.
T == <<10, 20>>
Get(k) == T[k]
Sum(k) == Get(k) + Get(k + 1)
IdxNext == x' = Sum(x + 1) - Sum(x + 1) + x + 1

\* The same error in an invariant.
IdxInv == Sum(x + 1) > 0

\* An error after an action call returned: the call is not in the chain.
Set(v) == x' = v
AfterNext == Set(x + 1) /\ Half(x) > 0
==============================================================================
