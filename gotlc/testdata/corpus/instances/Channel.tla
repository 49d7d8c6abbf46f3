------------------------------ MODULE Channel ------------------------------
(* One bounded FIFO channel; Channels instantiates it once per index.      *)
EXTENDS Sequences, Naturals

CONSTANT Cap
VARIABLE buf

CanSend == Len(buf) < Cap
Sent(v) == Append(buf, v)
CanRecv == buf # <<>>
Front == Head(buf)
=============================================================================
