---- MODULE Inner ----
\* Level is infinite here; the model replaces it, in this module only, by
\* the root module's SmallLevel (`Level <-[Inner] SmallLevel`).
EXTENDS Naturals
VARIABLE x
Level == Nat
Grow == x' \in {l \in Level : l > x}
====
