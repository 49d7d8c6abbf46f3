---------------------------- MODULE TwoChannels ----------------------------
(* Two instances of Channel: named, parameterised, and an unnamed one. *)
EXTENDS Naturals, Sequences
CONSTANT Message
VARIABLES in, out, buf

InChan == INSTANCE Channel WITH Data <- Message, chan <- in
OutChan == INSTANCE Channel WITH Data <- Message, chan <- out
Chan(c) == INSTANCE Channel WITH Data <- Message, chan <- c

Init == /\ InChan!CInit
        /\ OutChan!CInit
        /\ buf = <<>>

SSend(msg) == /\ InChan!Send(msg)
              /\ UNCHANGED <<out, buf>>

BufRcv == /\ InChan!Rcv
          /\ buf' = Append(buf, in.val)
          /\ UNCHANGED out

BufSend == /\ buf # <<>>
           /\ Chan(out)!Send(Head(buf))
           /\ buf' = Tail(buf)
           /\ UNCHANGED in

RRcv == /\ OutChan!Rcv
        /\ UNCHANGED <<in, buf>>

Next == \/ \E msg \in Message : SSend(msg)
        \/ BufRcv
        \/ BufSend
        \/ RRcv

Spec == Init /\ [][Next]_<<in, out, buf>>

TypeOK == InChan!TypeInvariant /\ Chan(out)!TypeInvariant

Short == Len(buf) <= 2
=============================================================================
