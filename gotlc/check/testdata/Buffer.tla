---- MODULE Buffer ----
(* A two-slot buffer that refines QueueSpec; with Lossy = TRUE a send can *)
(* overwrite the oldest element, which the refinement check catches.      *)
EXTENDS Naturals, Sequences
CONSTANTS M, Lossy
VARIABLES buf, sent
Init == buf = <<>> /\ sent = 0
Put == /\ sent < M
       /\ IF Len(buf) < 2 THEN buf' = Append(buf, sent)
          ELSE IF Lossy THEN buf' = Append(Tail(buf), sent) ELSE FALSE
       /\ sent' = sent + 1
Get == buf # <<>> /\ buf' = Tail(buf) /\ UNCHANGED sent
Next == Put \/ Get
Q == INSTANCE QueueSpec WITH q <- buf
Refines == Q!Spec
====
