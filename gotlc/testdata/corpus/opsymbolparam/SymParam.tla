---- MODULE SymParam ----
\* An operator-symbol parameter (`_ \prec _`, as in WellFoundedInduction's
\* OpToRel), given `<` and a named operator; and a module without constants
\* or variables (PairLib) instantiated both directly and through another
\* module (as UndirectedGraphs instantiates Folds): one definition, no clash.
EXTENDS Naturals
LOCAL INSTANCE PairLib
LOCAL INSTANCE PairWrap
VARIABLE x
OpToRel(_ \prec _, S) == {ss \in S \X S : ss[1] \prec ss[2]}
Less(a, b) == a < b
R == OpToRel(<, 0..2)
R2 == OpToRel(Less, 0..1)
Init == x = 0
Next == x' = (x + 1) % 2
Inv == R = {<<0, 1>>, <<0, 2>>, <<1, 2>>} /\ R2 = {<<0, 1>>} /\ Swap(<<1, x>>) = <<x, 1>> /\ SwapTwice(<<x, 2>>) = <<x, 2>>
====
