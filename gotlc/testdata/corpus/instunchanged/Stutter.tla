---- MODULE Stutter ----
\* A stuttering library (as locks_auxiliary_vars/Stuttering): its VARIABLE
\* vars is given, by an unnamed INSTANCE, a tuple defined by the user.
VARIABLES s, vars
Pause(A) == IF s = 0 THEN A /\ s' = 1
                     ELSE UNCHANGED vars /\ s' = 0
====
