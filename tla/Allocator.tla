------------------------------ MODULE Allocator ------------------------------
(***************************************************************************)
(* The small-object allocation protocol of veralloc: batch refill, remote  *)
(* free and remote drain, splice into the per-heap cache list, heap exit   *)
(* and adoption of orphaned slabs.  One size class is modelled; every      *)
(* class of the implementation runs this protocol on its own slabs.        *)
(*                                                                         *)
(* A remote free either pushes its block at once (RemoteBatch = 0, one CAS *)
(* per block) or collects it in the heap's local batch for its slab, which *)
(* is pushed as one chain with one CAS (RemoteBatch > 0: FreeToBatch,      *)
(* FreeRemoteBatch, FreeRemoteBatchCas).                                    *)
(*                                                                         *)
(* Names are the names of the Go implementation (impl/) and of the Go      *)
(* executable spec (spec/): every action below is implemented by exactly  *)
(* one Go function marked  // spec: Allocator!<Action>.                     *)
(*                                                                         *)
(* Lists are intrusive: a free block holds the next pointer of whatever   *)
(* list it is on in its first word, modelled by the one function `next`    *)
(* shared by every list.  A list is identified by its head.                *)
(***************************************************************************)
EXTENDS Naturals, Integers, Sequences, FiniteSets

CONSTANTS
    Heaps,       \* the heaps (one per goroutine or worker)
    Slabs,       \* the slabs of the class
    SuperSlabs,  \* the superslabs holding the slabs
    SuperOf,     \* SuperOf[s]: the superslab of slab s
    Cap,         \* blocks per slab (capacity)
    Batch,       \* blocks a refill asks for; a refill starts when SllCount < Batch
    SllMax,      \* a local free goes to the Sll while SllCount < SllMax, else to the freelist
    RemoteBatch, \* blocks a local batch of remote frees holds at most; 0: no batches
    Nil,         \* no block / empty list / no heap / no slab
    Bug          \* "none", or the name of one seeded bug (see the end of the module)

ASSUME /\ Cap \in Nat \ {0}
       /\ Batch \in Nat \ {0}
       /\ SllMax \in Nat
       /\ RemoteBatch \in Nat
       /\ SuperOf \in [Slabs -> SuperSlabs]
       /\ Nil \notin Heaps \cup Slabs
       /\ Bug \in {"none", "B1", "B3", "B4", "SllBatch", "AdoptNoDrain",
                "RefillNoDrain", "AdoptSkipsRemote", "RetireNoAdopt",
                "BatchLinksHead", "BatchWrongSlab", "ExitNoFlush", "BatchCountLimit"}

(* A block is a slab and an index; the linear cursor carves indices 1..Cap in order. *)
Blocks == Slabs \X (1..Cap)
SlabOf(b) == b[1]
NB == Cardinality(Blocks)

Phases == {"idle", "reading", "drained", "popped", "carved"}
NoChain == [head |-> Nil, tail |-> Nil, count |-> 0]
NoPending == [blk |-> Nil, seen |-> Nil]
NoBatch == [slab |-> Nil, head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, pushing |-> FALSE]

VARIABLES
    next,        \* next[b]: the intrusive next pointer of block b (Nil in the user's hands)
    Freelist,    \* Freelist[s]: head of slab s's freelist; touched only by s's owner
    Remote,      \* Remote[s]: head of slab s's remote-free stack; any heap pushes, the owner drains
    RemoteCount, \* RemoteCount[s]: the stack's length, packed with its head (moved by the same CAS)
    Carved,      \* Carved[s]: blocks cut from s so far: <<s, 1>> .. <<s, Carved[s]>>
    Used,        \* Used[s]: carved blocks of s that are not on s's freelist
    Owner,       \* Owner[s]: the heap owning s, or Nil (fresh if Carved[s] = 0, else orphaned)
    TotalActive, \* TotalActive[ss]: the superslab's count of active blocks (sum of Used)
    Sll,         \* Sll[h]: head of heap h's cache list (blocks of Current[h] only)
    SllCount,    \* SllCount[h]: the length heap h believes its Sll has
    Current,     \* Current[h]: the slab heap h allocates from, or Nil
    Phase,       \* Phase[h]: where heap h is inside a Refill
    Chain,       \* Chain[h]: the batch a Refill is building, not yet spliced
    Pending,     \* Pending[h]: a remote push in progress: the block and the head it read
    LocalBatch,  \* LocalBatch[h]: heap h's batch of remote frees for one slab, and its push
    InUse,       \* the blocks in the users' hands
    Drained      \* Drained[h]: the head read by a non-atomic drain; only when Bug = "B4"

vars == <<next, Freelist, Remote, RemoteCount, Carved, Used, Owner, TotalActive,
          Sll, SllCount, Current, Phase, Chain, Pending, LocalBatch, InUse, Drained>>

-----------------------------------------------------------------------------
(* Walking an intrusive list.  The walk is bounded by NB + 1 steps so that *)
(* a cyclic list (a bug) is still a finite value: it has NB + 1 entries.   *)
RECURSIVE Walk(_, _)
Walk(p, fuel) == IF p = Nil \/ fuel = 0 THEN <<>> ELSE <<p>> \o Walk(next[p], fuel - 1)

List(p) == Walk(p, NB + 1)
Range(seq) == {seq[i] : i \in DOMAIN seq}
Occurrences(b, seq) == Cardinality({i \in DOMAIN seq : seq[i] = b})
Min(a, b) == IF a < b THEN a ELSE b

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE x \in S : TRUE IN f[x] + SumOver(f, S \ {x})

(* A heap is idle when it is inside no operation (no refill, no push). *)
Idle(h) == Phase[h] = "idle" /\ Pending[h].blk = Nil /\ ~LocalBatch[h].pushing

(* The blocks of heap h's local batch, head first (Walk: while its push is *)
(* in flight the tail links to the remote head it read).                  *)
BatchList(h) == Walk(LocalBatch[h].head, LocalBatch[h].count)

(* Moving a taken list (head p, walk l) onto the front of slab s's freelist. *)
PrependToFreelist(s, p, l) ==
    IF Len(l) = 0 THEN UNCHANGED <<next, Freelist>>
    ELSE /\ next' = [next EXCEPT ![l[Len(l)]] = Freelist[s]]
         /\ Freelist' = [Freelist EXCEPT ![s] = p]

AddActive(s, n) ==
    /\ Used' = [Used EXCEPT ![s] = @ + n]
    /\ TotalActive' = [TotalActive EXCEPT ![SuperOf[s]] = @ + n]

-----------------------------------------------------------------------------
TypeOK ==
    /\ next \in [Blocks -> Blocks \cup {Nil}]
    /\ Freelist \in [Slabs -> Blocks \cup {Nil}]
    /\ Remote \in [Slabs -> Blocks \cup {Nil}]
    /\ RemoteCount \in [Slabs -> Int]
    /\ Carved \in [Slabs -> 0..Cap]
    /\ Used \in [Slabs -> Int]
    /\ Owner \in [Slabs -> Heaps \cup {Nil}]
    /\ TotalActive \in [SuperSlabs -> Int]
    /\ Sll \in [Heaps -> Blocks \cup {Nil}]
    /\ SllCount \in [Heaps -> Int]
    /\ Current \in [Heaps -> Slabs \cup {Nil}]
    /\ Phase \in [Heaps -> Phases]
    /\ Chain \in [Heaps -> [head : Blocks \cup {Nil}, tail : Blocks \cup {Nil}, count : Nat]]
    /\ Pending \in [Heaps -> [blk : Blocks \cup {Nil}, seen : Blocks \cup {Nil}]]
    /\ LocalBatch \in [Heaps -> [slab : Slabs \cup {Nil}, head : Blocks \cup {Nil},
                                 tail : Blocks \cup {Nil}, count : Nat,
                                 seen : Blocks \cup {Nil}, pushing : BOOLEAN]]
    /\ InUse \subseteq Blocks
    /\ Drained \in [Heaps -> Blocks \cup {Nil}]

Init ==
    /\ next = [b \in Blocks |-> Nil]
    /\ Freelist = [s \in Slabs |-> Nil]
    /\ Remote = [s \in Slabs |-> Nil]
    /\ RemoteCount = [s \in Slabs |-> 0]
    /\ Carved = [s \in Slabs |-> 0]
    /\ Used = [s \in Slabs |-> 0]
    /\ Owner = [s \in Slabs |-> Nil]
    /\ TotalActive = [ss \in SuperSlabs |-> 0]
    /\ Sll = [h \in Heaps |-> Nil]
    /\ SllCount = [h \in Heaps |-> 0]
    /\ Current = [h \in Heaps |-> Nil]
    /\ Phase = [h \in Heaps |-> "idle"]
    /\ Chain = [h \in Heaps |-> NoChain]
    /\ Pending = [h \in Heaps |-> NoPending]
    /\ LocalBatch = [h \in Heaps |-> NoBatch]
    /\ InUse = {}
    /\ Drained = [h \in Heaps |-> Nil]

-----------------------------------------------------------------------------
(***************************************************************************)
(* Alloc: pop the head of the heap's cache list into the user's hands.    *)
(* The block's first word now belongs to the user.                         *)
(***************************************************************************)
Alloc(h) ==
    /\ Idle(h)
    /\ Sll[h] # Nil
    /\ LET b == Sll[h] IN
         /\ Sll' = [Sll EXCEPT ![h] = next[b]]
         /\ next' = [next EXCEPT ![b] = Nil]
         /\ SllCount' = [SllCount EXCEPT ![h] = @ - 1]
         /\ InUse' = InUse \cup {b}
    /\ UNCHANGED <<Freelist, Remote, RemoteCount, Carved, Used, Owner, TotalActive,
                   Current, Phase, Chain, Pending, LocalBatch, Drained>>

(***************************************************************************)
(* Refill, step 1 -- DrainRemote: when the cache list runs low (fewer than *)
(* Batch blocks, not only when empty), take the current slab's whole      *)
(* remote stack with one atomic exchange and put it on the freelist.  The  *)
(* slab's counters drop by the number of blocks actually taken.           *)
(* With Bug = "B4" the exchange is split into a read (DrainRead) and a     *)
(* later clear, and a push in between is lost.                             *)
(***************************************************************************)
RefillMayStart(h) ==
    /\ Idle(h)
    /\ Current[h] # Nil
    /\ SllCount[h] < Batch
    /\ LocalBatch[h].count = 0    \* a refill flushes the local batch first

DrainRead(h) ==
    /\ Bug = "B4"
    /\ RefillMayStart(h)
    /\ Drained' = [Drained EXCEPT ![h] = Remote[Current[h]]]
    /\ Phase' = [Phase EXCEPT ![h] = "reading"]
    /\ UNCHANGED <<next, Freelist, Remote, RemoteCount, Carved, Used, Owner, TotalActive,
                   Sll, SllCount, Current, Chain, Pending, LocalBatch, InUse>>

DrainRemote(h) ==
    /\ IF Bug = "B4" THEN Phase[h] = "reading" ELSE RefillMayStart(h)
    /\ LET s     == Current[h]
           skip  == Bug = "RefillNoDrain" /\ Sll[h] # Nil
           taken == IF Bug = "B4" THEN Drained[h] ELSE IF skip THEN Nil ELSE Remote[s]
           l     == List(taken)
       IN /\ Remote' = IF skip THEN Remote ELSE [Remote EXCEPT ![s] = Nil]
          /\ RemoteCount' = IF skip THEN RemoteCount ELSE [RemoteCount EXCEPT ![s] = 0]
          /\ PrependToFreelist(s, taken, l)
          /\ AddActive(s, -Len(l))
    /\ Phase' = [Phase EXCEPT ![h] = "drained"]
    /\ Drained' = [Drained EXCEPT ![h] = Nil]
    /\ UNCHANGED <<Carved, Owner, Sll, SllCount, Current, Chain, Pending, LocalBatch, InUse>>

(***************************************************************************)
(* Refill, step 2 -- PopFreelist: cut up to Batch blocks off the front of  *)
(* the freelist into the refill chain.  Used rises by the number cut.     *)
(***************************************************************************)
PopFreelist(h) ==
    /\ Phase[h] = "drained"
    /\ LET s  == Current[h]
           fl == List(Freelist[s])
           k  == Min(Batch, Len(fl))
       IN IF k = 0
          THEN UNCHANGED <<next, Freelist, Used, TotalActive, Chain>>
          ELSE /\ Chain' = [Chain EXCEPT ![h] = [head |-> fl[1], tail |-> fl[k], count |-> k]]
               /\ Freelist' = [Freelist EXCEPT ![s] = next[fl[k]]]
               /\ next' = [next EXCEPT ![fl[k]] = Nil]
               /\ AddActive(s, k)
    /\ Phase' = [Phase EXCEPT ![h] = "popped"]
    /\ UNCHANGED <<Remote, RemoteCount, Carved, Owner, Sll, SllCount, Current, Pending,
                   LocalBatch, InUse, Drained>>

(***************************************************************************)
(* Refill, step 3 -- LinearCarve: cut fresh blocks at the slab's cursor    *)
(* until the chain holds Batch blocks or the slab is fully carved.  Carved *)
(* and Used rise by the number carved; so does the superslab's count.     *)
(***************************************************************************)
LinearCarve(h) ==
    /\ Phase[h] = "popped"
    /\ LET s   == Current[h]
           c   == Chain[h]
           k   == Min(Batch - c.count, Cap - Carved[s])
           new == [i \in 1..k |-> <<s, Carved[s] + i>>]
       IN IF k <= 0
          THEN UNCHANGED <<next, Carved, Used, TotalActive, Chain>>
          ELSE /\ next' = [b \in Blocks |->
                             IF \E i \in 1..(k - 1) : b = new[i] THEN <<s, b[2] + 1>>
                             ELSE IF b = new[k] THEN Nil
                             ELSE IF c.count > 0 /\ b = c.tail THEN new[1]
                             ELSE next[b]]
               /\ Chain' = [Chain EXCEPT ![h] =
                              [head  |-> IF c.count = 0 THEN new[1] ELSE c.head,
                               tail  |-> new[k],
                               count |-> c.count + k]]
               /\ Carved' = [Carved EXCEPT ![s] = @ + k]
               /\ AddActive(s, k)
    /\ Phase' = [Phase EXCEPT ![h] = "carved"]
    /\ UNCHANGED <<Freelist, Remote, RemoteCount, Owner, Sll, SllCount, Current, Pending,
                   LocalBatch, InUse, Drained>>

(***************************************************************************)
(* Refill, step 4 -- SpliceToSll: link the chain in front of the cache    *)
(* list (tail.next := old head) and raise SllCount by the number of blocks *)
(* the chain actually holds.  No slab counter moves here: the blocks were *)
(* counted where they left the freelist or were carved.                   *)
(***************************************************************************)
SpliceToSll(h) ==
    /\ Phase[h] = "carved"
    /\ LET c == Chain[h] IN
         IF c.count = 0
         THEN UNCHANGED <<next, Sll, SllCount, TotalActive>>
         ELSE /\ next' = [next EXCEPT ![c.tail] = IF Bug = "B3" THEN Nil ELSE Sll[h]]
              /\ Sll' = [Sll EXCEPT ![h] = c.head]
              /\ SllCount' = [SllCount EXCEPT ![h] =
                                @ + (IF Bug = "SllBatch" THEN Batch ELSE c.count)]
              /\ TotalActive' = IF Bug = "B1"
                                THEN [TotalActive EXCEPT ![SuperOf[Current[h]]] = @ + c.count]
                                ELSE TotalActive
    /\ Chain' = [Chain EXCEPT ![h] = NoChain]
    /\ Phase' = [Phase EXCEPT ![h] = "idle"]
    /\ UNCHANGED <<Freelist, Remote, RemoteCount, Carved, Used, Owner, Current, Pending,
                   LocalBatch, InUse, Drained>>

Refill(h) == DrainRead(h) \/ DrainRemote(h) \/ PopFreelist(h) \/ LinearCarve(h) \/ SpliceToSll(h)

(***************************************************************************)
(* AcquireSlab: a heap with no current slab takes a fresh one.            *)
(***************************************************************************)
AcquireSlab(h, s) ==
    /\ Idle(h)
    /\ Current[h] = Nil
    /\ Owner[s] = Nil
    /\ Carved[s] = 0
    /\ Owner' = [Owner EXCEPT ![s] = h]
    /\ Current' = [Current EXCEPT ![h] = s]
    /\ UNCHANGED <<next, Freelist, Remote, RemoteCount, Carved, Used, TotalActive,
                   Sll, SllCount, Phase, Chain, Pending, LocalBatch, InUse, Drained>>

(***************************************************************************)
(* RetireSlab: with an empty cache list, a heap gives up its current slab *)
(* when the slab is fully free (it returns to its superslab, uncarved) or *)
(* exhausted (no freelist, fully carved: it is orphaned; frees into it    *)
(* become remote pushes until some heap adopts it).                       *)
(***************************************************************************)
RetireSlab(h) ==
    /\ Idle(h)
    /\ Current[h] # Nil
    /\ SllCount[h] = 0
    /\ LET s == Current[h] IN
         /\ \/ Used[s] = 0
            \/ Freelist[s] = Nil /\ Carved[s] = Cap
         /\ IF Used[s] = 0
            THEN /\ Carved' = [Carved EXCEPT ![s] = 0]
                 /\ Freelist' = [Freelist EXCEPT ![s] = Nil]
                 /\ next' = [b \in Blocks |-> IF SlabOf(b) = s THEN Nil ELSE next[b]]
            ELSE UNCHANGED <<Carved, Freelist, next>>
         /\ Owner' = [Owner EXCEPT ![s] = Nil]
    /\ Current' = [Current EXCEPT ![h] = Nil]
    /\ UNCHANGED <<Remote, RemoteCount, Used, TotalActive, Sll, SllCount, Phase, Chain, Pending,
                   LocalBatch, InUse, Drained>>

(***************************************************************************)
(* FreeLocal: the user gives a block back through the heap that owns its  *)
(* slab.  It goes on the cache list, or on the slab's freelist when the   *)
(* cache list is full (then Used and TotalActive drop by one).            *)
(***************************************************************************)
FreeLocal(h, b) ==
    /\ Idle(h)
    /\ b \in InUse
    /\ Owner[SlabOf(b)] = h
    /\ LET s == SlabOf(b) IN
         IF SllCount[h] < SllMax
         THEN /\ next' = [next EXCEPT ![b] = Sll[h]]
              /\ Sll' = [Sll EXCEPT ![h] = b]
              /\ SllCount' = [SllCount EXCEPT ![h] = @ + 1]
              /\ UNCHANGED <<Freelist, Used, TotalActive>>
         ELSE /\ next' = [next EXCEPT ![b] = Freelist[s]]
              /\ Freelist' = [Freelist EXCEPT ![s] = b]
              /\ AddActive(s, -1)
              /\ UNCHANGED <<Sll, SllCount>>
    /\ InUse' = InUse \ {b}
    /\ UNCHANGED <<Remote, RemoteCount, Carved, Owner, Current, Phase, Chain, Pending,
                   LocalBatch, Drained>>

(***************************************************************************)
(* FreeRemote: the user gives a block back through a heap that does not   *)
(* own its slab (another heap does, or none: the slab is orphaned).  The  *)
(* Treiber push starts: read the remote head and link the block to it.    *)
(* Only without local batches (RemoteBatch = 0); else see FreeToBatch.    *)
(***************************************************************************)
FreeRemote(h, b) ==
    /\ RemoteBatch = 0
    /\ Idle(h)
    /\ b \in InUse
    /\ Owner[SlabOf(b)] # h
    /\ LET seen == Remote[SlabOf(b)] IN
         /\ next' = [next EXCEPT ![b] = seen]
         /\ Pending' = [Pending EXCEPT ![h] = [blk |-> b, seen |-> seen]]
    /\ InUse' = InUse \ {b}
    /\ UNCHANGED <<Freelist, Remote, RemoteCount, Carved, Used, Owner, TotalActive,
                   Sll, SllCount, Current, Phase, Chain, LocalBatch, Drained>>

(***************************************************************************)
(* FreeRemoteCas: compare-and-swap the remote head from the value read to *)
(* the block.  On failure re-read the head, relink, and try again later.  *)
(***************************************************************************)
FreeRemoteCas(h) ==
    /\ Pending[h].blk # Nil
    /\ LET b == Pending[h].blk
           s == SlabOf(b)
       IN IF Remote[s] = Pending[h].seen
          THEN /\ Remote' = [Remote EXCEPT ![s] = b]
               /\ RemoteCount' = [RemoteCount EXCEPT ![s] = @ + 1]
               /\ Pending' = [Pending EXCEPT ![h] = NoPending]
               /\ UNCHANGED next
          ELSE /\ next' = [next EXCEPT ![b] = Remote[s]]
               /\ Pending' = [Pending EXCEPT ![h].seen = Remote[s]]
               /\ UNCHANGED <<Remote, RemoteCount>>
    /\ UNCHANGED <<Freelist, Carved, Used, Owner, TotalActive,
                   Sll, SllCount, Current, Phase, Chain, LocalBatch, InUse, Drained>>

(***************************************************************************)
(* FreeToBatch: with local batches (RemoteBatch > 0) a remote free puts    *)
(* the block at the front of the heap's local batch, an intrusive chain   *)
(* (head, tail, count) of blocks of one slab.  Nothing shared is touched. *)
(* A full batch, or one for another slab, is flushed first.               *)
(***************************************************************************)
FreeToBatch(h, b) ==
    /\ RemoteBatch > 0
    /\ Idle(h)
    /\ b \in InUse
    /\ Owner[SlabOf(b)] # h
    /\ LET q == LocalBatch[h] IN
         /\ q.count < RemoteBatch
         /\ q.count = 0 \/ q.slab = SlabOf(b)
         /\ next' = [next EXCEPT ![b] = q.head]
         /\ LocalBatch' = [LocalBatch EXCEPT ![h] =
                              [q EXCEPT !.slab = SlabOf(b), !.head = b,
                                        !.tail = IF q.count = 0 THEN b ELSE q.tail,
                                        !.count = q.count + 1]]
    /\ InUse' = InUse \ {b}
    /\ UNCHANGED <<Freelist, Remote, RemoteCount, Carved, Used, Owner, TotalActive,
                   Sll, SllCount, Current, Phase, Chain, Pending, Drained>>

(***************************************************************************)
(* FreeRemoteBatch: the flush starts: read the slab's remote head and     *)
(* link the batch's TAIL to it.  The implementation flushes when a batch  *)
(* reaches RemoteBatch blocks, before a free to another slab, before a    *)
(* refill (RefillMayStart) and at heap exit (HeapExit); the spec lets an  *)
(* idle heap flush at any time, which covers all of them.                 *)
(***************************************************************************)
FreeRemoteBatch(h) ==
    /\ Idle(h)
    /\ LocalBatch[h].count > 0
    /\ LET q      == LocalBatch[h]
           s      == IF Bug = "BatchWrongSlab" /\ Current[h] # Nil THEN Current[h] ELSE q.slab
           linked == IF Bug = "BatchLinksHead" THEN q.head ELSE q.tail
       IN /\ next' = [next EXCEPT ![linked] = Remote[s]]
          /\ LocalBatch' = [LocalBatch EXCEPT ![h] =
                               [q EXCEPT !.slab = s, !.seen = Remote[s], !.pushing = TRUE]]
    /\ UNCHANGED <<Freelist, Remote, RemoteCount, Carved, Used, Owner, TotalActive,
                   Sll, SllCount, Current, Phase, Chain, Pending, InUse, Drained>>

(***************************************************************************)
(* FreeRemoteBatchCas: compare-and-swap the remote head from the value    *)
(* read to the batch's head; the stack's count rises by the batch's size. *)
(* On failure re-read the head, relink the tail, and try again later.     *)
(***************************************************************************)
FreeRemoteBatchCas(h) ==
    /\ LocalBatch[h].pushing
    /\ LET q      == LocalBatch[h]
           s      == q.slab
           linked == IF Bug = "BatchLinksHead" THEN q.head ELSE q.tail
       IN IF Remote[s] = q.seen
          THEN /\ Remote' = [Remote EXCEPT ![s] = q.head]
               /\ RemoteCount' = [RemoteCount EXCEPT ![s] =
                                    @ + (IF Bug = "BatchCountLimit" THEN RemoteBatch ELSE q.count)]
               /\ LocalBatch' = [LocalBatch EXCEPT ![h] = NoBatch]
               /\ UNCHANGED next
          ELSE /\ next' = [next EXCEPT ![linked] = Remote[s]]
               /\ LocalBatch' = [LocalBatch EXCEPT ![h].seen = Remote[s]]
               /\ UNCHANGED <<Remote, RemoteCount>>
    /\ UNCHANGED <<Freelist, Carved, Used, Owner, TotalActive,
                   Sll, SllCount, Current, Phase, Chain, Pending, InUse, Drained>>

(***************************************************************************)
(* HeapExit: the heap closes.  Its cache list is flushed back onto its    *)
(* slab's freelist (counters drop by the number flushed) and the slab is  *)
(* orphaned.  Remote frees may keep arriving at the orphaned slab.  The   *)
(* heap may be opened again afterwards.  Its local batch has been flushed *)
(* first (FreeRemoteBatch): an exit never leaves a batch behind.          *)
(***************************************************************************)
HeapExit(h) ==
    /\ Idle(h)
    /\ Current[h] # Nil
    /\ Bug = "ExitNoFlush" \/ LocalBatch[h].count = 0
    /\ LET s == Current[h]
           l == List(Sll[h])
       IN /\ PrependToFreelist(s, Sll[h], l)
          /\ AddActive(s, -Len(l))
          /\ Owner' = [Owner EXCEPT ![s] = Nil]
    /\ Sll' = [Sll EXCEPT ![h] = Nil]
    /\ SllCount' = [SllCount EXCEPT ![h] = 0]
    /\ Current' = [Current EXCEPT ![h] = Nil]
    /\ LocalBatch' = [LocalBatch EXCEPT ![h] = NoBatch]
    /\ UNCHANGED <<Remote, RemoteCount, Carved, Phase, Chain, Pending, InUse, Drained>>

(***************************************************************************)
(* Adopt: a heap with no current slab takes an orphaned one and drains    *)
(* its remote stack first (one atomic exchange), so no free pushed while  *)
(* the slab had no owner is lost.                                         *)
(***************************************************************************)
Adopt(h, s) ==
    /\ Idle(h)
    /\ Current[h] = Nil
    /\ Owner[s] = Nil
    /\ Carved[s] > 0
    /\ Bug = "AdoptSkipsRemote" => Remote[s] = Nil
    /\ Bug = "RetireNoAdopt" => ~(Freelist[s] = Nil /\ Carved[s] = Cap)
    /\ Owner' = [Owner EXCEPT ![s] = h]
    /\ Current' = [Current EXCEPT ![h] = s]
    /\ Remote' = [Remote EXCEPT ![s] = Nil]
    /\ RemoteCount' = [RemoteCount EXCEPT ![s] = 0]
    /\ IF Bug = "AdoptNoDrain"
       THEN UNCHANGED <<next, Freelist, Used, TotalActive>>
       ELSE LET l == List(Remote[s]) IN
              /\ PrependToFreelist(s, Remote[s], l)
              /\ AddActive(s, -Len(l))
    /\ UNCHANGED <<Carved, Sll, SllCount, Phase, Chain, Pending, LocalBatch, InUse, Drained>>

Next ==
    \E h \in Heaps :
        \/ Alloc(h)
        \/ Refill(h)
        \/ \E s \in Slabs : AcquireSlab(h, s)
        \/ RetireSlab(h)
        \/ \E b \in Blocks : FreeLocal(h, b)
        \/ \E b \in Blocks : FreeRemote(h, b)
        \/ FreeRemoteCas(h)
        \/ \E b \in Blocks : FreeToBatch(h, b)
        \/ FreeRemoteBatch(h)
        \/ FreeRemoteBatchCas(h)
        \/ HeapExit(h)
        \/ \E s \in Slabs : Adopt(h, s)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(***************************************************************************)
(* ExactlyOnePlace: every carved block is in exactly one place -- its     *)
(* slab's freelist or remote stack, one heap's cache list or refill chain, *)
(* a pending remote push, one heap's local batch (flushed or not), or the *)
(* users' hands -- and an uncarved block is in none.  No block is lost    *)
(* and none is handed out twice.                                          *)
(***************************************************************************)
IsCarved(b) == b[2] <= Carved[SlabOf(b)]

(* The places of a block other than the users' hands. *)
ListedPlaces(b) ==
      SumOver([s \in Slabs |-> Occurrences(b, List(Freelist[s]))
                               + Occurrences(b, List(Remote[s]))], Slabs)
    + SumOver([h \in Heaps |-> Occurrences(b, List(Sll[h]))
                               + Occurrences(b, List(Chain[h].head))
                               + (IF Pending[h].blk = b THEN 1 ELSE 0)
                               + Occurrences(b, BatchList(h))], Heaps)

Places(b) == ListedPlaces(b) + (IF b \in InUse THEN 1 ELSE 0)

ExactlyOnePlace == \A b \in Blocks : Places(b) = IF IsCarved(b) THEN 1 ELSE 0

(***************************************************************************)
(* CountsMatchLists: the cache-list, chain, local-batch and remote-stack  *)
(* counts are the lengths of their lists; every list is acyclic and holds *)
(* only blocks of its slab; a local batch's tail is its last block and    *)
(* links to Nil, or, while its push is in flight, to the head it read.    *)
(***************************************************************************)
Acyclic(p) == Len(List(p)) <= NB

CountsMatchLists ==
    /\ \A h \in Heaps :
         /\ SllCount[h] = Len(List(Sll[h]))
         /\ Chain[h].count = Len(List(Chain[h].head))
         /\ Acyclic(Sll[h]) /\ Acyclic(Chain[h].head)
         /\ \A b \in Range(List(Sll[h])) \cup Range(List(Chain[h].head)) :
              SlabOf(b) = Current[h]
    /\ \A h \in Heaps :
         LET q == LocalBatch[h] IN
           /\ q.count <= RemoteBatch
           /\ Len(BatchList(h)) = q.count
           /\ q.count > 0 => /\ q.tail = BatchList(h)[q.count]
                             /\ next[q.tail] = (IF q.pushing THEN q.seen ELSE Nil)
           /\ \A b \in Range(BatchList(h)) : SlabOf(b) = q.slab
    /\ \A s \in Slabs :
         /\ Acyclic(Freelist[s]) /\ Acyclic(Remote[s])
         /\ RemoteCount[s] = Len(List(Remote[s]))
         /\ \A b \in Range(List(Freelist[s])) \cup Range(List(Remote[s])) : SlabOf(b) = s

(***************************************************************************)
(* CounterBalance: per slab Used + Len(Freelist) = Carved, and Used counts *)
(* exactly the carved blocks off the freelist: on the remote stack, in    *)
(* local batches (flushed or not), pending pushes, cache lists, refill    *)
(* chains, the users' hands; per superslab TotalActive is the sum of Used *)
(* over its slabs.                                                        *)
(***************************************************************************)
OutOfFreelist(s) ==
      Len(List(Remote[s]))
    + SumOver([h \in Heaps |-> IF LocalBatch[h].slab = s THEN LocalBatch[h].count ELSE 0], Heaps)
    + Cardinality({h \in Heaps : Pending[h].blk # Nil /\ SlabOf(Pending[h].blk) = s})
    + SumOver([h \in Heaps |-> IF Current[h] = s
                               THEN Len(List(Sll[h])) + Len(List(Chain[h].head)) ELSE 0], Heaps)
    + Cardinality({b \in InUse : SlabOf(b) = s})

CounterBalance ==
    /\ \A s \in Slabs : Used[s] + Len(List(Freelist[s])) = Carved[s]
    /\ \A s \in Slabs : Used[s] = OutOfFreelist(s)
    /\ \A ss \in SuperSlabs :
         TotalActive[ss] = SumOver([s \in Slabs |-> IF SuperOf[s] = ss THEN Used[s] ELSE 0], Slabs)

(* A heap owns exactly its current slab. *)
OwnerMatchesCurrent ==
    \A s \in Slabs, h \in Heaps : Owner[s] = h <=> Current[h] = s

-----------------------------------------------------------------------------
(***************************************************************************)
(* Refinement: "in use" of the abstract allocator is "in the users'       *)
(* hands" here.  Every step of the protocol is an abstract Alloc, an      *)
(* abstract Free, or leaves InUse unchanged.                              *)
(***************************************************************************)
Abstract == INSTANCE AllocatorAbstract WITH Blocks <- Blocks, InUse <- InUse

AbstractSpec == Abstract!Spec

THEOREM Spec => [](TypeOK /\ ExactlyOnePlace /\ CountsMatchLists /\ CounterBalance)
THEOREM Spec => AbstractSpec

(***************************************************************************)
(* Seeded bugs, switched on by the constant Bug (tla/mutants/*.cfg):      *)
(*   "B1"           the refill counts the batch in TotalActive twice      *)
(*                  (once at the carve, again at the splice)              *)
(*   "B3"           the splice drops the rest of the cache list           *)
(*                  (tail.next := Nil instead of the old head)            *)
(*   "B4"           the drain reads the remote head, then clears it in a  *)
(*                  later step: a push in between is lost                 *)
(*   "SllBatch"     SllCount rises by Batch, not by the blocks moved      *)
(*   "AdoptNoDrain" adoption forgets the orphaned slab's remote stack     *)
(* and four of local batches (RemoteBatch > 0; tla/mutants/Batch*.cfg):   *)
(*   "BatchLinksHead"  the flush links the batch's head, not its tail, to  *)
(*                     the remote head read                                *)
(*   "BatchWrongSlab"  the flush pushes the batch onto the remote stack of *)
(*                     the heap's current slab, not of the batch's slab    *)
(*   "ExitNoFlush"     HeapExit drops a batch it has not flushed           *)
(*   "BatchCountLimit" the push raises the remote count by RemoteBatch,    *)
(*                     not by the blocks the batch holds                   *)
(* and three that break only progress (tla/AllocatorLiveness.tla,        *)
(* tla/mutants/live/*.cfg); every invariant still holds with them (gotlc, *)
(* ci bounds; the two adoption bugs can also deadlock):                   *)
(*   "RefillNoDrain"    the refill skips the drain while the cache list    *)
(*                      is not empty                                       *)
(*   "AdoptSkipsRemote" adoption skips slabs whose remote stack is not     *)
(*                      empty                                              *)
(*   "RetireNoAdopt"    a slab given up exhausted (no freelist, fully      *)
(*                      carved: what RetireSlab orphans) is never offered  *)
(*                      for adoption, so frees pushed to it stay there     *)
(***************************************************************************)
=============================================================================
