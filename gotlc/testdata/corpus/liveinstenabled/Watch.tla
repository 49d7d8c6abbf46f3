---- MODULE Watch ----
(***************************************************************************)
(* ENABLED of an instantiated action whose variable is substituted.        *)
(*                                                                         *)
(* TLC evaluates ENABLED in a partial next state that binds variables by   *)
(* name and, for a primed variable, does not look past the ENABLED for the *)
(* instance's substitution. So in the fairness of D!Spec (written inside   *)
(* Flag), d' = TRUE binds Flag's own d: ENABLED D!Detect holds wherever    *)
(* a = 2, whatever d stands for. With d <- never (a contradiction) the     *)
(* ENABLED is still true (NeverLazy fails, though no step can ever make    *)
(* never true), and with d <- b, x <- b Twin's Detect is enabled although  *)
(* no b' gives d' = 1 and x' = 0 (TwinLazy fails). The substitution is     *)
(* seen when the ENABLED is written outside the instance (Outside: then b' *)
(* is unassigned, an evaluation error) but not when it is written inside   *)
(* (Inside holds).                                                         *)
(***************************************************************************)
EXTENDS Naturals
VARIABLES a, b
vars == <<a, b>>
Init == a = 0 /\ b = 0
Step == a < 2 /\ a' = a + 1 /\ UNCHANGED b
Raise == a = 2 /\ b < 1 /\ b' = b + 1 /\ UNCHANGED a
\* Lazy never raises b; Busy does once a = 2.
Lazy == Init /\ [][Step]_vars /\ WF_vars(Step)
Busy == Init /\ [][Step \/ Raise]_vars /\ WF_vars(Step \/ Raise)

done == b = 1
never == b = 1 /\ b = 2
D == INSTANCE Flag WITH d <- done
N == INSTANCE Flag WITH d <- never
T == INSTANCE Twin WITH d <- b, x <- b

DSpec == D!Spec
DKeep == D!KeepSpec
NSpec == N!Spec
TSpec == T!Spec

Inside == a = 2 => N!EnDetect
Outside == a = 2 => ENABLED N!Detect
====
