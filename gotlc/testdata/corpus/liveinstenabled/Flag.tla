---- MODULE Flag ----
(***************************************************************************)
(* A module whose variable d the instantiating module (Watch) replaces by  *)
(* an expression or by another variable. Detect raises the flag once a     *)
(* has reached 2; Keep leaves it as it is.                                 *)
(***************************************************************************)
EXTENDS Naturals
VARIABLES a, d
Init == a = 0 /\ d = FALSE
Step == a < 2 /\ a' = a + 1 /\ UNCHANGED d
Detect == a = 2 /\ d' = TRUE /\ UNCHANGED a
Keep == a = 2 /\ d' = d /\ UNCHANGED a
Next == Step \/ Detect
vars == <<a, d>>
Spec == Init /\ [][Next]_vars /\ WF_vars(Detect)
KeepSpec == Init /\ [][Next \/ Keep]_vars /\ WF_vars(Keep)
EnDetect == ENABLED Detect
====
