---- MODULE DagEdges ----
\* A DAG of vertices <<node, round>> whose edges point one round back, as
\* in tlaplus/Examples' Sailfish: the invariant tests <<v, c>> \in es for
\* every pair of vertices, a tuple membership gotlc decides without
\* building the tuple.
EXTENDS Naturals
CONSTANTS N, MaxR
VARIABLES vs, es
Children(v) == {c \in vs : <<v, c>> \in es}
Init == vs = {} /\ es = {}
Add(n, r) == /\ <<n, r>> \notin vs
             /\ \E parents \in SUBSET {u \in vs : u[2] = r - 1} :
                  /\ r = 1 \/ parents # {}
                  /\ vs' = vs \cup {<<n, r>>}
                  /\ es' = es \cup {<<<<n, r>>, p>> : p \in parents}
Next == \E n \in N, r \in 1..MaxR : Add(n, r)
TypeOK == /\ \A v \in vs : \A c \in Children(v) : c[2] = v[2] - 1
          /\ \A v, c \in vs : <<v, c>> \in es => <<c, v>> \notin es
          /\ \A e \in es : {e[1], e[2]} \subseteq vs
====
