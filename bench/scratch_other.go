//go:build !amd64

package bench

func scratch(b []byte, passes int) uint64 { return scratchGo(b, passes) }
