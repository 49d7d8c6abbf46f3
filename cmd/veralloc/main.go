// Command veralloc is the project's tool: each subcommand lives in its own
// file of this package and registers itself in an init function, so adding a
// subcommand never needs an edit here.
//
//	func init() {
//		register("name", command{
//			summary: "one line for the list printed by veralloc --help",
//			run:     func(args []string, stdout, stderr io.Writer) int { ... },
//		})
//	}
//
// run receives the arguments after the subcommand name and returns the
// process exit code (0 success, 1 failure, 2 usage error). Each subcommand
// handles its own -h/--help.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one registered subcommand.
type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands holds every subcommand; filled by init functions only.
var commands = map[string]command{}

// register adds a subcommand; registering a name twice is a programming error.
func register(name string, c command) {
	if _, dup := commands[name]; dup {
		panic("veralloc: subcommand registered twice: " + name)
	}
	commands[name] = c
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: veralloc <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'veralloc <command> -h' for the flags of a command.")
}

func main() { os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr)) }

// dispatch runs the subcommand named by args[0] and returns the exit code.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "veralloc: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(args[1:], stdout, stderr)
}

// fail reports err as the failure of subcommand cmd ("cmd: err" on
// stderr) and returns exit code 1; the subcommands return through it.
func fail(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
	return 1
}

// parseFlags makes text (then the flag defaults) fs's usage message and
// parses args. When ok is false the subcommand must return code at once: 0
// after -h/--help, 2 for a bad flag (fs has already said what was wrong).
func parseFlags(fs *flag.FlagSet, stderr io.Writer, args []string, text string) (code int, ok bool) {
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, text)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	return 0, true
}
