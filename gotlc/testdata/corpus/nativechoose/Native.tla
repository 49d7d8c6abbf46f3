--------------------------------- MODULE Native ---------------------------------
(* SetToSeq of the community module SequencesExt (a stand-in here): a      *)
(* CHOOSE over a function set, replaced in gotlc by its native.            *)
EXTENDS Naturals, Sequences, SequencesExt, TLC
ASSUME PrintT(<<SetToSeq({3, 1, 2}), SetToSeq({"pear", "fig"}), SetToSeq({{2}, {}, {1, 2}})>>)
VARIABLE s
Init == s = SetToSeq({3, 1, 2})
Next == s' = SetToSeq({s[1] + 3, s[2], s[3]}) /\ s[1] < 9
Sorted == /\ s = SetToSeq({s[1], s[2], s[3]})
          /\ SetToSeq({"pear", "fig"}) = <<"pear", "fig">>
          /\ SetToSeq({{2}, {}, {1, 2}}) = <<{}, {2}, {1, 2}>>
          /\ SetToSeq({}) = <<>>
=================================================================================
