---- MODULE MCAllocator_TTrace_1796309094 ----
EXTENDS Sequences, TLCExt, Toolbox, MCAllocator, Naturals, TLC, MCAllocator_TEConstants

_expression ==
    LET MCAllocator_TEExpression == INSTANCE MCAllocator_TEExpression
    IN MCAllocator_TEExpression!expression
----

_trace ==
    LET MCAllocator_TETrace == INSTANCE MCAllocator_TETrace
    IN MCAllocator_TETrace!trace
----

_inv ==
    ~(
        TLCGet("level") = Len(_TETrace)
        /\
        next = ((<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil))
        /\
        Carved = ((s1 :> 2 @@ s2 :> 0))
        /\
        Chain = ((h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]))
        /\
        Owner = ((s1 :> h1 @@ s2 :> Nil))
        /\
        Phase = ((h1 :> "idle" @@ h2 :> "idle"))
        /\
        TotalActive = ((ss1 :> 2))
        /\
        Remote = ((s1 :> Nil @@ s2 :> Nil))
        /\
        LocalBatch = ((h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]))
        /\
        SllCount = ((h1 :> 2 @@ h2 :> 0))
        /\
        Drained = ((h1 :> Nil @@ h2 :> Nil))
        /\
        Sll = ((h1 :> <<s1, 2>> @@ h2 :> Nil))
        /\
        Used = ((s1 :> 2 @@ s2 :> 0))
        /\
        RemoteCount = ((s1 :> 0 @@ s2 :> 0))
        /\
        InUse = ({<<s1, 1>>})
        /\
        Current = ((h1 :> s1 @@ h2 :> Nil))
        /\
        Freelist = ((s1 :> Nil @@ s2 :> Nil))
        /\
        Pending = ((h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil]))
    )
----

_init ==
    /\ Drained = _TETrace[1].Drained
    /\ SllCount = _TETrace[1].SllCount
    /\ TotalActive = _TETrace[1].TotalActive
    /\ Sll = _TETrace[1].Sll
    /\ Current = _TETrace[1].Current
    /\ Chain = _TETrace[1].Chain
    /\ Used = _TETrace[1].Used
    /\ InUse = _TETrace[1].InUse
    /\ next = _TETrace[1].next
    /\ Freelist = _TETrace[1].Freelist
    /\ Pending = _TETrace[1].Pending
    /\ LocalBatch = _TETrace[1].LocalBatch
    /\ Carved = _TETrace[1].Carved
    /\ RemoteCount = _TETrace[1].RemoteCount
    /\ Remote = _TETrace[1].Remote
    /\ Owner = _TETrace[1].Owner
    /\ Phase = _TETrace[1].Phase
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
        /\ Drained  = _TETrace[i].Drained
        /\ Drained' = _TETrace[j].Drained
        /\ SllCount  = _TETrace[i].SllCount
        /\ SllCount' = _TETrace[j].SllCount
        /\ TotalActive  = _TETrace[i].TotalActive
        /\ TotalActive' = _TETrace[j].TotalActive
        /\ Sll  = _TETrace[i].Sll
        /\ Sll' = _TETrace[j].Sll
        /\ Current  = _TETrace[i].Current
        /\ Current' = _TETrace[j].Current
        /\ Chain  = _TETrace[i].Chain
        /\ Chain' = _TETrace[j].Chain
        /\ Used  = _TETrace[i].Used
        /\ Used' = _TETrace[j].Used
        /\ InUse  = _TETrace[i].InUse
        /\ InUse' = _TETrace[j].InUse
        /\ next  = _TETrace[i].next
        /\ next' = _TETrace[j].next
        /\ Freelist  = _TETrace[i].Freelist
        /\ Freelist' = _TETrace[j].Freelist
        /\ Pending  = _TETrace[i].Pending
        /\ Pending' = _TETrace[j].Pending
        /\ LocalBatch  = _TETrace[i].LocalBatch
        /\ LocalBatch' = _TETrace[j].LocalBatch
        /\ Carved  = _TETrace[i].Carved
        /\ Carved' = _TETrace[j].Carved
        /\ RemoteCount  = _TETrace[i].RemoteCount
        /\ RemoteCount' = _TETrace[j].RemoteCount
        /\ Remote  = _TETrace[i].Remote
        /\ Remote' = _TETrace[j].Remote
        /\ Owner  = _TETrace[i].Owner
        /\ Owner' = _TETrace[j].Owner
        /\ Phase  = _TETrace[i].Phase
        /\ Phase' = _TETrace[j].Phase

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("MCAllocator_TTrace_1796309094.json", _TETrace)

=============================================================================

 Note that you can extract this module `MCAllocator_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `MCAllocator_TEExpression.tla` file takes precedence 
  over the module `MCAllocator_TEExpression` below).

---- MODULE MCAllocator_TEExpression ----
EXTENDS Sequences, TLCExt, Toolbox, MCAllocator, Naturals, TLC, MCAllocator_TEConstants

expression == 
    [
        \* To hide variables of the `MCAllocator` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        Drained |-> Drained
        ,SllCount |-> SllCount
        ,TotalActive |-> TotalActive
        ,Sll |-> Sll
        ,Current |-> Current
        ,Chain |-> Chain
        ,Used |-> Used
        ,InUse |-> InUse
        ,next |-> next
        ,Freelist |-> Freelist
        ,Pending |-> Pending
        ,LocalBatch |-> LocalBatch
        ,Carved |-> Carved
        ,RemoteCount |-> RemoteCount
        ,Remote |-> Remote
        ,Owner |-> Owner
        ,Phase |-> Phase
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_DrainedUnchanged |-> Drained = Drained'
        
        \* Format the `Drained` variable as Json value.
        \* ,_DrainedJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(Drained)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_DrainedModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].Drained # _TETrace[s-1].Drained
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE MCAllocator_TETrace ----
\*EXTENDS IOUtils, MCAllocator, TLC, MCAllocator_TEConstants
\*
\*trace == IODeserialize("MCAllocator_TTrace_1796309094.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE MCAllocator_TETrace ----
EXTENDS MCAllocator, TLC, MCAllocator_TEConstants

trace == 
    <<
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 0 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> Nil @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 0),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 0 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {},Current |-> (h1 :> Nil @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 0 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 0),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 0 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 0 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "drained" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 0),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 0 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 0 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "popped" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 0),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 0 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> <<s1, 2>> @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> <<s1, 1>>, tail |-> <<s1, 2>>, count |-> 2] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "carved" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 2),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 2 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> <<s1, 2>> @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 2),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 2 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> <<s1, 1>> @@ h2 :> Nil),Used |-> (s1 :> 2 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 2),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 1 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> <<s1, 2>> @@ h2 :> Nil),Used |-> (s1 :> 2 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> Nil @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 1),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 1 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> Nil @@ h2 :> Nil),Freelist |-> (s1 :> <<s1, 2>> @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 1),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 1 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> <<s1, 2>> @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "drained" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 1),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 1 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> <<s1, 2>> @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> <<s1, 2>>, tail |-> <<s1, 2>>, count |-> 1] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "popped" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 2),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 2 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> <<s1, 2>>, tail |-> <<s1, 2>>, count |-> 1] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "carved" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 2),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 0 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> Nil @@ h2 :> Nil),Used |-> (s1 :> 2 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])]),
    ([next |-> (<<s1, 1>> :> Nil @@ <<s1, 2>> :> Nil @@ <<s2, 1>> :> Nil @@ <<s2, 2>> :> Nil),Carved |-> (s1 :> 2 @@ s2 :> 0),Chain |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0]),Owner |-> (s1 :> h1 @@ s2 :> Nil),Phase |-> (h1 :> "idle" @@ h2 :> "idle"),TotalActive |-> (ss1 :> 2),Remote |-> (s1 :> Nil @@ s2 :> Nil),LocalBatch |-> (h1 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE] @@ h2 :> [head |-> Nil, tail |-> Nil, count |-> 0, seen |-> Nil, slab |-> Nil, pushing |-> FALSE]),SllCount |-> (h1 :> 2 @@ h2 :> 0),Drained |-> (h1 :> Nil @@ h2 :> Nil),Sll |-> (h1 :> <<s1, 2>> @@ h2 :> Nil),Used |-> (s1 :> 2 @@ s2 :> 0),RemoteCount |-> (s1 :> 0 @@ s2 :> 0),InUse |-> {<<s1, 1>>},Current |-> (h1 :> s1 @@ h2 :> Nil),Freelist |-> (s1 :> Nil @@ s2 :> Nil),Pending |-> (h1 :> [blk |-> Nil, seen |-> Nil] @@ h2 :> [blk |-> Nil, seen |-> Nil])])
    >>
----


=============================================================================

---- MODULE MCAllocator_TEConstants ----
EXTENDS MCAllocator

CONSTANTS h1, h2

=============================================================================

---- CONFIG MCAllocator_TTrace_1796309094 ----
CONSTANTS
    Heaps = { h1 , h2 }
    s1 = s1
    s2 = s2
    ss1 = ss1
    ss2 = ss2
    Slabs = { s1 , s2 }
    SuperSlabs = { ss1 }
    SuperOf <- MCSuperOfOne
    Cap = 2
    Batch = 2
    SllMax = 2
    RemoteBatch = 0
    Nil = Nil
    Bug = "SllBatch"
    Nil = Nil
    s2 = s2
    h2 = h2
    h1 = h1
    ss2 = ss2
    ss1 = ss1
    s1 = s1

INVARIANT
    _inv

CHECK_DEADLOCK
    \* CHECK_DEADLOCK off because of PROPERTY or INVARIANT above.
    FALSE

INIT
    _init

NEXT
    _next

CONSTANT
    _TETrace <- _trace

ALIAS
    _expression
=============================================================================
\* Generated on Thu Dec 03 14:45:03 UTC 2026