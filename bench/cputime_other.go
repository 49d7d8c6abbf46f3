//go:build !linux

package bench

// processCPUSeconds is not implemented here; -1 means unknown.
func processCPUSeconds() float64 { return -1 }
