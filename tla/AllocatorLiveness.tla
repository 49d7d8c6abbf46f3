--------------------------- MODULE AllocatorLiveness ---------------------------
(***************************************************************************)
(* What the allocation protocol (Allocator.tla) promises will happen, and  *)
(* under which fairness.  Safety (Allocator.tla) says no block is lost or  *)
(* handed out twice; these say which steps the protocol guarantees to      *)
(* take.  Each promise is a temporal property; each fairness assumption is *)
(* a named conjunct, and each specification below is Spec plus exactly the *)
(* fairness its promise needs.  Which promises hold, and which do not, is  *)
(* recorded in tla/models.json and explained in tla/README.md.             *)
(***************************************************************************)
EXTENDS Allocator

-----------------------------------------------------------------------------
(* Observables, all functions of the state of Allocator.tla. *)

(* A push in flight: one block's (FreeRemote) or a local batch's          *)
(* (FreeRemoteBatch), until its CAS succeeds.                             *)
PushPending(h) == Pending[h].blk # Nil \/ LocalBatch[h].pushing
AnyPushPending == \E h \in Heaps : PushPending(h)

(* A step in which heap h's pending push completes (its CAS succeeds), *)
(* and one in which some pending push does.                          *)
PushLandsOf(h) == (FreeRemoteCas(h) \/ FreeRemoteBatchCas(h)) /\ ~PushPending(h)'
PushLands == \E h \in Heaps : PushPending(h) /\ ~PushPending(h)'

(* Block b is in a heap's local batch, flushed or not: freed, but not yet *)
(* visible to its slab's owner.                                           *)
InBatch(b) == \E h \in Heaps : b \in Range(BatchList(h))

(* Block b is on its slab's remote stack. *)
OnRemote(b) == b \in Range(List(Remote[SlabOf(b)]))

(* Slab s is orphaned (carved, no owner) with blocks on its remote stack. *)
OrphanWithRemote(s) == Owner[s] = Nil /\ Carved[s] > 0 /\ Remote[s] # Nil

(* Block b has been freed and is not yet allocatable: it is on its slab's *)
(* freelist or remote stack.  A block still being pushed (Pending) is not *)
(* counted: whether its push completes is RemoteFreeWaitFree's question.  *)
Freed(b) == \/ b \in Range(List(Freelist[SlabOf(b)]))
            \/ OnRemote(b)

(* Block b can be allocated: it is on a heap's cache list (Alloc takes    *)
(* it), or its slab went back to its superslab uncarved (a later carve    *)
(* hands it out again).                                                  *)
Allocatable(b) == \/ \E h \in Heaps : b \in Range(List(Sll[h]))
                  \/ ~IsCarved(b)

-----------------------------------------------------------------------------
(* Fairness assumptions, one per kind of step the promises rely on. *)

(* A heap with a push in flight keeps retrying its CAS: a thread that is  *)
(* inside a remote free keeps running.  (WF: the CAS step is enabled for  *)
(* as long as the push is pending.)                                       *)
PushFairness == \A h \in Heaps : WF_vars(FreeRemoteCas(h)) /\ WF_vars(FreeRemoteBatchCas(h))

(* A push that is infinitely often able to land (the remote head equals  *)
(* the value it read) eventually lands.  This is the scheduler promising   *)
(* starvation freedom to the pusher; hardware CAS does not promise it.    *)
PushLandFairness == \A h \in Heaps : SF_vars(PushLandsOf(h))

(* A heap whose cache list is low keeps refilling, and finishes a refill  *)
(* it began.  SF, not WF: a heap may leave the state where a refill can   *)
(* start (a remote free of its own makes it busy), so the refill is only  *)
(* enabled infinitely often, not continuously.                            *)
RefillFairness == \A h \in Heaps : SF_vars(Refill(h))

(* A heap that is infinitely often free to adopt orphan s (no current     *)
(* slab, idle) eventually adopts it: the implementation's getSlab looks at *)
(* the orphan registry before it takes a fresh slab.                      *)
AdoptFairness == \A h \in Heaps, s \in Slabs : SF_vars(Adopt(h, s))

(* A heap holding a local batch keeps running, so it reaches one of the   *)
(* points where the implementation flushes (its batch fills, it frees to  *)
(* another slab, it refills, or it exits).  SF: between those points the  *)
(* heap may be busy (inside a refill or its own push), so the flush is    *)
(* enabled infinitely often, not continuously.                            *)
FlushFairness == \A h \in Heaps : SF_vars(FreeRemoteBatch(h))

(* The users keep allocating: a heap with blocks on its cache list        *)
(* eventually hands one out.                                              *)
AllocFairness == \A h \in Heaps : WF_vars(Alloc(h))

-----------------------------------------------------------------------------
(* The specifications the promises are checked against. *)

PushFairSpec       == Spec /\ PushFairness
StarvationFreeSpec == Spec /\ PushFairness /\ PushLandFairness
ProgressSpec       == Spec /\ PushFairness /\ RefillFairness /\ AdoptFairness
ReuseSpec          == ProgressSpec /\ AllocFairness
(* Local batches: flushes happen, pushes retry (lock-free only), or land  *)
(* (starvation free).                                                     *)
FlushSpec               == Spec /\ PushFairness /\ FlushFairness
StarvationFreeFlushSpec == FlushSpec /\ PushLandFairness
(* ProgressSpec with the pushes made starvation free. *)
StarvationFreeProgressSpec == ProgressSpec /\ PushLandFairness

-----------------------------------------------------------------------------
(* The promises. *)

(* Lock-free remote free: whenever some push is pending, some push (not   *)
(* necessarily that one) completes later:                                 *)
(*     [](AnyPushPending => <><<PushLands>>_vars)                         *)
(* TLC accepts actions in a temporal formula only as []<>A or <>[]A, so   *)
(* it is written in the equivalent form below: pushes land infinitely    *)
(* often, or from some point on no push is pending.  (Equivalent here     *)
(* because a push stops being pending only by landing: a behaviour with a *)
(* pending push and no later landing keeps that push pending forever.)    *)
(* Holds under PushFairSpec.                                               *)
RemoteFreeLockFree == []<><<PushLands>>_vars \/ <>[](~AnyPushPending)

(* Wait-free remote free: every pending push completes.  Does NOT hold:   *)
(* a push whose CAS keeps failing because other heaps keep changing the   *)
(* remote head (their own pushes, an adoption's drain) is overtaken       *)
(* forever.  No fairness on the pushing heap repairs that; it would need  *)
(* the others to stop, i.e. starvation freedom, which a Treiber push does *)
(* not have.  The checker's lasso is the documented, expected result.     *)
RemoteFreeWaitFree == \A h \in Heaps : PushPending(h) ~> ~PushPending(h)

(* A block on a remote stack eventually leaves it: its slab's owner keeps *)
(* refilling (each refill drains the whole stack) or, once the slab is    *)
(* orphaned, some heap adopts it (adoption drains it).  Holds under       *)
(* ProgressSpec.                                                           *)
RemoteDrained == \A b \in Blocks : OnRemote(b) ~> ~OnRemote(b)

(* An orphaned slab with remote blocks is eventually adopted (or, after   *)
(* adoption and retirement, reclaimed).  Holds under ProgressSpec.        *)
OrphanAdopted == \A s \in Slabs : OrphanWithRemote(s) ~> Owner[s] # Nil

(* Every freed block eventually becomes allocatable again.  Holds under   *)
(* ProgressSpec when a refill takes a whole slab (Batch = Cap); does NOT   *)
(* hold in general, under any of the fairness above: the freelist is a    *)
(* stack, so with Batch < Cap a block at its bottom can stay there forever *)
(* while another block cycles through alloc, remote free, drain and pop   *)
(* on top of it (tla/README.md shows the lasso).                           *)
FreedReusable == \A b \in Blocks : Freed(b) ~> Allocatable(b)

(* What does hold at every bound checked: while some block is freed, some *)
(* block becomes allocatable (or the freed ones are reclaimed with their  *)
(* slab): freed blocks never block allocation.  Under ProgressSpec.       *)
AnyFreed == \E b \in Blocks : Freed(b)
SomeAllocatable == \E h \in Heaps : Sll[h] # Nil
FreedServesAlloc == AnyFreed ~> (SomeAllocatable \/ ~AnyFreed)

(* No batched block stays invisible forever: a block in a local batch     *)
(* eventually leaves it -- its chain reaches the slab's remote stack,     *)
(* where the owner's drain or an adopter finds it (RemoteDrained).  Holds  *)
(* under StarvationFreeFlushSpec; under FlushSpec alone it does not: the  *)
(* batch's CAS is a Treiber push like any other and can be overtaken      *)
(* forever (RemoteFreeWaitFree's lasso), and without FlushFairness a heap *)
(* that stops running keeps its batch.                                    *)
BatchFlushed == \A b \in Blocks : InBatch(b) ~> ~InBatch(b)

(* The lock-free promise for batches: while some heap holds a batch, some *)
(* push lands, or from some point on no batch is held.  Holds under       *)
(* FlushSpec.                                                              *)
AnyBatched == \E h \in Heaps : LocalBatch[h].count > 0
BatchLockFree == []<><<PushLands>>_vars \/ <>[](~AnyBatched)
=============================================================================
