---- MODULE MCLease ----
(***************************************************************************)
(* A cfg replacement (Renew <- MCRenew, Limit = 1) acts on the definition  *)
(* the modules refer to, not on an instance's own copy: MCRenew calls      *)
(* L!Renew, which is Lease's Renew as written (were it replaced too, the  *)
(* call would never end), while L!Step, whose body refers to Renew, sees   *)
(* the replacement. Likewise L!Limit is 3 but L!Bound uses Limit = 1.      *)
(* Loose lets t run to 3 (MCRenew allows x < 3); Tight checks L!Bound,      *)
(* which fails at t = 2 although L!Limit is 3.                             *)
(***************************************************************************)
EXTENDS Lease
L == INSTANCE Lease
MCRenew(x) == L!Renew(x) \/ x = 2
Init == t = 0
Next == L!Step
Loose == t <= L!Limit
Tight == L!Bound
====
