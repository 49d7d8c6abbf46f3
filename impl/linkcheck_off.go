//go:build nolinkcheck

package impl

// linkChecks is false in the nolinkcheck build: links are decoded but not
// validated. For measuring the validation's cost only (impl/linkcost.sh).
const linkChecks = false
