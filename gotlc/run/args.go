package run

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/veralloc/veralloc/gotlc/check"
)

// Usage is gotlc's help text (gotlc -h).
const Usage = `usage: gotlc [flags] Spec.tla

gotlc checks the TLA+ specification Spec.tla against the model in a TLC
configuration file (Spec.cfg by default) by breadth-first search of its
reachable states, like TLC. It checks invariants, deadlock and properties:
safety ([][A]_v, e.g. refinement through INSTANCE ... WITH) and liveness
(<>, []<>, ~>, WF/SF fairness; a violation prints TLC's lasso, exit 13).

flags:
  -config FILE          model configuration file (default: Spec.cfg)
  -workers N|auto       goroutines generating successors (default 1); the
                        verdict, counts and trace do not depend on N
  -deadlock             do not check for deadlock (like TLC's -deadlock)
  -depth N              stop the search after N BFS levels (0: no limit);
                        with -simulate, the largest number of states of a
                        behaviour (default 100, as TLC)
  -simulate [num=K]     random simulation instead of breadth-first search:
                        behaviours from a random initial state, each step a
                        successor chosen at random, invariants and action
                        properties checked on every state and step; K
                        behaviours (default: no limit, like TLC)
  -num K                number of behaviours for -simulate
  -seed S               seed of the random draws (RandomElement, RandomSubset,
                        ...) and of -simulate (default 0): the same seed (with,
                        for -simulate, the same depth and number) gives the
                        same run and output for any -workers
  -coverage [N]         print, per sub-action of Next, the states from which
                        it was enabled, the successors it generated and the
                        distinct states it found (N, TLC's report interval in
                        minutes, is accepted and ignored). Without -coverage
                        a warning is still printed for every action that was
                        never enabled in a successful search.
  -queuemem SIZE        memory for states waiting in the BFS queue, e.g. 512M
                        or 4G (default 1G); past it the queue continues in a
                        temporary file (in -metadir if given, else $TMPDIR),
                        so the search needs per distinct state only its
                        fingerprint in memory (10.7 to 16 bytes)
  -dumpTrace json FILE  write the error trace (if any) as JSON to FILE
  -trace FILE           trace validation: check that the events of FILE are a
                        behaviour of the spec (see gotlc -trace -h)
  -lib DIR[:DIR...]     also look for user modules in these directories
                        (like TLC's -DTLA-Library=DIR, which is accepted
                        too, as is the environment variable TLA_LIBRARY)
  -lncheck default|final  accepted and ignored: gotlc checks temporal
                        properties once, after the search, always (TLC's
                        -lncheck final): only then is the behaviour graph
                        complete, and one pass over it costs less than
                        TLC's default of re-checking the growing graph
                        during the search. A finite behaviour that violates
                        a property (e.g. [](t => []t)) is still reported
                        during the search, as TLC does.
  -h, -help, --help     print this help

TLC flags that do not change results are accepted and ignored:
  -fp N, -checkpoint N, -maxSetSize N, -nowarning, -noGenerateSpecTE,
  -cleanup, -gzip, -terse

exit codes (TLC's): 0 no error, 10 assumption false, 11 deadlock,
12 invariant violated, 13 property violated, 14 Assert failed,
75 evaluation error, 76 an invariant could not be evaluated,
150 parse error, 151 the configuration names a constant, definition or
invariant the spec lacks (or leaves a constant unassigned), 255 unreadable
configuration file or other failure (including a liveness property gotlc
cannot check).
`

// Options are the settings of one gotlc run: what its command line says
// (ParseArgs), or what a program that runs gotlc in-process sets.
type Options struct {
	Spec    string   // the root module's file (.tla)
	Config  string   // the .cfg file
	Library []string // more directories of user modules (-lib)
	Workers int      // goroutines generating successors (>= 1)
	// NoDeadlock turns the deadlock check off (-deadlock).
	NoDeadlock bool
	// Depth bounds the BFS levels (0: no limit) or, with Simulate, the
	// states of a behaviour; DepthSet says -depth was given.
	Depth    int
	DepthSet bool
	// DumpTrace names the file of the JSON error trace (-dumpTrace json).
	DumpTrace string
	Simulate  bool  // random simulation instead of breadth-first search
	Num       int64 // behaviours of a simulation (<= 0: no limit)
	Seed      int64 // the simulation's seed
	Coverage  bool  // print the per-action coverage
	QueueMem  int64 // bytes of BFS queue before it spills to disk (0: default)
	MetaDir   string
	// Cancel, when closed, stops a breadth-first search (an in-process
	// caller's time limit; there is no flag for it).
	Cancel <-chan struct{}
}

// ParseArgs reads gotlc's command line (TLC's flags). It returns ErrHelp
// for -h.
func ParseArgs(args []string) (*Options, error) {
	o := &Options{Workers: 1}
	need := func(i int, name string) (string, error) {
		if i+1 >= len(args) {
			return "", fmt.Errorf("flag %s needs a value", name)
		}
		return args[i+1], nil
	}
	dumpKind := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			if o.Spec != "" {
				return nil, fmt.Errorf("more than one spec given: %s and %s", o.Spec, a)
			}
			o.Spec = a
			continue
		}
		name := strings.TrimLeft(a, "-")
		if dir, ok := strings.CutPrefix(a, "-DTLA-Library="); ok {
			o.Library = append(o.Library, filepath.SplitList(dir)...)
			continue
		}
		switch name {
		case "lib":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			o.Library = append(o.Library, filepath.SplitList(v)...)
			i++
		case "h", "help":
			return nil, ErrHelp
		case "config":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			o.Config = v
			i++
		case "workers":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			i++
			if v == "auto" {
				o.Workers = check.AutoWorkers()
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("-workers takes a positive number or auto, not %q", v)
			}
			o.Workers = n
		case "deadlock":
			o.NoDeadlock = true
		case "depth":
			v, err := need(i, a)
			if err != nil {
				return nil, err
			}
			i++
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("-depth takes a number, not %q", v)
			}
			o.Depth = n
			o.DepthSet = true
		case "simulate", "num", "seed", "coverage", "queuemem", "metadir":
			n, err := o.parseExtra(name, args, i)
			if err != nil {
				return nil, err
			}
			i += n
		case "fp", "checkpoint", "maxSetSize", "lncheck":
			if _, err := need(i, a); err != nil {
				return nil, err
			}
			i++
		case "dumpTrace":
			if i+2 >= len(args) {
				return nil, fmt.Errorf("-dumpTrace needs a format and a file: -dumpTrace json FILE")
			}
			dumpKind, o.DumpTrace = args[i+1], args[i+2]
			if dumpKind != "json" {
				return nil, fmt.Errorf("-dumpTrace: gotlc writes only the json format, not %q", dumpKind)
			}
			i += 2
		case "nowarning", "noGenerateSpecTE", "cleanup", "gzip", "terse":
		default:
			return nil, fmt.Errorf("unknown flag %s", a)
		}
	}
	if o.Spec == "" {
		return nil, fmt.Errorf("no spec given")
	}
	if env := os.Getenv("TLA_LIBRARY"); env != "" {
		o.Library = append(o.Library, filepath.SplitList(env)...)
	}
	if !strings.HasSuffix(o.Spec, ".tla") {
		o.Spec += ".tla"
	}
	if o.Config == "" {
		o.Config = strings.TrimSuffix(o.Spec, ".tla") + ".cfg"
	}
	return o, nil
}

// ErrHelp is ParseArgs's answer to -h.
var ErrHelp = errors.New("help")

// SimDepth is the length bound of a behaviour in -simulate (TLC's default
// 100).
func (o *Options) SimDepth() int {
	if o.DepthSet && o.Depth > 0 {
		return o.Depth
	}
	return 100
}

// parseExtra parses the flags of simulation, coverage and the queue;
// args[i] is the flag. It returns how many arguments it consumed beyond
// the flag itself.
func (o *Options) parseExtra(name string, args []string, i int) (int, error) {
	next := ""
	if i+1 < len(args) {
		next = args[i+1]
	}
	switch name {
	case "simulate":
		o.Simulate = true
		if strings.HasPrefix(next, "num=") || strings.HasPrefix(next, "file=") {
			for _, kv := range strings.Split(next, ",") {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "num":
					n, err := strconv.ParseInt(v, 10, 64)
					if err != nil || n < 1 {
						return 0, fmt.Errorf("-simulate num=K takes a positive number, not %q", v)
					}
					o.Num = n
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
		o.Num = n
		return 1, nil
	case "seed":
		n, err := strconv.ParseInt(next, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("-seed takes an integer, not %q", next)
		}
		o.Seed = n
		return 1, nil
	case "coverage":
		o.Coverage = true
		if _, err := strconv.Atoi(next); err == nil {
			return 1, nil // TLC's report interval (minutes)
		}
		return 0, nil
	case "queuemem":
		n, err := parseSize(next)
		if err != nil {
			return 0, fmt.Errorf("-queuemem takes a size such as 512M or 4G, not %q", next)
		}
		o.QueueMem = n
		return 1, nil
	case "metadir":
		if next == "" {
			return 0, fmt.Errorf("flag -metadir needs a value")
		}
		o.MetaDir = next
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
