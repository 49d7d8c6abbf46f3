package check

import (
	"github.com/veralloc/veralloc/gotlc/cfg"
	"github.com/veralloc/veralloc/gotlc/eval"
	"github.com/veralloc/veralloc/gotlc/syntax"
)

// Load reads the module at spec (syntax.Load) and the configuration file
// at config (cfg.ParseFile) and builds their model (Build): the steps
// before a search, for callers that want the model alone (the checker's,
// liveness's and spec/'s tests, benchmarks). gotlc itself (gotlc/run) takes
// the steps one by one, to report each failure as TLC does.
func Load(spec, config string) (*Model, *eval.Program, error) {
	prog, err := syntax.Load(spec)
	if err != nil {
		return nil, nil, err
	}
	c, err := cfg.ParseFile(config)
	if err != nil {
		return nil, nil, err
	}
	return Build(prog, c)
}
