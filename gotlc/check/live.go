package check

import (
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/value"
)

// Graph receives the behaviour graph while the search runs, for the
// liveness checker (gotlc/liveness), which checks it once the search is
// complete. Label is called by the workers, in parallel, once for every
// expanded state with its successors inside the model (in the order Next
// produced them); Add and Initial are called by the merge, in the order a
// single worker would have produced the states, so the recorded graph does
// not depend on the number of workers.
type Graph interface {
	// Label evaluates what the liveness checker needs of state s and of
	// its steps to succs (and of the stuttering step s -> s); the result
	// is handed to Add.
	Label(s []value.Value, succs [][]value.Value) (any, error)
	// Add records the state with fingerprint fp, the fingerprints of its
	// successors (as given to Label) and Label's result.
	Add(fp uint64, succs []uint64, label any) error
	// Initial marks the state with fingerprint fp as initial.
	Initial(fp uint64)
}

// Fingerprint is the identity of state s in the search (under VIEW and
// SYMMETRY), as recorded in the Graph.
func (m *Model) Fingerprint(s []value.Value) (uint64, error) {
	return (&checker{core: core{m}}).fingerprint(s)
}

// Replay finds the behaviour whose states have the fingerprints fps (each
// a successor of the one before it, the first an initial state), by
// running the spec, with the action that produced each state.
func (m *Model) Replay(fps []uint64) ([]Step, error) {
	return (&checker{core: core{m}}).replay(fps)
}

// StepLabel finds a step from s to a state with fingerprint fp and returns
// that state and its action (nil, nil if there is none).
func (m *Model) StepLabel(s []value.Value, fp uint64) (Step, bool) {
	c := &checker{core: core{m}}
	var out Step
	found := false
	m.Next.Quiet().RunNamed(s, func(t []value.Value, l *eval.Label, _ int) {
		if found {
			return
		}
		if f, err := c.fingerprint(t); err == nil && f == fp {
			out, found = Step{State: t, Label: l}, true
		}
	})
	return out, found
}

// graphLabel runs the Graph's Label for an expansion.
func (c *checker) graphLabel(s []value.Value, ex *expansion) error {
	var succs [][]value.Value
	for i := range ex.succs {
		if !ex.succs[i].skip {
			succs = append(succs, ex.succs[i].state)
		}
	}
	l, err := c.m.Graph.Label(s, succs)
	ex.live = l
	if err != nil {
		return &LivenessEvalError{Err: err}
	}
	return err
}

// LivenessEvalError is an error raised while evaluating the predicates and
// actions of the temporal properties (ENABLED of a fairness condition, for
// instance) on a state: TLC prints the positions before the message.
type LivenessEvalError struct{ Err error }

func (e *LivenessEvalError) Error() string { return e.Err.Error() }
func (e *LivenessEvalError) Unwrap() error { return e.Err }

// graphAdd records an expanded state in the Graph.
func (c *checker) graphAdd(n node, ex *expansion) error {
	fps := make([]uint64, 0, len(ex.succs))
	for i := range ex.succs {
		if !ex.succs[i].skip {
			fps = append(fps, ex.succs[i].fp)
		}
	}
	return c.m.Graph.Add(n.fp, fps, ex.live)
}

// TemporalViolation is returned by a Graph's Add when the behaviour to the
// state just recorded, followed by the states with fingerprints Path (each
// a successor of the one before), already violates a temporal property
// whatever follows (TLC's check of the tableau during the search). The
// search stops and reports it.
type TemporalViolation struct{ Path []uint64 }

func (*TemporalViolation) Error() string { return "Temporal properties were violated." }

// temporalSteps finds the steps from s through the fingerprints path.
func (c *checker) temporalSteps(s []value.Value, path []uint64) []Step {
	var out []Step
	for _, fp := range path {
		st, ok := c.m.StepLabel(s, fp)
		if !ok {
			break
		}
		out = append(out, st)
		s = st.State
	}
	return out
}
