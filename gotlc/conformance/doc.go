// Package conformance holds gotlc to real TLC.
//
// The corpus in ../testdata/corpus has one directory per entry: a spec, one
// or more .cfg files, and expect.json with the figures real TLC 2.18 printed
// when run with -workers 1 (verdict, exit code, distinct and generated
// states, depth, violated invariant or property, trace length), plus TLC's
// full stdout for that run. The tests in this package build cmd/gotlc, run it
// on every entry and on every model listed in tla/models.json, and require the
// same verdict, exit code, distinct states, depth, violated name, trace length
// and final state. TestAgainstTLC runs real TLC beside gotlc when TLA2TOOLS
// names tla2tools.jar.
//
// The non-test files parse TLC-format output (parse.go), load the corpus
// (corpus.go), run the two checkers (run.go) and compare results
// (compare.go); they are plain code so the parser has its own tests.
package conformance
