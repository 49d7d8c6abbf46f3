------------------------------ MODULE Quiet ------------------------------
(***************************************************************************)
(* Workers finish jobs; <>[][UNCHANGED jobs]_jobs says the job count       *)
(* eventually stops changing (an <>[] of an action). It holds when jobs    *)
(* only finish, fails when new jobs can arrive forever.                    *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Arrivals

VARIABLE jobs

Init == jobs = 2

Finish == jobs > 0 /\ jobs' = jobs - 1

Arrive == Arrivals /\ jobs < 2 /\ jobs' = jobs + 1

Spec == Init /\ [][Finish \/ Arrive]_jobs /\ WF_jobs(Finish)

EventuallyQuiet == <>[][UNCHANGED jobs]_jobs

AllDone == <>(jobs = 0)
=============================================================================
