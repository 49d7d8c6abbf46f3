package main

import "github.com/veralloc/veralloc/linearize"

// lincheck: the linearizability check of linearize/ (see linearize.Command
// and linearize/README.md).
func init() {
	register("lincheck", command{summary: linearize.Summary, run: linearize.Command})
}
