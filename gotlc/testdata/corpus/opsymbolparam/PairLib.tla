---- MODULE PairLib ----
Swap(p) == <<p[2], p[1]>>
====
