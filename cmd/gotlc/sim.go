package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/veralloc/veralloc/gotlc/check"
	"github.com/veralloc/veralloc/gotlc/eval"
)

// simulate runs -simulate and reports like TLC's simulation mode; it returns
// the exit code.
func simulate(out io.Writer, p *eval.Program, model *check.Model, o *options, deadlock bool) int {
	res := check.Simulate(model, check.SimOptions{
		Workers:       o.workers,
		CheckDeadlock: deadlock,
		Depth:         o.simDepth(),
		Seed:          o.seed,
		Num:           o.num,
		Progress: func(s check.SimStats) {
			fmt.Fprintf(out, "Progress at %s: %s states checked, %s traces generated.\n", stamp(now()), commas(s.States), commas(s.Traces))
		},
	})
	tail := func() {
		fmt.Fprintf(out, "The number of states generated: %d\n", res.States)
		fmt.Fprintf(out, "Simulation using seed %d and aril 0\n", o.seed)
		fmt.Fprintf(out, "Progress: %d states checked.\n", res.States)
	}
	var code int
	switch res.Verdict {
	case check.Success:
		fmt.Fprintf(out, "Progress: %d states checked.\n", res.States)
		mean := 0.0
		if res.Traces > 0 {
			mean = float64(res.LenSum) / float64(res.Traces)
		}
		fmt.Fprintf(out, "Simulation completed: %d behaviours (mean length %.1f states, at most %d), no error found (seed %d, behaviours digest %016x).\n", res.Traces, mean, o.simDepth(), o.seed, res.Digest)
		return exitOK
	case check.InvariantViolated:
		fmt.Fprintf(out, "Error: Invariant %s is violated.\n", res.Name)
		code = exitSafety
	case check.PropertyViolated:
		fmt.Fprintf(out, "Error: Action property %s is violated.\n", res.Name)
		code = exitProperty
	case check.Deadlock:
		fmt.Fprintln(out, "Error: Deadlock reached.")
		code = exitDeadlock
	default:
		if res.Name != "" {
			fmt.Fprintf(out, "Error: Evaluating invariant %s failed.\n%v\n", res.Name, res.Err)
			code = exitInvEval
		} else {
			fmt.Fprintf(out, "Error: %v\n", res.Err)
			code = exitCodeOf(res.Err)
		}
	}
	printTrace(out, p, res.Trace)
	tail()
	return code
}

func now() time.Time { return time.Now() }

// simDepth is the length bound of a behaviour in -simulate (TLC's default
// 100).
func (o *options) simDepth() int {
	if o.depthSet && o.depth > 0 {
		return o.depth
	}
	return 100
}

// parseExtra parses the flags of simulation, coverage and the queue;
// args[i] is the flag. It returns how many arguments it consumed beyond
// the flag itself.
func (o *options) parseExtra(name string, args []string, i int) (int, error) {
	next := ""
	if i+1 < len(args) {
		next = args[i+1]
	}
	switch name {
	case "simulate":
		o.simulate = true
		if strings.HasPrefix(next, "num=") || strings.HasPrefix(next, "file=") {
			for _, kv := range strings.Split(next, ",") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "num":
					n, err := strconv.ParseInt(v, 10, 64)
					if err != nil || n < 1 {
						return 0, fmt.Errorf("-simulate num=K takes a positive number, not %q", v)
					}
					o.num = n
				default:
					return 0, fmt.Errorf("-simulate: gotlc supports only num=K, not %q", kv)
				}
			}
			return 1, nil
		}
		return 0, nil
	case "num":
		n, err := strconv.ParseInt(next, 10, 64)
		if err != nil || n < 1 {
			return 0, fmt.Errorf("-num takes a positive number, not %q", next)
		}
		o.num = n
		return 1, nil
	case "seed":
		n, err := strconv.ParseInt(next, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("-seed takes an integer, not %q", next)
		}
		o.seed = n
		return 1, nil
	case "coverage":
		o.coverage = true
		if _, err := strconv.Atoi(next); err == nil {
			return 1, nil // TLC's report interval (minutes)
		}
		return 0, nil
	case "queuemem":
		n, err := parseSize(next)
		if err != nil {
			return 0, fmt.Errorf("-queuemem takes a size such as 512M or 4G, not %q", next)
		}
		o.queueMem = n
		return 1, nil
	case "metadir":
		if next == "" {
			return 0, fmt.Errorf("flag -metadir needs a value")
		}
		o.metadir = next
		return 1, nil
	}
	return 0, fmt.Errorf("unknown flag -%s", name)
}

// parseSize reads a byte count with an optional K, M, G or T suffix (powers
// of 1024).
func parseSize(s string) (int64, error) {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"), strings.HasSuffix(s, "k"):
		mult = 1 << 10
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult = 1 << 20
	case strings.HasSuffix(s, "G"), strings.HasSuffix(s, "g"):
		mult = 1 << 30
	case strings.HasSuffix(s, "T"), strings.HasSuffix(s, "t"):
		mult = 1 << 40
	}
	if mult > 1 {
		s = s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > (1<<62)/mult {
		return 0, fmt.Errorf("bad size")
	}
	return n * mult, nil
}
