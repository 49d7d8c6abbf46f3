package bench

// scratch is scratchGo's loop in the instructions gcc makes of harness.c's
// scratch (scratch_amd64.s); TestScratchAsmMatchesGo compares the two.
func scratch(b []byte, passes int) uint64 { return scratchAsm(b, passes) }

// scratchAsm is in scratch_amd64.s.
//
//go:noescape
func scratchAsm(b []byte, passes int) uint64
