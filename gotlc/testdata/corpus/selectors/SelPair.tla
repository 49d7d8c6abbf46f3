---- MODULE SelPair ----
EXTENDS Naturals
Swap(p) == <<p[2], p[1]>>
Sum(p) == p[1] + p[2]
====
