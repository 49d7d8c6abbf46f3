// Command gotlc is a TLC-compatible explicit-state model checker for the
// TLA+ subset veralloc's specs use. It takes TLC's flags, prints TLC's
// output lines and error traces, and exits with TLC's exit codes, so
// scripts written for TLC work unchanged. See gotlc/README.md.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"syscall"

	"github.com/veralloc/veralloc/gotlc/output"
	"github.com/veralloc/veralloc/gotlc/run"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// The checker allocates many short-lived values; collecting less
		// often saves about a quarter of the CPU time.
		debug.SetGCPercent(400)
	}
	cpu, mem := os.Getenv("GOTLC_CPUPROFILE"), os.Getenv("GOTLC_MEMPROFILE")
	if cpu == "" && mem == "" {
		os.Exit(gotlcMain(os.Args[1:], os.Stdout))
	}
	// Profiles: GOTLC_CPUPROFILE (CPU) and GOTLC_MEMPROFILE (allocation
	// sites, go tool pprof -sample_index=alloc_space, one sample per 64 KiB
	// allocated). A run stopped by a signal (a timeout) still writes them:
	// that is how a model too slow to finish is profiled.
	var w *os.File
	if cpu != "" {
		if f, err := os.Create(cpu); err == nil {
			w = f
			pprof.StartCPUProfile(w)
		}
	}
	if mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	var once sync.Once
	finish := func() {
		once.Do(func() {
			if w != nil {
				pprof.StopCPUProfile()
				w.Close()
			}
			writeMemProfile(mem)
		})
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		finish()
		os.Exit(130)
	}()
	code := gotlcMain(os.Args[1:], os.Stdout)
	finish()
	os.Exit(code)
}

// writeMemProfile writes the allocation profile to file f (nothing when f
// is empty).
func writeMemProfile(f string) {
	if f == "" {
		return
	}
	if w, err := os.Create(f); err == nil {
		pprof.Lookup("allocs").WriteTo(w, 0)
		w.Close()
	}
}

// gotlcMain runs the command line args, printing to out, and returns the exit
// code: trace validation (trace.go) or a model check (gotlc/run).
func gotlcMain(args []string, out io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(out, "Error: gotlc internal error: %v\n", r)
			if os.Getenv("GOTLC_DEBUG") != "" {
				fmt.Fprintf(out, "%s\n", debug.Stack())
			}
			code = output.ExitError
		}
	}()
	if c, ok := traceMode(args, out); ok { // trace validation (trace.go)
		return c
	}
	o, err := run.ParseArgs(args)
	if err == run.ErrHelp {
		fmt.Fprint(out, run.Usage)
		return output.ExitOK
	}
	if err != nil {
		fmt.Fprintf(out, "Error: %v\n\n%s", err, run.Usage)
		return output.ExitError
	}
	return run.Model(o, out).Exit
}
