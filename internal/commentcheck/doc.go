// Package commentcheck holds the test that every Go comment (and every
// README/doc) naming a Go file, a test, or a member of a type or package of
// this module names one that exists. It has no code of its own; run
// `go test ./internal/commentcheck`.
package commentcheck
