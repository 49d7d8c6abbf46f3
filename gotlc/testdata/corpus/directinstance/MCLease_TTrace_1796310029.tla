---- MODULE MCLease_TTrace_1796310029 ----
EXTENDS Sequences, TLCExt, MCLease, Toolbox, Naturals, TLC

_expression ==
    LET MCLease_TEExpression == INSTANCE MCLease_TEExpression
    IN MCLease_TEExpression!expression
----

_trace ==
    LET MCLease_TETrace == INSTANCE MCLease_TETrace
    IN MCLease_TETrace!trace
----

_inv ==
    ~(
        TLCGet("level") = Len(_TETrace)
        /\
        t = (2)
    )
----

_init ==
    /\ t = _TETrace[1].t
----

_next ==
    /\ \E i,j \in DOMAIN _TETrace:
        /\ \/ /\ j = i + 1
              /\ i = TLCGet("level")
        /\ t  = _TETrace[i].t
        /\ t' = _TETrace[j].t

\* Uncomment the ASSUME below to write the states of the error trace
\* to the given file in Json format. Note that you can pass any tuple
\* to `JsonSerialize`. For example, a sub-sequence of _TETrace.
    \* ASSUME
    \*     LET J == INSTANCE Json
    \*         IN J!JsonSerialize("MCLease_TTrace_1796310029.json", _TETrace)

=============================================================================

 Note that you can extract this module `MCLease_TEExpression`
  to a dedicated file to reuse `expression` (the module in the 
  dedicated `MCLease_TEExpression.tla` file takes precedence 
  over the module `MCLease_TEExpression` below).

---- MODULE MCLease_TEExpression ----
EXTENDS Sequences, TLCExt, MCLease, Toolbox, Naturals, TLC

expression == 
    [
        \* To hide variables of the `MCLease` spec from the error trace,
        \* remove the variables below.  The trace will be written in the order
        \* of the fields of this record.
        t |-> t
        
        \* Put additional constant-, state-, and action-level expressions here:
        \* ,_stateNumber |-> _TEPosition
        \* ,_tUnchanged |-> t = t'
        
        \* Format the `t` variable as Json value.
        \* ,_tJson |->
        \*     LET J == INSTANCE Json
        \*     IN J!ToJson(t)
        
        \* Lastly, you may build expressions over arbitrary sets of states by
        \* leveraging the _TETrace operator.  For example, this is how to
        \* count the number of times a spec variable changed up to the current
        \* state in the trace.
        \* ,_tModCount |->
        \*     LET F[s \in DOMAIN _TETrace] ==
        \*         IF s = 1 THEN 0
        \*         ELSE IF _TETrace[s].t # _TETrace[s-1].t
        \*             THEN 1 + F[s-1] ELSE F[s-1]
        \*     IN F[_TEPosition - 1]
    ]

=============================================================================



Parsing and semantic processing can take forever if the trace below is long.
 In this case, it is advised to uncomment the module below to deserialize the
 trace from a generated binary file.

\*
\*---- MODULE MCLease_TETrace ----
\*EXTENDS IOUtils, MCLease, TLC
\*
\*trace == IODeserialize("MCLease_TTrace_1796310029.bin", TRUE)
\*
\*=============================================================================
\*

---- MODULE MCLease_TETrace ----
EXTENDS MCLease, TLC

trace == 
    <<
    ([t |-> 0]),
    ([t |-> 1]),
    ([t |-> 2])
    >>
----


=============================================================================

---- CONFIG MCLease_TTrace_1796310029 ----
CONSTANTS
    Renew <- MCRenew
    Limit = 1

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
\* Generated on Thu Dec 03 15:00:32 UTC 2026