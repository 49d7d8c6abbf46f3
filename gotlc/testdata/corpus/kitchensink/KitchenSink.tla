---------------------------- MODULE KitchenSink ----------------------------
(***************************************************************************)
(* A job queue served by a pool of workers, written to exercise the TLA+  *)
(* subset gotlc must handle: every construct in the corpus README's list  *)
(* appears at least once. Jobs named from JobNames are submitted to a     *)
(* bounded queue, taken by idle workers and finished, which updates       *)
(* per-worker statistics through nested EXCEPT. Three configurations:     *)
(* Sink.cfg (plain), SinkSymmetry.cfg (SYMMETRY on Workers),              *)
(* SinkView.cfg (VIEW that ignores the statistics) and SinkBusy.cfg (an   *)
(* invariant that is violated, for a trace of records and functions).     *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets, TLC, SinkLib

CONSTANTS
    Workers,     \* a set of model values
    Idle,        \* a model value: what an idle worker holds
    JobNames,    \* a set of strings
    Capacity,    \* queue bound; the .cfg substitutes DefaultCapacity
    MaxDone      \* how many jobs a behaviour finishes (CONSTRAINT)

DefaultCapacity == 2

ASSUME /\ IsFiniteSet(Workers)
       /\ Idle \notin Workers
       /\ Capacity \in Nat \ {0}
       /\ \A n \in JobNames : n \in STRING
       /\ ToString(Capacity) \in {"1", "2", "3"}
       /\ PrintT(<<"KitchenSink workers", Cardinality(Workers), "capacity", Capacity>>)
       /\ Print({n \in JobNames : TRUE}, Cardinality(JobNames) = 2)

VARIABLES queue, assigned, stats, tick, seen

vars == <<queue, assigned, stats, tick, seen>>

Clock == INSTANCE Counter WITH c <- tick, Limit <- 3

Job == [name : JobNames, prio : 1..2]

Stat == [count : Nat, hist : [JobNames -> Nat]]

TypeOK ==
    /\ queue \in Seq(Job)
    /\ Len(queue) <= Capacity
    /\ assigned \in [Workers -> Job \cup {Idle}]
    /\ \A w \in Workers : stats[w] \in Stat
    /\ DOMAIN stats = Workers
    /\ Clock!InRange
    /\ seen \subseteq JobNames

Init ==
    /\ queue = <<>>
    /\ assigned = [w \in Workers |-> Idle]
    /\ stats = [w \in Workers |-> [count |-> 0, hist |-> [n \in JobNames |-> 0]]]
    /\ tick = 0
    /\ seen = {}

Busy == {w \in Workers : assigned[w] # Idle}
Finished == SumSeq(MapSeq(SetToSeq(Workers), LAMBDA w : stats[w].count))
TotalDone ==
    FoldSet(LAMBDA p, acc : p[1][2] + acc, 0, {<<w, stats[w].count>> : w \in Workers} \X {1})

(* ------------------------------- actions ------------------------------ *)
Submit(n, p) ==
    /\ Len(queue) < Capacity
    /\ queue' = Append(queue, [name |-> n, prio |-> p])
    /\ seen' = seen \cup {n}
    /\ Len(queue)' = Len(queue) + 1
    /\ UNCHANGED <<assigned, stats, tick>>

\* Take the first job of the highest priority present.
Take(w) ==
    /\ assigned[w] = Idle
    /\ queue # <<>>
    /\ LET best == MaxOf({queue[i].prio : i \in 1..Len(queue)})
           i == CHOOSE k \in 1..Len(queue) :
                    /\ queue[k].prio = best
                    /\ \A j \in 1..(k - 1) : queue[j].prio < best
       IN  /\ assigned' = [assigned EXCEPT ![w] = queue[i]]
           /\ queue' = SubSeq(queue, 1, i - 1) \o SubSeq(queue, i + 1, Len(queue))
    /\ UNCHANGED <<stats, tick, seen>>

Finish(w) ==
    /\ assigned[w] # Idle
    /\ LET n == assigned[w].name
       IN  stats' = [stats EXCEPT ![w].count = @ + 1, ![w].hist[n] = @ + 1]
    /\ assigned' = [assigned EXCEPT ![w] = Idle]
    /\ IF tick < 3 THEN Clock!Inc ELSE Clock!Reset
    /\ Assert(tick' \in 0..3, "clock out of range")
    /\ UNCHANGED <<queue, seen>>

\* Drop every low-priority job still waiting.
Purge ==
    /\ \E i \in 1..Len(queue) : queue[i].prio = 1
    /\ queue' = SelectSeq(queue, LAMBDA j : j.prio # 1)
    /\ UNCHANGED <<assigned, stats, tick, seen>>

Next ==
    \/ \E n \in JobNames, p \in 1..2 : Submit(n, p)
    \/ \E w \in Workers :
          \/ Take(w)
          \/ Finish(w)
    \/ Purge

Spec == Init /\ [][Next]_vars

(* ------------------------------ properties ---------------------------- *)
Kind(j) ==
    CASE j = Idle -> "idle"
      [] j.prio = 2 -> "urgent"
      [] OTHER -> "normal"

NoDoubleWork ==
    \A w1, w2 \in Workers :
        (w1 # w2 /\ assigned[w1] # Idle /\ assigned[w2] # Idle)
            => {Kind(assigned[w1]), Kind(assigned[w2])} \subseteq {"urgent", "normal"}

CountsAgree == Finished = TotalDone

\* False on purpose: SinkBusy.cfg checks it to get a trace of rich values.
NeverAllBusy == Cardinality(Busy) < Cardinality(Workers)

HistAgrees == \A w \in Workers :
    stats[w].count = SumSeq(MapSeq(SetToSeq(JobNames), LAMBDA n : stats[w].hist[n]))

\* The union of every worker's finished names is among the names seen.
FinishedWereSeen ==
    UNION {{n \in JobNames : stats[w].hist[n] > 0} : w \in Workers} \subseteq seen

QueueFits == queue \in UNION {[1..k -> Job] : k \in 0..Capacity}

LastIsAJob == queue # <<>> => Last(queue) \in Job

FnOps ==
    LET f == (1 :> "one") @@ (2 :> "two") @@ (1 :> "uno")
    IN  /\ f[1] = "one"
        /\ DOMAIN f = {1, 2}
        /\ [f EXCEPT ![2] = @ \o "!"][2] = "two!"
        /\ Head(<<"a", "b">>) = "a" /\ Tail(<<"a", "b">>) = <<"b">>
        /\ {x \in -2..2 : x < 0} = {-2, -1}
        /\ <<1, 2>> \in Seq({1, 2}) /\ <<3>> \notin Seq({1, 2})
        /\ Cardinality(Permutations({1, 2, 3})) = 6
        /\ \E s \in SUBSET {1, 2, 3} : Cardinality(s) = 2
        /\ ({1, 2} \cap {2, 3}) \cup ({4} \ {4}) = {2}
        /\ [{"a"} -> {1, 2}] = {[a |-> 1], [a |-> 2]}

\* Bound the behaviours; the constraint reads only unprimed variables.
Bound == Finished <= MaxDone

\* Never submit the same name twice in a row.
NoRepeat ==
    (Len(queue') > Len(queue) /\ queue # <<>>) => Last(queue').name # Last(queue).name

Perms == Permutations(Workers)

IgnoreStats == <<queue, assigned, tick, seen>>

THEOREM TypeCorrect == Spec => []TypeOK
<1>1. Init => TypeOK
  BY DEF Init, TypeOK
<1>2. TypeOK /\ [Next]_vars => TypeOK'
  OBVIOUS
<1>3. QED
  BY <1>1, <1>2 DEF Spec
=============================================================================
