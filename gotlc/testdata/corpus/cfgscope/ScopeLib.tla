---- MODULE ScopeLib ----
\* A library whose definitions cannot be evaluated as written (Nat is
\* infinite, None an unbounded CHOOSE); CfgScope.cfg replaces them from
\* the root module with module-scoped entries.
LOCAL INSTANCE Naturals
CONSTANT Limit
Level == Nat
Small == {n \in Nat : n < Limit}
None == CHOOSE v : v \notin Nat
Width(a, b) == a + b
====
