----------------------------- MODULE FilterLock -----------------------------
(***************************************************************************)
(* The filter lock: Peterson's algorithm generalised to N processes by    *)
(* N-1 levels. To climb to level L a process announces L, makes itself    *)
(* the victim of L, and waits until no other process is at level L or    *)
(* above or it is no longer the victim. The wait re-reads one peer per   *)
(* step, so the state space grows quickly with N.                        *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT N

Procs == 1..N
Levels == 1..(N - 1)

VARIABLES pc, level, victim, cur, pending

vars == <<pc, level, victim, cur, pending>>

TypeOK ==
    /\ pc \in [Procs -> {"ncs", "announce", "victim", "wait", "cs"}]
    /\ level \in [Procs -> 0..(N - 1)]
    /\ victim \in [Levels -> Procs]
    /\ cur \in [Procs -> 0..(N - 1)]
    /\ pending \in [Procs -> SUBSET Procs]

Init ==
    /\ pc = [i \in Procs |-> "ncs"]
    /\ level = [i \in Procs |-> 0]
    /\ victim = [l \in Levels |-> 1]
    /\ cur = [i \in Procs |-> 0]
    /\ pending = [i \in Procs |-> {}]

Start(i) ==
    /\ pc[i] = "ncs"
    /\ cur' = [cur EXCEPT ![i] = 1]
    /\ pc' = [pc EXCEPT ![i] = "announce"]
    /\ UNCHANGED <<level, victim, pending>>

Announce(i) ==
    /\ pc[i] = "announce"
    /\ level' = [level EXCEPT ![i] = cur[i]]
    /\ pc' = [pc EXCEPT ![i] = "victim"]
    /\ UNCHANGED <<victim, cur, pending>>

BeVictim(i) ==
    /\ pc[i] = "victim"
    /\ victim' = [victim EXCEPT ![cur[i]] = i]
    /\ pending' = [pending EXCEPT ![i] = Procs \ {i}]
    /\ pc' = [pc EXCEPT ![i] = "wait"]
    /\ UNCHANGED <<level, cur>>

\* Check one peer k: it is below our level, or we are no longer the victim.
\* A peer that fails the check is re-checked later (pending keeps it).
Check(i) ==
    /\ pc[i] = "wait"
    /\ \E k \in pending[i] :
          /\ level[k] < cur[i] \/ victim[cur[i]] # i
          /\ pending' = [pending EXCEPT ![i] = @ \ {k}]
    /\ UNCHANGED <<pc, level, victim, cur>>

\* Every peer checked: climb one level, or enter after the last one.
Climb(i) ==
    /\ pc[i] = "wait"
    /\ pending[i] = {}
    /\ IF cur[i] = N - 1
         THEN /\ pc' = [pc EXCEPT ![i] = "cs"]
              /\ UNCHANGED cur
         ELSE /\ cur' = [cur EXCEPT ![i] = @ + 1]
              /\ pc' = [pc EXCEPT ![i] = "announce"]
    /\ UNCHANGED <<level, victim, pending>>

Exit(i) ==
    /\ pc[i] = "cs"
    /\ level' = [level EXCEPT ![i] = 0]
    /\ cur' = [cur EXCEPT ![i] = 0]
    /\ pc' = [pc EXCEPT ![i] = "ncs"]
    /\ UNCHANGED <<victim, pending>>

Next == \E i \in Procs :
          Start(i) \/ Announce(i) \/ BeVictim(i) \/ Check(i) \/ Climb(i) \/ Exit(i)

Spec == Init /\ [][Next]_vars

MutualExclusion == \A i, j \in Procs : i # j => ~(pc[i] = "cs" /\ pc[j] = "cs")
=============================================================================
