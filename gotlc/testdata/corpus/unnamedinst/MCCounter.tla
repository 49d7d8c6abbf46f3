---- MODULE MCCounter ----
\* An unnamed INSTANCE of a module with VARIABLES: Spec and Inv come from
\* Counter, with its n, m and Start replaced by this module's (implicit
\* substitution by the same names); the .cfg names them as if defined here.
Start(v) == v \in {0, 1}
VARIABLES n, m
INSTANCE Counter
====
