---- MODULE Endless ----
(***************************************************************************)
(* Calls that never return: a RECURSIVE operator without a base case      *)
(* (Rec.cfg) and a definition the configuration replaces by one that calls *)
(* it again (Loop.cfg: F <- G with G calling F). TLC reports a Java        *)
(* StackOverflowError (exit 255); the Go checker must do the same, not die *)
(* of a goroutine stack overflow.                                          *)
(***************************************************************************)
EXTENDS Naturals
VARIABLE v
RECURSIVE Up(_)
Up(x) == Up(x + 1) + 1
F(x) == x + 1
G(x) == F(x) * 2
Init == v = 0
Rec == v < 2 /\ v' = Up(v)
Loop == v < 2 /\ v' = F(v)
====
