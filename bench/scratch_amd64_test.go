package bench

import "testing"

// The assembly scratch must write every byte, read it back and sum exactly
// as scratchGo does, for every length (0 and 1 included) and pass count.
func TestScratchAsmMatchesGo(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 64, 255, 256, 300} {
		for _, passes := range []int{0, 1, 3} {
			a, g := make([]byte, n), make([]byte, n)
			for i := range a {
				a[i], g[i] = 0xEE, 0xEE
			}
			sa, sg := scratchAsm(a, passes), scratchGo(g, passes)
			if sa != sg || string(a) != string(g) {
				t.Fatalf("len %d passes %d: asm sum %d bytes %x, Go sum %d bytes %x", n, passes, sa, a, sg, g)
			}
		}
	}
}
