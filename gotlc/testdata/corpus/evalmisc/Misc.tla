------------------------------- MODULE Misc -------------------------------
(***************************************************************************)
(* One small counter and several ways for evaluation to fail, one per     *)
(* configuration: an invariant that divides by zero at x = 3 (InvDiv.cfg), *)
(* an Assert that fails at x = 2 (Assert.cfg), a CASE with no true arm    *)
(* (Case.cfg), and a named action property that is violated when the      *)
(* counter wraps (ActionProp.cfg). Plain.cfg checks the counter alone.    *)
(***************************************************************************)
EXTENDS Naturals, TLC

CONSTANT Mode

VARIABLE x

Init == x = 0

Step ==
    CASE Mode = "plain" \/ Mode = "prop" -> x' = (x + 1) % 5
      [] Mode = "assert" -> Assert(x # 2, "x reached 2") /\ x' = x + 1
      [] Mode = "case" -> CASE x < 3 -> x' = x + 1
                             [] x > 3 -> x' = 0

Spec == Init /\ [][Step]_x

Ratio == 12 \div (3 - x) >= 0

NeverDown == [][x' > x]_x
=============================================================================
