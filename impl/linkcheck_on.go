//go:build !nolinkcheck

package impl

// linkChecks switches the validation of free-list links (link.go) on. The
// nolinkcheck build tag switches it off; that build exists only to measure
// what the validation costs (impl/linkcost.sh), and the tests of corrupted
// links fail under it.
const linkChecks = true
