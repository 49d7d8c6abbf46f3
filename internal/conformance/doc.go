// Package conformance holds gotlc to real TLC.
//
// The corpus in gotlc/testdata/corpus (see its README.md) has one directory per
// entry: a spec, one or more .cfg files, expect.json with the figures real
// TLC 2.18 printed when run with -workers 1 (verdict, exit code, distinct and
// generated states, depth, violated invariant or property, trace length), and
// TLC's full output for each run.
//
// Tests:
//
//   - TestCorpus builds cmd/gotlc once and runs it on every corpus run,
//     requiring TLC's verdict, exit code, distinct states, depth, violated
//     name and, for violations, trace length and final state (every state
//     when the run sets compare_trace). Runs marked "gotlc_expect": "refuse"
//     (liveness) must instead exit non-zero and say why. A build failure is
//     a test failure, not a skip.
//   - TestModels runs gotlc on every "ci" model of tla/models.json and
//     requires the recorded verdict, invariant, distinct states and depth.
//   - TestAgainstTLC (only when TLA2TOOLS names tla2tools.jar) runs TLC and
//     gotlc side by side on all of them and also reports TLC drifting from
//     the records.
//   - TestCorpusRecords checks the corpus itself against its stored outputs.
//   - TestRecordCorpus is the tool that wrote expect.json from TLC's output
//     (VERALLOC_RECORD_CORPUS=all|names, TLA2TOOLS=jar).
//
// Entries and models of size "large" run only when VERALLOC_LARGE=1. With -v
// each test logs a table of its runs.
//
// The non-test files load the corpus and models.json (corpus.go), run the
// two checkers (run.go) and compare results (compare.go); TLC-format output
// is read by gotlc/output's parser, the project's only one.
package conformance
