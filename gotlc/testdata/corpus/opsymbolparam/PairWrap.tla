---- MODULE PairWrap ----
LOCAL INSTANCE PairLib
INSTANCE PairLib
SwapTwice(p) == Swap(Swap(p))
====
