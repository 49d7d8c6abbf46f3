------------------------------- MODULE Errors -------------------------------
(* One evaluation error per cfg (NEXT <name>), each in the first step from *)
(* x = 0: TLC 2.20's message and exit code for each, which gotlc must give *)
(* (TestEvalErrorMessagesAsTLC compares the message text line by line).   *)
(* Integers are TLC's 32-bit ones: a result outside -2^31..2^31-1 is an   *)
(* overflow.  Values of different kinds are not unequal but an error,     *)
(* except a model value, which may be compared with anything.            *)
EXTENDS Integers, Sequences, FiniteSets
CONSTANT M
VARIABLE x
Init == x = 0

ModNeg == x' = 7 % (x - 1)
PowNeg == x' = 2 ^ (x - 1)
AddOverflow == x' = 2147483647 + 1 + x
SubOverflow == x' = -2147483647 - 2 + x
MulOverflow == x' = 65536 * 65536 + x
PowOverflow == x' = 2 ^ 40 + x
PlusNotInt == x' = "a" + 1
LtNotInt == x' = IF 1 < "a" THEN 1 ELSE 2
SubSeqPastEnd == x' = Len(SubSeq(<<1, 2>>, 1, 5)) + x
SubSeqBeforeStart == x' = Len(SubSeq(<<1, 2>>, 0, 1)) + x
CardInfinite == x' = Cardinality(Nat) + x
AppendNotSeq == x' = Len(Append(3, 1))
HeadEmpty == x' = Head(<<>>) + x
TailEmpty == x' = Len(Tail(<<>>)) + x
ChooseNone == x' = CHOOSE i \in 1..3 : i > 5
ChooseInfinite == x' = CHOOSE i \in Int : i > 5
NoField == x' = [a |-> 1].b + x
ApplyInt == x' = 3[1]
ApplyString == x' = "s"[1]
ApplyBool == x' = TRUE[1]
ApplySet == x' = {1}[1]
IfInt == x' = IF x THEN 1 ELSE 2
IfString == x' = IF "a" THEN 1 ELSE 2
EqIntString == x' = IF 1 = "a" THEN 1 ELSE 2
EqStringInt == x' = IF "a" = 1 THEN 1 ELSE 2
EqBoolInt == x' = IF TRUE = 1 THEN 1 ELSE 2
NeqIntBool == x' = IF 1 # TRUE THEN 1 ELSE 2
EqSetInt == x' = IF {1} = 1 THEN 1 ELSE 2
EqSeqInt == x' = IF <<1>> = 1 THEN 1 ELSE 2
EqRecString == x' = IF [a |-> 1] = "a" THEN 1 ELSE 2
EqModelValue == x' = IF M = 1 THEN 1 ELSE 2
=============================================================================
